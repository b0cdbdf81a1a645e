namespace ProactiveMessaging;

/// <summary>The default values of <see cref="ProactiveMessagingOptions"/>.</summary>
public static class ProactiveMessagingDefaults
{
    /// <summary>The default inactivity gap that starts a new visit: 30 minutes.</summary>
    public static readonly TimeSpan VisitInactivityGap = TimeSpan.FromMinutes(30);

    /// <summary>The default deadline of a store call: 250 milliseconds.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The default number of visitors whose visits the engine tracks: 100,000.</summary>
    public const int MaxTrackedVisitors = 100_000;

    /// <summary>The default of <see cref="ProactiveMessagingOptions.SeedPresets"/>: <see langword="true"/>, new workspaces start with the preset Drafts.</summary>
    public const bool SeedPresets = true;
}
