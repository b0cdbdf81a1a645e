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
    /// Gets or sets the most visitors remembered. Adding a visitor past it drops the idle visitors
    /// who were never sent a message, then the least recently active visitors, down to 90% of it.
    /// This is the only way a visitor's sent messages are forgotten: a visitor dropped here may be
    /// sent its <c>Once</c> messages again. At least 1.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryFrequencyStoreDefaults.MaxVisitors"/> (100,000).</value>
    public int MaxVisitors { get; set; } = InMemoryFrequencyStoreDefaults.MaxVisitors;

    /// <summary>
    /// Gets or sets how long a visitor is idle (no reservation or outcome, measured with the
    /// engine's clock readings, <see cref="Frequency.ReservationRequest.Now"/>) before what idleness
    /// ends is forgotten: its visit, the message showing, an open conversation and the sends the
    /// fatigue windows count. What the visitor was ever sent (so <c>Once</c> holds) and its
    /// lifetime send count are kept; a visitor never sent anything is dropped. Set it at least as
    /// long as the longest fatigue window. Positive.
    /// </summary>
    /// <value>The default value is <see cref="InMemoryFrequencyStoreDefaults.VisitorTimeToLive"/> (7 days).</value>
    public TimeSpan VisitorTimeToLive { get; set; } = InMemoryFrequencyStoreDefaults.VisitorTimeToLive;
}
