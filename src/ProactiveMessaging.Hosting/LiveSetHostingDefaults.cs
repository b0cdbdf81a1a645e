namespace ProactiveMessaging.Hosting;

/// <summary>The default values of <see cref="LiveSetHostingOptions"/> and of the ProactiveMessaging health check.</summary>
public static class LiveSetHostingDefaults
{
    /// <summary>The default number of workspaces refreshed at the same time: 4.</summary>
    public const int MaxConcurrentRefreshes = 4;

    /// <summary>The default name of the health check: <c>proactive-messaging</c>.</summary>
    public const string HealthCheckName = "proactive-messaging";

    /// <summary>Gets the default time between two refreshes of every known workspace: 1 minute.</summary>
    public static TimeSpan RefreshInterval { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets the default time before a failed load or refresh is tried again: 5 seconds.</summary>
    public static TimeSpan RetryDelay { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the default deadline of one workspace's refresh (snapshot read, reconciliation, Live set rebuild), and of the workspace list read: 30 seconds.</summary>
    public static TimeSpan RefreshTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the default time between two checks of the shared store's workspace revisions, when a change feed is registered: 5 seconds.</summary>
    public static TimeSpan ChangeCheckInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the default deadline of each store probe of the health check: 5 seconds.</summary>
    public static TimeSpan StoreProbeTimeout { get; } = TimeSpan.FromSeconds(5);
}
