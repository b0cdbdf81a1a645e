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

    /// <summary>The longest visitor, workspace, channel, visit or page view id an event may carry: 256.</summary>
    public const int MaxIdLength = 256;
}
