using System.Collections.Immutable;

namespace ProactiveMessaging.Experiments;

/// <summary>
/// The results of a message's experiment: each arm's visitors, opens, replies and conversions, its
/// conversion rate with a 95 % interval, and each arm against the control group with a verdict
/// that says plainly when the counts are too small to conclude.
/// </summary>
/// <remarks>
/// <para>
/// Computed from the experiment store's counts and the message's current experiment. The methods
/// (Wilson's score interval for a rate, Newcombe's hybrid score interval for a difference, the pooled
/// two-proportion z-test, Holm's correction for several arms against one control) and the rule for
/// "too small to conclude" are explained in docs/experiments.md.
/// </para>
/// <para>
/// The test assumes the counts are read once, at a size chosen in advance: reading the results
/// every day and stopping at the first significant verdict finds differences that are not there
/// far more often than 5 % of the time.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ExperimentResults
{
    /// <summary>The level of every interval: 0.95.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>The family-wise significance level of the verdicts, across a message's arms: 0.05.</summary>
    public const double SignificanceLevel = 0.05;

    internal ExperimentResults(string messageId, bool hasGoal, ImmutableArray<ArmResult> arms, ImmutableArray<ArmCounts> formerArms, ExperimentConclusion conclusion)
    {
        MessageId = messageId;
        HasGoal = hasGoal;
        Arms = arms;
        FormerArms = formerArms;
        Conclusion = conclusion;
        Control = !arms.IsEmpty && arms[^1].IsControl ? arms[^1] : null;
    }

    /// <summary>Gets the message's id.</summary>
    public string MessageId { get; }

    /// <summary>Gets a value indicating whether the message has a conversion goal; without one there are no rates and no comparisons.</summary>
    public bool HasGoal { get; }

    /// <summary>
    /// Gets the arms: the variants in the experiment's order (or the one
    /// <see cref="ExperimentArms.Treatment"/> arm of a message without variants), then the control
    /// group last when the message holds visitors out. An arm nobody was counted in yet has zeros.
    /// </summary>
    public ImmutableArray<ArmResult> Arms { get; }

    /// <summary>Gets the control group's arm (also the last of <see cref="Arms"/>), or <see langword="null"/> when the message holds nobody out.</summary>
    public ArmResult? Control { get; }

    /// <summary>
    /// Gets the counts of arms the experiment no longer has, ordered by arm id: a variant removed or
    /// renamed, the treatment of a message that now has variants, the control of a message that no
    /// longer holds visitors out. They are reported as counted and take no part in the comparisons.
    /// </summary>
    public ImmutableArray<ArmCounts> FormerArms { get; }

    /// <summary>Gets one word for the arms' verdicts against the control.</summary>
    public ExperimentConclusion Conclusion { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{MessageId}: {Conclusion} ({Arms.Length} arms)";
}
