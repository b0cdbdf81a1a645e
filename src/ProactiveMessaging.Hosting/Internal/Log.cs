using Microsoft.Extensions.Logging;

namespace ProactiveMessaging.Hosting.Internal;

/// <summary>
/// The hosting package's log events. Ids start at 101 so that they never meet the core's; none
/// carries a visitor's data.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 101, EventName = "LiveSetsLoaded", Level = LogLevel.Information,
        Message = "Start-up loading finished: {Loaded} workspaces loaded, {Failed} failed (retried every {RetryDelay}), {Unknown} unknown to the snapshot provider.")]
    public static partial void LiveSetsLoaded(ILogger logger, int loaded, int failed, int unknown, TimeSpan retryDelay);

    [LoggerMessage(EventId = 102, EventName = "WorkspaceListFailed", Level = LogLevel.Warning,
        Message = "The snapshot provider's workspace list could not be read ({Reason}); the known workspaces are refreshed, and the list is read again in {RetryDelay}.")]
    public static partial void WorkspaceListFailed(ILogger logger, string reason, TimeSpan retryDelay, Exception? exception);

    [LoggerMessage(EventId = 103, EventName = "WorkspaceRefreshFailed", Level = LogLevel.Warning,
        Message = "Workspace {WorkspaceId} could not be loaded or refreshed ({Reason}); the engine keeps its current plans for it, and it is tried again in {RetryDelay}.")]
    public static partial void WorkspaceRefreshFailed(ILogger logger, string workspaceId, string reason, TimeSpan retryDelay, Exception? exception);

    [LoggerMessage(EventId = 104, EventName = "WorkspaceUnknown", Level = LogLevel.Warning,
        Message = "The snapshot provider does not know workspace {WorkspaceId}; nothing is loaded or changed for it.")]
    public static partial void WorkspaceUnknown(ILogger logger, string workspaceId);

    [LoggerMessage(EventId = 105, EventName = "WorkspaceReconciled", Level = LogLevel.Information,
        Message = "The snapshot of workspace {WorkspaceId} changed: {Moved} of its {Checked} Live or Paused messages moved to Error.")]
    public static partial void WorkspaceReconciled(ILogger logger, string workspaceId, int moved, int @checked);

    [LoggerMessage(EventId = 106, EventName = "RefreshLoopFailed", Level = LogLevel.Error,
        Message = "The Live set refresh loop failed; it goes on in {RetryDelay}.")]
    public static partial void RefreshLoopFailed(ILogger logger, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(EventId = 107, EventName = "LiveSetApplyFailed", Level = LogLevel.Error,
        Message = "Live set version {Version} of workspace {WorkspaceId} could not be applied to the engine; it is tried again in {RetryDelay}.")]
    public static partial void LiveSetApplyFailed(ILogger logger, long version, string workspaceId, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(EventId = 108, EventName = "RefreshCompleted", Level = LogLevel.Debug,
        Message = "Refreshed {Count} workspaces: {Failed} failed.")]
    public static partial void RefreshCompleted(ILogger logger, int count, int failed);

    [LoggerMessage(EventId = 109, EventName = "ChangeFeedUnavailable", Level = LogLevel.Warning,
        Message = "The shared message store's change notifications could not be followed ({Reason}); other nodes' changes arrive with the revision check every {CheckInterval}, and the subscription is tried again then.")]
    public static partial void ChangeFeedUnavailable(ILogger logger, string reason, TimeSpan checkInterval, Exception? exception);

    [LoggerMessage(EventId = 110, EventName = "RevisionCheckFailed", Level = LogLevel.Warning,
        Message = "The shared message store's workspace revisions could not be read ({Reason}); they are read again in {CheckInterval}.")]
    public static partial void RevisionCheckFailed(ILogger logger, string reason, TimeSpan checkInterval, Exception? exception);

    [LoggerMessage(EventId = 111, EventName = "ChangeFeedFollowed", Level = LogLevel.Information,
        Message = "Following the shared message store's change notifications, with a revision check every {CheckInterval}.")]
    public static partial void ChangeFeedFollowed(ILogger logger, TimeSpan checkInterval);
}
