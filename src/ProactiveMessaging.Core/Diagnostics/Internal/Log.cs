using Microsoft.Extensions.Logging;

namespace ProactiveMessaging.Diagnostics.Internal;

/// <summary>The library's log events. None carries a visitor's name or email address.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "StoreFailed", Level = LogLevel.Warning,
        Message = "The {Store} store failed ({Reason}); the decision is 'nothing, store unavailable'. {Suppressed} similar failures were not logged since the last report.")]
    public static partial void StoreFailed(ILogger logger, string store, string reason, long suppressed, Exception? exception);

    [LoggerMessage(EventId = 2, EventName = "PlansUpdated", Level = LogLevel.Information,
        Message = "Plans of workspace {WorkspaceId} updated to Live set version {Version}: {MessageCount} messages on {ChannelCount} channels.")]
    public static partial void PlansUpdated(ILogger logger, string workspaceId, long version, int messageCount, int channelCount);

    [LoggerMessage(EventId = 3, EventName = "MessageLeftOut", Level = LogLevel.Warning,
        Message = "Live message {MessageId} of workspace {WorkspaceId} was left out of the plan: {Problem}")]
    public static partial void MessageLeftOut(ILogger logger, string messageId, string workspaceId, string problem);

    [LoggerMessage(EventId = 4, EventName = "StaleLiveSet", Level = LogLevel.Debug,
        Message = "Live set version {Version} of workspace {WorkspaceId} is older than the plans' version {Current}; ignored.")]
    public static partial void StaleLiveSet(ILogger logger, long version, string workspaceId, long current);

    [LoggerMessage(EventId = 5, EventName = "InvalidEvent", Level = LogLevel.Debug,
        Message = "A visitor event was refused: {Code} at {Path}.")]
    public static partial void InvalidEvent(ILogger logger, string code, string path);

    [LoggerMessage(EventId = 6, EventName = "LiveSetListenerFailed", Level = LogLevel.Error,
        Message = "A Live set listener ({Listener}) failed on version {Version} of workspace {WorkspaceId}; the change is stored and the other listeners were called.")]
    public static partial void LiveSetListenerFailed(ILogger logger, string listener, long version, string workspaceId, Exception exception);
}
