using System.Globalization;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Testing.Frequency;

/// <summary>What a <see cref="FrequencyStoreDifferentialCheck"/> run found.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FrequencyCheckReport
{
    internal FrequencyCheckReport(int seed, int sequences, long operations, FrequencyDisagreement? disagreement)
    {
        Seed = seed;
        Sequences = sequences;
        Operations = operations;
        Disagreement = disagreement;
    }

    /// <summary>Gets the seed the histories were drawn from.</summary>
    public int Seed { get; }

    /// <summary>Gets the number of histories run (up to and including the one that disagreed).</summary>
    public int Sequences { get; }

    /// <summary>Gets the number of operations run.</summary>
    public long Operations { get; }

    /// <summary>Gets the first disagreement, or <see langword="null"/> when the store agreed with the rules on every operation.</summary>
    public FrequencyDisagreement? Disagreement { get; }

    /// <summary>Gets a value indicating whether the store agreed with the rules on every operation.</summary>
    public bool Agreed => Disagreement is null;

    /// <summary>Throws when the store disagreed, with the disagreement and its history in the message.</summary>
    /// <exception cref="StoreContractException">The store disagreed with the rules.</exception>
    public void ThrowIfDisagreed()
    {
        if (Disagreement is { } disagreement)
        {
            throw new StoreContractException(
                nameof(FrequencyStoreDifferentialCheck),
                string.Create(CultureInfo.InvariantCulture, $"history {disagreement.Sequence} of seed {Seed}, {disagreement.Operation}; history:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", disagreement.History)}{Environment.NewLine}"),
                disagreement.Expected,
                disagreement.Actual);
        }
    }

    /// <summary>Summarises the run.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Disagreement is { } disagreement
        ? disagreement.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"{Sequences} histories, {Operations} operations (seed {Seed}): the store agreed with the rules on every one.");
}
