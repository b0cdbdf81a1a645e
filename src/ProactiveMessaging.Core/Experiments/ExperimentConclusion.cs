namespace ProactiveMessaging.Experiments;

/// <summary>
/// One word for a message's experiment, summarising the verdicts of its arms against the control
/// group (for a list column; each arm's <see cref="ArmComparison"/> says more).
/// </summary>
public enum ExperimentConclusion
{
    /// <summary>Nothing is compared: the message has no conversion goal or no control group.</summary>
    NotCompared = 0,

    /// <summary>Every arm is <see cref="ComparisonVerdict.TooSmallToConclude"/> against the control.</summary>
    TooSmallToConclude = 1,

    /// <summary>
    /// No arm differs significantly from the control, and at least one arm had enough visitors to
    /// tell (others may still be too small).
    /// </summary>
    NoSignificantDifference = 2,

    /// <summary>At least one arm converts significantly worse than the control, and none better.</summary>
    SomeArmWorse = 3,

    /// <summary>At least one arm converts significantly better than the control (whatever the others do).</summary>
    SomeArmBetter = 4,
}
