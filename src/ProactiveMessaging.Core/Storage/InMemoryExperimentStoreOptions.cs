namespace ProactiveMessaging.Storage;

/// <summary>The bounds of an <see cref="InMemoryExperimentStore"/>.</summary>
/// <remarks>
/// A plain options class: set it up, then hand it to the store, which copies the values (later
/// changes have no effect). Not thread-safe while being set up. The defaults are in
/// <see cref="InMemoryExperimentStoreDefaults"/>.
/// </remarks>
public sealed class InMemoryExperimentStoreOptions
{
    /// <summary>
    /// Gets or sets the most (message, visitor) exposures remembered, to count each visitor once per
    /// arm and to attribute what it does afterwards. Adding one past it drops the exposures older
    /// than <see cref="ExposureTimeToLive"/>, then the oldest, down to 90% of it. At least 1.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryExperimentStoreDefaults.MaxExposures"/> (250,000).</value>
    public int MaxExposures { get; set; } = InMemoryExperimentStoreDefaults.MaxExposures;

    /// <summary>
    /// Gets or sets how long an exposure is remembered after its instant (the latest exposure of the
    /// visitor to the message), measured with the instants the callers pass (the engine's clock).
    /// A forgotten visitor counts nothing more until exposed again, and is then counted again in
    /// its arm. Shorter than a goal's window, it loses the conversions late in the window. Positive.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryExperimentStoreDefaults.ExposureTimeToLive"/> (90 days, the longest conversion window).</value>
    public TimeSpan ExposureTimeToLive { get; set; } = InMemoryExperimentStoreDefaults.ExposureTimeToLive;
}
