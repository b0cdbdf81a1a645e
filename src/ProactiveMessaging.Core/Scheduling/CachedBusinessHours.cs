using NodaTime;

namespace ProactiveMessaging.Scheduling;

/// <summary>
/// The hot-path view of a <see cref="BusinessHoursSchedule"/>: answers "open at this instant?" from a
/// cached state that is recomputed only when asked about an instant outside the window in which the
/// state holds.
/// </summary>
/// <remarks>
/// <para>
/// The caller passes the instant it asks about, as NodaTime's cached zones take the instant of each
/// question: the cache never reads a clock, so a caller that read its clock once for an event gives
/// every part of its work the same instant. A question inside the cached window does no zone
/// arithmetic and allocates nothing. Outside it (the state changed, or the instant is earlier than
/// the window, as when the clock moved backwards), the calling thread computes the state at that
/// instant and publishes it as one immutable snapshot.
/// </para>
/// <para>
/// Thread-safe and lock-free: readers never block, and concurrent refreshes publish equally correct
/// snapshots (each is right for its own window; a thread asking about an instant outside the
/// published window refreshes again).
/// </para>
/// </remarks>
public sealed class CachedBusinessHours
{
    // Until (MinValue) <= every instant: the first question always computes the state.
    private static readonly Snapshot Unknown = new(isOpen: false, Instant.MaxValue, Instant.MinValue);

    private Snapshot _snapshot = Unknown;

    /// <summary>Creates a cached view of a schedule.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public CachedBusinessHours(BusinessHoursSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
    }

    /// <summary>Gets the schedule.</summary>
    public BusinessHoursSchedule Schedule { get; }

    /// <summary>
    /// Gets the instant at which the cached state stops being valid: <see cref="Instant.MaxValue"/>
    /// when it never changes, <see cref="Instant.MinValue"/> before the first question.
    /// </summary>
    /// <remarks>For diagnostics; it reflects the last snapshot.</remarks>
    public Instant ValidUntil => Volatile.Read(ref _snapshot).Until;

    /// <summary>Gets a value indicating whether the schedule is open at an instant.</summary>
    /// <param name="instant">The instant asked about, typically the one reading of the clock for the current event.</param>
    /// <returns><see langword="true"/> when open; the same answer as <see cref="BusinessHoursSchedule.IsOpen"/>.</returns>
    public bool IsOpen(Instant instant)
    {
        Snapshot snapshot = Volatile.Read(ref _snapshot);
        if (instant < snapshot.Until && instant >= snapshot.From)
        {
            return snapshot.IsOpen;
        }

        return Refresh(instant);
    }

    private bool Refresh(Instant instant)
    {
        (bool isOpen, Instant? next) = Schedule.Evaluate(instant);
        var snapshot = new Snapshot(isOpen, instant, next ?? Instant.MaxValue);

        // Racing refreshes each publish a snapshot that is correct for its own window, so the last write may win.
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot.IsOpen;
    }

    /// <summary>The state, valid for instants in [From, Until).</summary>
    private sealed class Snapshot(bool isOpen, Instant from, Instant until)
    {
        public bool IsOpen { get; } = isOpen;

        public Instant From { get; } = from;

        public Instant Until { get; } = until;
    }
}
