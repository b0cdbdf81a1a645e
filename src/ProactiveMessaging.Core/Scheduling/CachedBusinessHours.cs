using NodaTime;
using ProactiveMessaging.Scheduling.Internal;

namespace ProactiveMessaging.Scheduling;

/// <summary>
/// The hot-path view of a <see cref="BusinessHoursSchedule"/>: answers "open now?" from a cached
/// state that is recomputed only once the clock passes the instant at which the state next changes.
/// </summary>
/// <remarks>
/// <para>
/// A check reads the clock and compares it with the cached validity window; it does no zone arithmetic
/// and allocates nothing. When the clock leaves the window (the state changed, or the clock moved
/// backwards), the calling thread computes the new state and publishes it as one immutable snapshot.
/// </para>
/// <para>
/// Thread-safe and lock-free: readers never block, and concurrent refreshes publish equally correct
/// snapshots. The clock is injected, so tests control time.
/// </para>
/// </remarks>
public sealed class CachedBusinessHours
{
    private readonly IClock _clock;
    private Snapshot _snapshot;

    /// <summary>Creates a cached view reading a NodaTime clock.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="clock">The clock, such as NodaTime's <c>FakeClock</c> in tests.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CachedBusinessHours(BusinessHoursSchedule schedule, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(clock);
        Schedule = schedule;
        _clock = clock;
        _snapshot = Compute(clock.GetCurrentInstant());
    }

    /// <summary>Creates a cached view reading a <see cref="TimeProvider"/>.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="timeProvider">The time provider, such as <see cref="TimeProvider.System"/> or a fake in tests.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CachedBusinessHours(BusinessHoursSchedule schedule, TimeProvider timeProvider)
        : this(schedule, new TimeProviderClock(timeProvider ?? throw new ArgumentNullException(nameof(timeProvider))))
    {
    }

    /// <summary>Gets the schedule.</summary>
    public BusinessHoursSchedule Schedule { get; }

    /// <summary>Gets the instant at which the cached state stops being valid, <see cref="Instant.MaxValue"/> when it never changes.</summary>
    /// <remarks>For diagnostics; it reflects the last snapshot and does not read the clock.</remarks>
    public Instant ValidUntil => Volatile.Read(ref _snapshot).Until;

    /// <summary>Gets a value indicating whether the schedule is open now, by the injected clock.</summary>
    /// <returns><see langword="true"/> when open.</returns>
    public bool IsOpen()
    {
        Snapshot snapshot = Volatile.Read(ref _snapshot);
        Instant now = _clock.GetCurrentInstant();
        if (now < snapshot.Until && now >= snapshot.From)
        {
            return snapshot.IsOpen;
        }

        return Refresh(now);
    }

    private bool Refresh(Instant now)
    {
        Snapshot snapshot = Compute(now);

        // Racing refreshes each publish a snapshot that is correct for its own window, so the last write may win.
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot.IsOpen;
    }

    private Snapshot Compute(Instant now)
    {
        (bool isOpen, Instant? next) = Schedule.Evaluate(now);
        return new Snapshot(isOpen, now, next ?? Instant.MaxValue);
    }

    /// <summary>The state, valid for instants in [From, Until).</summary>
    private sealed class Snapshot(bool isOpen, Instant from, Instant until)
    {
        public bool IsOpen { get; } = isOpen;

        public Instant From { get; } = from;

        public Instant Until { get; } = until;
    }
}
