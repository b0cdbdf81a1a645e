using Microsoft.Extensions.Logging;

namespace ProactiveMessaging.Redis.Internal;

/// <summary>The Redis package's log events. Ids start at 201, apart from the core's and the hosting package's.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 201, EventName = "EvictionPolicyUnsafe", Level = LogLevel.Error,
        Message = "Redis server {Server} has maxmemory-policy '{Policy}', which may evict Once marks, counted visitors or messages; set 'noeviction' or a 'volatile-*' policy.")]
    public static partial void EvictionPolicyUnsafe(ILogger logger, string server, string policy);

    [LoggerMessage(EventId = 202, EventName = "EvictionPolicyUnchecked", Level = LogLevel.Warning,
        Message = "The Redis servers' maxmemory-policy could not be checked ({Reason}); it is checked again when a connection is restored.")]
    public static partial void EvictionPolicyUnchecked(ILogger logger, string reason, Exception? exception);
}
