namespace ProactiveMessaging.Storage;

/// <summary>The bounds of an <see cref="InMemoryFrequencyStore"/>.</summary>
/// <remarks>
/// A plain options class: set it up, then hand it to the store, which copies the values (later
/// changes have no effect). Not thread-safe while being set up. The defaults are in
/// <see cref="InMemoryFrequencyStoreDefaults"/>.
/// </remarks>
public sealed class InMemoryFrequencyStoreOptions
{
    /// <summary>
    /// Gets or sets the most visitors remembered. Adding a visitor past it drops the visitors idle
    /// longer than <see cref="VisitorTimeToLive"/>, then the least recently used, down to 90% of
    /// it. At least 1.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryFrequencyStoreDefaults.MaxVisitors"/> (100,000).</value>
    public int MaxVisitors { get; set; } = InMemoryFrequencyStoreDefaults.MaxVisitors;

    /// <summary>
    /// Gets or sets how long a visitor is remembered after its last reservation or outcome,
    /// measured with the engine's clock readings (<see cref="Frequency.ReservationRequest.Now"/>).
    /// A visitor idle longer is forgotten: its <c>Once</c> messages may be sent again and its caps
    /// start over. Set it at least as long as the longest fatigue window. Positive.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryFrequencyStoreDefaults.VisitorTimeToLive"/> (7 days).</value>
    public TimeSpan VisitorTimeToLive { get; set; } = InMemoryFrequencyStoreDefaults.VisitorTimeToLive;
}
