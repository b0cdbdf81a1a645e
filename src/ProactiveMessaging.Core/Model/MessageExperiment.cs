using System.Collections.Immutable;

namespace ProactiveMessaging.Model;

/// <summary>
/// An experiment on a message: a gradual rollout, A/B text variants, a holdout control group and a
/// conversion goal, each optional. docs/experiments.md explains the assignment, the counts and the
/// statistics.
/// </summary>
/// <remarks>
/// <para>
/// Every visitor is assigned deterministically: one stable hash of (workspace, message, salt,
/// visitor) gives three independent positions between 0 and 100 %, one each for the rollout, the
/// holdout and the variant. The same visitor gets the same answer on every node and after restarts;
/// raising a percentage keeps everyone already in, lowering it removes only the most recently added.
/// </para>
/// <para>Immutable and thread-safe; equality compares the variants in order.</para>
/// </remarks>
public sealed record MessageExperiment
{
    /// <summary>The most variants a message may carry: 5.</summary>
    public const int MaxVariants = 5;

    /// <summary>The fewest variants a message with variants carries: 2.</summary>
    public const int MinVariants = 2;

    /// <summary>
    /// Gets the percentage (0 to 100, in steps of 0.01) of the visitors who qualify that the message
    /// goes to; 100, the default, for everyone. A visitor left out is decided as
    /// <see cref="Runtime.DecisionOutcome.NotInRollout"/> when no other message qualifies.
    /// </summary>
    public decimal RolloutPercent { get; init; } = 100m;

    /// <summary>
    /// Gets the salt mixed into the assignment hash; empty by default. Changing it reshuffles every
    /// visitor's positions (a new experiment on the same message).
    /// </summary>
    public string Salt
    {
        get;
        init => field = value ?? string.Empty;
    } = string.Empty;

    /// <summary>Gets the text variants with their weights: none, or two to five whose weights sum to 100.</summary>
    public ImmutableArray<MessageVariant> Variants
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>
    /// Gets the percentage (0 to less than 100, in steps of 0.01) of the visitors who would have been
    /// sent the message that are held out as the control group: recorded as held out, shown nothing
    /// from this message. 0, the default, for no control group.
    /// </summary>
    public decimal HoldoutPercent { get; init; }

    /// <summary>Gets the conversion goal, or <see langword="null"/> for none.</summary>
    public ConversionGoal? Goal { get; init; }

    /// <summary>Gets a value indicating whether the visitors of the message are counted per arm (variants, a control group or a goal).</summary>
    public bool HasArms => !Variants.IsEmpty || HoldoutPercent > 0m || Goal is not null;

    /// <inheritdoc/>
    public bool Equals(MessageExperiment? other) =>
        other is not null && RolloutPercent == other.RolloutPercent && string.Equals(Salt, other.Salt, StringComparison.Ordinal)
        && Variants.SequenceEqual(other.Variants) && HoldoutPercent == other.HoldoutPercent && Equals(Goal, other.Goal);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(RolloutPercent);
        hash.Add(Salt, StringComparer.Ordinal);
        foreach (var variant in Variants)
        {
            hash.Add(variant);
        }

        hash.Add(HoldoutPercent);
        hash.Add(Goal);
        return hash.ToHashCode();
    }
}
