using NodaTime;

namespace ProactiveMessaging.Testing.Frequency;

/// <summary>What <see cref="FrequencyStoreDifferentialCheck"/> runs: how many random histories, how long, from which seed.</summary>
/// <remarks>A plain options class: set it up, then hand it to the check, which reads it once. Not thread-safe while being set up.</remarks>
public sealed class FrequencyCheckOptions
{
    /// <summary>Gets or sets the number of random histories, one visitor each; at least 1.</summary>
    /// <value>The default value is 1,000.</value>
    public int Sequences { get; set; } = 1_000;

    /// <summary>Gets or sets the most operations in one history (each history draws its length up to it); at least 1.</summary>
    /// <value>The default value is 60.</value>
    public int MaxOperations { get; set; } = 60;

    /// <summary>Gets or sets the seed of the random histories: the same seed replays the same histories.</summary>
    /// <value>The default value is 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// Gets or sets how long a visitor is idle before its visit ends in the store under check (for
    /// the in-memory store, its <c>VisitorTimeToLive</c>); the histories step the clock to just
    /// before and just after it. Positive.
    /// </summary>
    /// <value>The default value is 7 days, the in-memory store's default.</value>
    public Duration VisitorIdleTimeout { get; set; } = Duration.FromDays(7);

    /// <summary>Gets or sets the workspace id the histories use; each history has a visitor id of its own in it.</summary>
    /// <value>The default value is <c>differential-check</c>.</value>
    public string WorkspaceId { get; set; } = "differential-check";

    /// <summary>Gets or sets the instant the first history starts at; the clock only moves forward from there.</summary>
    /// <value>The default value is 2026-03-28T22:30:00Z.</value>
    public Instant Start { get; set; } = Instant.FromUtc(2026, 3, 28, 22, 30);
}
