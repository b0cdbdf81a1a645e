namespace ProactiveMessaging.Storage;

/// <summary>The bounds of an <see cref="InMemoryMetricsStore"/>.</summary>
/// <remarks>
/// A plain options class: set it up, then hand it to the store, which copies the values (later
/// changes have no effect). Not thread-safe while being set up. The defaults are in
/// <see cref="InMemoryMetricsStoreDefaults"/>.
/// </remarks>
public sealed class InMemoryMetricsStoreOptions
{
    /// <summary>
    /// Gets or sets the most (message, visitor) pairs remembered, to count each visitor once.
    /// Adding a pair past it drops the pairs idle longer than <see cref="PairTimeToLive"/>, then
    /// the least recently used, down to 90% of it. At least 1.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryMetricsStoreDefaults.MaxPairs"/> (250,000).</value>
    public int MaxPairs { get; set; } = InMemoryMetricsStoreDefaults.MaxPairs;

    /// <summary>
    /// Gets or sets how long a (message, visitor) pair is remembered after its last count, measured
    /// with the instants the callers pass (the engine's clock). A forgotten visitor sent the message again
    /// counts again as sent. Positive.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryMetricsStoreDefaults.PairTimeToLive"/> (7 days).</value>
    public TimeSpan PairTimeToLive { get; set; } = InMemoryMetricsStoreDefaults.PairTimeToLive;
}
