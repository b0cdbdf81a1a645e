using System.Globalization;

namespace ProactiveMessaging.Experiments;

/// <summary>
/// An arm's conversion rate against the control group's: the difference with its 95 % interval
/// (Newcombe's hybrid score interval), the two-sided p-value of the pooled two-proportion z-test,
/// that p-value corrected for the message's several arms (Holm), and the verdict.
/// </summary>
/// <remarks>
/// The interval is a plain 95 % interval for this arm alone, while the verdict is corrected for the
/// several arms compared with one control: with two or more arms an interval can leave out zero
/// while the verdict is <see cref="ComparisonVerdict.NoSignificantDifference"/>. Act on the verdict.
/// docs/experiments.md explains the choices. Immutable and thread-safe.
/// </remarks>
public sealed class ArmComparison
{
    internal ArmComparison(double? difference, ConfidenceInterval? differenceInterval, double? pValue, double? adjustedPValue, ComparisonVerdict verdict)
    {
        Difference = difference;
        DifferenceInterval = differenceInterval;
        PValue = pValue;
        AdjustedPValue = adjustedPValue;
        Verdict = verdict;
    }

    /// <summary>
    /// Gets the arm's conversion rate minus the control's (0.02 for two percentage points more), or
    /// <see langword="null"/> when the arm or the control has no visitors yet.
    /// </summary>
    public double? Difference { get; }

    /// <summary>
    /// Gets the 95 % interval of <see cref="Difference"/> (Newcombe's hybrid score interval, within
    /// -1 to 1), or <see langword="null"/> when the arm or the control has no visitors yet.
    /// </summary>
    public ConfidenceInterval? DifferenceInterval { get; }

    /// <summary>
    /// Gets the two-sided p-value of the pooled two-proportion z-test for this arm against the
    /// control, uncorrected: how often a difference at least this large would appear by chance if the
    /// arm made no difference. 1 when both rates are 0, or both 1; <see langword="null"/> when the arm
    /// or the control has no visitors yet.
    /// </summary>
    public double? PValue { get; }

    /// <summary>
    /// Gets <see cref="PValue"/> corrected by Holm's method for the several arms compared with one
    /// control (the same as <see cref="PValue"/> for a single arm); the verdict compares it with
    /// 0.05. <see langword="null"/> when the verdict is <see cref="ComparisonVerdict.TooSmallToConclude"/>.
    /// </summary>
    public double? AdjustedPValue { get; }

    /// <summary>Gets what the counts say: too small to conclude, no significant difference, better or worse.</summary>
    public ComparisonVerdict Verdict { get; }

    /// <inheritdoc/>
    public override string ToString() => Difference is { } difference && DifferenceInterval is { } interval
        ? string.Create(CultureInfo.InvariantCulture, $"{Verdict}: {difference:+0.0000;-0.0000;0.0000} [{interval.Lower:0.0000}, {interval.Upper:0.0000}], p = {PValue:0.0000}")
        : Verdict.ToString();
}
