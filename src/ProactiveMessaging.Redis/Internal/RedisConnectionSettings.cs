using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Internal;

/// <summary>
/// The connection settings the engine's stores need from StackExchange.Redis: fail fast while the
/// server is away, so that an outage costs each decision at most the engine's store deadline and
/// nothing piles up, and reconnect by itself, so that the node recovers without a restart.
/// </summary>
/// <remarks>
/// The engine puts every store call under its own deadline (<see cref="ProactiveMessagingOptions.StoreTimeout"/>,
/// 250 ms by default) and answers "store unavailable" when it passes, so the client's own time-outs
/// need not be tight for the decisions' sake: they bound how long a command the engine has already
/// given up on stays in the client's memory and counters.
/// </remarks>
internal static class RedisConnectionSettings
{
    /// <summary>How long one connection attempt may take, unless the configuration says.</summary>
    /// <remarks>
    /// The library's 5 seconds holds a reconnection attempt to an unreachable host (packets dropped,
    /// no refusal) that long before the next one; 2 seconds is ample for a server on the same
    /// network and lets the reconnection loop try again sooner.
    /// </remarks>
    internal const int ConnectTimeoutMilliseconds = 2_000;

    /// <summary>How long an asynchronous command waits for its answer, unless the configuration says.</summary>
    /// <remarks>
    /// Set here rather than left to the library, whose default follows the synchronous time-out. A
    /// server that is up but slow (paused, swapping, a long script) answers commands the engine
    /// already gave up on; as long as the answer arrives within this time the engine learns that a
    /// late reservation landed and releases it (see docs/redis.md, "Failure behaviour"), so it must
    /// be well above the engine's deadline. Bounded, because each such command stays in the
    /// multiplexer until then: at 1,000 events a second, 5 seconds is about 5,000 small commands.
    /// </remarks>
    internal const int AsyncTimeoutMilliseconds = 5_000;

    /// <summary>The first wait between reconnection attempts.</summary>
    internal const int ReconnectFirstDelayMilliseconds = 250;

    /// <summary>The longest wait between reconnection attempts.</summary>
    /// <remarks>
    /// The library's default backs off to 10 seconds, so after a long outage a node could keep
    /// deciding "store unavailable" for that long after the server came back. Two seconds bounds the
    /// recovery (plus the one-second heartbeat that checks the connection) at the cost of one connect
    /// attempt every two seconds per node while the server is away, which a server shrugs off.
    /// </remarks>
    internal const int ReconnectMaxDelayMilliseconds = 2_000;

    /// <summary>
    /// The settings for a connection the engine's stores use, from a StackExchange.Redis
    /// configuration string such as <c>redis1:6379,redis2:6379,password=...</c>.
    /// </summary>
    /// <param name="configuration">The configuration string.</param>
    /// <returns>New options: the string's, with the engine's settings applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">StackExchange.Redis cannot parse <paramref name="configuration"/>.</exception>
    public static ConfigurationOptions ForEngine(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = ConfigurationOptions.Parse(configuration);

        // Always, whatever the string says: with abortConnect=true a node could not start while
        // Redis is down (the first connect throws), and it would never connect by itself later.
        // Off, the multiplexer is returned at once and keeps reconnecting in the background; the
        // engine decides "store unavailable" until it is connected.
        options.AbortOnConnectFail = false;

        // Always (the string cannot set it): the default policy queues commands while disconnected
        // and replays them on reconnection. The engine has given up on each of them after its
        // deadline, so the queue would only grow during an outage (memory, and a burst of stale
        // reservations landing at once when the server returns). Failing fast makes a call throw at
        // once, which the engine turns into "store unavailable" without waiting for the deadline.
        options.BacklogPolicy = BacklogPolicy.FailFast;

        // Always (the string cannot set it): the library's default waits up to 10 seconds between
        // attempts; see ReconnectMaxDelayMilliseconds.
        options.ReconnectRetryPolicy = new ExponentialRetry(ReconnectFirstDelayMilliseconds, ReconnectMaxDelayMilliseconds);

        // Only when the string leaves them out: a host that measured its network knows better, and
        // neither time-out can make a decision slower than the engine's deadline.
        if (!Sets(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = ConnectTimeoutMilliseconds;
        }

        if (!Sets(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = AsyncTimeoutMilliseconds;
        }

        return options;
    }

    /// <summary>Whether the configuration string sets <paramref name="key"/> (keys are case-insensitive, as StackExchange.Redis reads them).</summary>
    internal static bool Sets(string configuration, string key)
    {
        foreach (var range in configuration.AsSpan().Split(','))
        {
            var token = configuration.AsSpan()[range].Trim();
            var equals = token.IndexOf('=');
            if (equals > 0 && token[..equals].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
