namespace ProactiveMessaging.Redis;

/// <summary>The settings of a <see cref="RedisFrequencyStore"/>.</summary>
/// <remarks>
/// A plain options class: set it up, then hand it to the store, which copies the values. Not
/// thread-safe while being set up.
/// </remarks>
public sealed class RedisFrequencyStoreOptions
{
    /// <summary>Gets or sets the prefix of every key the store writes; lets several deployments share a server.</summary>
    /// <value>The default value is <c>pm:</c>.</value>
    public string KeyPrefix { get; set; } = "pm:";

    /// <summary>
    /// Gets or sets how long a visitor is idle before its visit ends (the frequency rules' idle
    /// timeout). A visitor never sent anything is also dropped from the server once idle this long;
    /// one that was sent something is kept without expiry, so that its <c>Once</c> messages hold.
    /// Positive.
    /// </summary>
    /// <value>The default value is 7 days.</value>
    public TimeSpan VisitorIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Gets or sets how many compare-and-set attempts a call makes when other nodes change the
    /// same visitor at the same moment, before it gives up with an exception (the engine then
    /// decides "store unavailable"). At least 1.
    /// </summary>
    /// <remarks>From the third attempt on, each waits a random time in a window that doubles with each loss (4 ms, 8 ms, ... up to 128 ms) and reads the state afresh, so that one of the contenders wins.</remarks>
    /// <value>The default value is 64.</value>
    public int MaxAttempts { get; set; } = 64;

    /// <summary>
    /// Gets or sets how many visitors' last known states this node keeps to make the first
    /// compare-and-set right, so that a returning visitor costs one round trip. 0 turns it off.
    /// </summary>
    /// <value>The default value is 10,000.</value>
    public int LocalStateCacheSize { get; set; } = 10_000;
}
