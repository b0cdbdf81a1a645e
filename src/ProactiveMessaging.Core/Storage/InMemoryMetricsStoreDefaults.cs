namespace ProactiveMessaging.Storage;

/// <summary>The default bounds of <see cref="InMemoryMetricsStoreOptions"/>.</summary>
public static class InMemoryMetricsStoreDefaults
{
    /// <summary>The default number of (message, visitor) pairs remembered: 250,000.</summary>
    public const int MaxPairs = 250_000;

    /// <summary>The default number of days a (message, visitor) pair is remembered after its last count: 7.</summary>
    public const int PairTimeToLiveDays = 7;

    /// <summary>Gets the default time a (message, visitor) pair is remembered after its last count: 7 days.</summary>
    public static TimeSpan PairTimeToLive { get; } = TimeSpan.FromDays(PairTimeToLiveDays);
}
