using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Benchmarks.Scheduling;

/// <summary>
/// The per-event business-hours check: the cached state against reading the clock and comparing
/// (the floor), and against the uncached computation it replaces.
/// </summary>
[MemoryDiagnoser]
public class BusinessHoursBenchmarks
{
    private BusinessHoursSchedule _schedule = null!;
    private CachedBusinessHours _cached = null!;
    // Typed as the interface on purpose: a host reads its clock through an interface, and every benchmark here reads it the same way.
#pragma warning disable CA1859 // The concrete type would let the baseline skip the interface call it is measured against.
    private IClock _clock = null!;
#pragma warning restore CA1859
    private Instant _validUntil;

    [GlobalSetup]
    public void Setup()
    {
        WeeklyInterval[] weekly =
        [
            .. Enumerable.Range(1, 5).Select(day => new WeeklyInterval((IsoDayOfWeek)day, new LocalTime(9, 0), new LocalTime(17, 30))),
            new WeeklyInterval(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(2, 0)),
        ];
        Holiday[] holidays =
        [
            Holiday.On(new LocalDate(2026, 12, 25), isRecurring: true),
            Holiday.Between(new LocalDate(2026, 8, 1), new LocalDate(2026, 8, 14)),
        ];
        _schedule = BusinessHoursSchedule.Create("support-hours", "Europe/London", weekly, holidays).GetValueOrThrow();

        // Wednesday 11 March 2026, 10:00 in London: open until 17:30.
        _clock = new FixedClock(Instant.FromUtc(2026, 3, 11, 10, 0));
        _cached = new CachedBusinessHours(_schedule);
        _cached.IsOpen(_clock.GetCurrentInstant());
        _validUntil = _cached.ValidUntil;
    }

    [Benchmark(Baseline = true, Description = "Read the clock and compare")]
    public bool Baseline() => _clock.GetCurrentInstant() < _validUntil;

    [Benchmark(Description = "Cached IsOpen(now)")]
    public bool Cached() => _cached.IsOpen(_clock.GetCurrentInstant());

    [Benchmark(Description = "Uncached IsOpen(now)")]
    public bool Uncached() => _schedule.IsOpen(_clock.GetCurrentInstant());

    [Benchmark(Description = "Uncached NextChange(now)")]
    public Instant? UncachedNextChange() => _schedule.NextChange(_clock.GetCurrentInstant());

    /// <summary>A clock that does not move, so every cached call stays on the cached path.</summary>
    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
