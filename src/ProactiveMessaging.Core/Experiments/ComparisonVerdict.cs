namespace ProactiveMessaging.Experiments;

/// <summary>
/// What the counts say about an arm against the control group, at a family-wise significance level of
/// 5 % across the message's arms (Holm's correction). docs/experiments.md gives the rules.
/// </summary>
public enum ComparisonVerdict
{
    /// <summary>
    /// The arm or the control has too few visitors for the test to be trusted: with the two arms'
    /// pooled conversion rate, each arm expects fewer than 10 conversions or fewer than 10
    /// non-conversions. Wait for more visitors; nothing is concluded either way.
    /// </summary>
    TooSmallToConclude = 0,

    /// <summary>
    /// The test can be trusted and finds no difference at the corrected level: the arm may still
    /// differ from the control by less than the counts can show (see the difference's interval).
    /// </summary>
    NoSignificantDifference = 1,

    /// <summary>The arm converts significantly more often than the control.</summary>
    Better = 2,

    /// <summary>The arm converts significantly less often than the control.</summary>
    Worse = 3,
}
