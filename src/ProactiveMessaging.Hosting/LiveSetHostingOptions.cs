using System.ComponentModel.DataAnnotations;

namespace ProactiveMessaging.Hosting;

/// <summary>
/// The options of the hosted service that keeps the engine's plans in step with the catalog's Live
/// sets (registered by <c>AddHostedLiveSets</c>).
/// </summary>
/// <remarks>
/// A plain options class, validated when the host starts (every problem named). Set it up once,
/// then treat it as read-only. The defaults are in <see cref="LiveSetHostingDefaults"/>.
/// </remarks>
public sealed class LiveSetHostingOptions
{
    /// <summary>
    /// Gets or sets the time between two refreshes of every known workspace: each one re-reads the
    /// workspace list and every workspace's snapshot, reconciles the catalog when a snapshot changed,
    /// and rebuilds the Live set from the store, so that changes made by other nodes to a shared
    /// store reach this node. <see cref="TimeSpan.Zero"/> or <see cref="Timeout.InfiniteTimeSpan"/>
    /// turns the periodic refresh off (only the start-up load and its retries run); otherwise 1 second to 1 day.
    /// </summary>
    /// <value>The default value is <see cref="LiveSetHostingDefaults.RefreshInterval"/> (1 minute).</value>
    public TimeSpan RefreshInterval { get; set; } = LiveSetHostingDefaults.RefreshInterval;

    /// <summary>
    /// Gets or sets the time before the workspaces whose load or refresh failed (and the workspace
    /// list, when it could not be read) are tried again, whether or not the periodic refresh is on.
    /// 100 milliseconds to 1 hour.
    /// </summary>
    /// <value>The default value is <see cref="LiveSetHostingDefaults.RetryDelay"/> (5 seconds).</value>
    public TimeSpan RetryDelay { get; set; } = LiveSetHostingDefaults.RetryDelay;

    /// <summary>
    /// Gets or sets the deadline of one workspace's refresh (its snapshot read, the reconciliation
    /// and the Live set rebuild) and of the workspace list read; a refresh that passes it is
    /// cancelled and counts as failed. 1 second to 10 minutes.
    /// </summary>
    /// <value>The default value is <see cref="LiveSetHostingDefaults.RefreshTimeout"/> (30 seconds).</value>
    public TimeSpan RefreshTimeout { get; set; } = LiveSetHostingDefaults.RefreshTimeout;

    /// <summary>
    /// Gets or sets the time between two checks of the workspaces' revisions in a shared message
    /// store, when one registered an <see cref="Storage.IMessageStoreChangeFeed"/> (the Redis
    /// registration does). The feed's notifications bring another node's change at once; this
    /// check is the safety net that finds a change whose notification was lost (a dropped
    /// connection, a node that was down) and refreshes the workspace. 100 milliseconds to 1 hour.
    /// </summary>
    /// <value>The default value is <see cref="LiveSetHostingDefaults.ChangeCheckInterval"/> (5 seconds).</value>
    public TimeSpan ChangeCheckInterval { get; set; } = LiveSetHostingDefaults.ChangeCheckInterval;

    /// <summary>Gets or sets the number of workspaces loaded or refreshed at the same time. 1 to 64.</summary>
    /// <value>The default value is <see cref="LiveSetHostingDefaults.MaxConcurrentRefreshes"/> (4).</value>
    [Range(1, 64)]
    public int MaxConcurrentRefreshes { get; set; } = LiveSetHostingDefaults.MaxConcurrentRefreshes;

    /// <summary>Gets a value indicating whether the periodic refresh is on.</summary>
    internal bool RefreshesPeriodically => RefreshInterval != TimeSpan.Zero && RefreshInterval != Timeout.InfiniteTimeSpan;
}
