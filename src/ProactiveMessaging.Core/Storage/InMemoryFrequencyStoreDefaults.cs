namespace ProactiveMessaging.Storage;

/// <summary>The default bounds of <see cref="InMemoryFrequencyStoreOptions"/>.</summary>
public static class InMemoryFrequencyStoreDefaults
{
    /// <summary>The default number of visitors remembered: 100,000.</summary>
    public const int MaxVisitors = 100_000;

    /// <summary>The default number of idle days after which a visitor's visit, showing message and windows are forgotten: 7.</summary>
    public const int VisitorTimeToLiveDays = 7;

    /// <summary>Gets the default idle time after which a visitor's visit, showing message and windows are forgotten: 7 days.</summary>
    public static TimeSpan VisitorTimeToLive { get; } = TimeSpan.FromDays(VisitorTimeToLiveDays);
}
