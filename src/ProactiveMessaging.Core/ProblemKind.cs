namespace ProactiveMessaging;

/// <summary>What a <see cref="Problem"/> blocks.</summary>
public enum ProblemKind
{
    /// <summary>
    /// The content is wrong (emoji in an agent text, a bad tag, a mistyped condition value, bad JSON):
    /// it is refused whenever it is saved.
    /// </summary>
    Malformed = 0,

    /// <summary>
    /// Something is missing (no channel, no reply text, no conditions): a Draft may be saved
    /// with it, but it cannot be published.
    /// </summary>
    Incomplete = 1,

    /// <summary>A publish requirement checked against the workspace does not hold.</summary>
    Unmet = 2,
}
