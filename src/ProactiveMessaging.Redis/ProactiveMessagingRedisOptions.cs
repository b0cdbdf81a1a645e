namespace ProactiveMessaging.Redis;

/// <summary>
/// The options of <c>UseRedis</c>: where Redis is, how keys are named, and how the shared stores
/// behave. Validated when the host starts, every problem named.
/// </summary>
/// <remarks>
/// A plain options class: set it up once, then treat it as read-only. See docs/redis.md.
/// </remarks>
public sealed class ProactiveMessagingRedisOptions
{
    /// <summary>
    /// Gets or sets the StackExchange.Redis configuration string (for example
    /// <c>redis-a:6379,redis-b:6379,password=...</c>) of the connection the stores create, or
    /// <see langword="null"/> to use the <c>IConnectionMultiplexer</c> the host registered. When
    /// the stores create it, it fails fast while the server is away (no command backlog) and
    /// reconnects by itself; a host's own connection should be configured the same way.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the host's connection.</value>
    public string? Configuration { get; set; }

    /// <summary>
    /// Gets or sets the prefix of every key and channel the stores use, so that several
    /// deployments can share one server. 1 to 64 characters, without <c>{</c> or <c>}</c> (they
    /// would break the keys' Redis Cluster hash tags).
    /// </summary>
    /// <value>The default value is <c>pm:</c>.</value>
    public string KeyPrefix { get; set; } = "pm:";

    /// <summary>
    /// Gets or sets how long a visitor is idle before its visit ends for the frequency rules; a
    /// visitor never sent anything is also dropped from the server once idle this long. 1 minute to 365 days.
    /// </summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan VisitorIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets how many compare-and-set attempts a frequency store call makes when other
    /// nodes change the same visitor at the same moment. 1 to 1,000.
    /// </summary>
    /// <value>The default value is 64.</value>
    public int MaxAttempts { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many visitors' last known frequency states each node keeps, so that a
    /// returning visitor costs one round trip. 0 (off) to 10,000,000.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    public int LocalStateCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets a value indicating whether the engine requires the host's visit and page view
    /// ids on every event (see <see cref="ProactiveMessagingOptions.RequireVisitIds"/>). Leave it on
    /// unless a load balancer routes each visitor's events to one node: the engine's own visit
    /// tracking lives in one process, so without the ids two nodes would disagree on visits.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireVisitIds { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the host may start against a server whose
    /// <c>maxmemory-policy</c> may evict any key (the <c>allkeys-*</c> policies), which can forget a
    /// <c>Once</c> message's mark, a counted visitor or a message. By default such a server is
    /// refused at start; with this set, it is only logged as a warning.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowUnsafeEvictionPolicy { get; set; }
}
