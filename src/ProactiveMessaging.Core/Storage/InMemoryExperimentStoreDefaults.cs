using ProactiveMessaging.Model;

namespace ProactiveMessaging.Storage;

/// <summary>The default bounds of <see cref="InMemoryExperimentStoreOptions"/>.</summary>
public static class InMemoryExperimentStoreDefaults
{
    /// <summary>The default number of (message, visitor) exposures remembered: 250,000.</summary>
    public const int MaxExposures = 250_000;

    /// <summary>
    /// The default number of days an exposure is remembered after its instant: 90, the longest
    /// conversion window (<see cref="ConversionGoal.MaxWindow"/>), so that a conversion within any
    /// goal's window is still seen.
    /// </summary>
    public const int ExposureTimeToLiveDays = 90;

    /// <summary>Gets the default time an exposure is remembered after its instant: 90 days.</summary>
    public static TimeSpan ExposureTimeToLive { get; } = TimeSpan.FromDays(ExposureTimeToLiveDays);
}
