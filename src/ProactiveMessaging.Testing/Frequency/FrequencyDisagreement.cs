using System.Collections.Immutable;

namespace ProactiveMessaging.Testing.Frequency;

/// <summary>The first operation on which a frequency store answered otherwise than the core's rules, with the history that led to it.</summary>
/// <param name="Sequence">The index of the history (0-based) among those the check ran with its seed.</param>
/// <param name="Operation">The operation, as text, such as <c>reserve v1/p2 [a Once, b EveryTime] at 2026-03-29T10:30:00Z</c>.</param>
/// <param name="Expected">What the core's rules answered.</param>
/// <param name="Actual">What the store answered.</param>
/// <param name="History">Every operation of the history up to and including the one that disagreed, with its answer by the rules.</param>
public sealed record FrequencyDisagreement(int Sequence, string Operation, string Expected, string Actual, ImmutableArray<string> History)
{
    /// <summary>Describes the disagreement and its history, one operation a line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"History {Sequence}: {Operation}: the rules answer {Expected}, the store {Actual}. History:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", History)}";
}
