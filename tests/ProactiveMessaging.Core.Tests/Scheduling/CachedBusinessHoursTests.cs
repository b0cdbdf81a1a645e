using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using ProactiveMessaging.Scheduling;
using static ProactiveMessaging.Tests.Scheduling.Schedules;

namespace ProactiveMessaging.Tests.Scheduling;

public sealed class CachedBusinessHoursTests
{
    private static readonly BusinessHoursSchedule NineToFive =
        Create("Europe/London", Interval(IsoDayOfWeek.Monday, "09:00", "17:00"));

    [Fact]
    public void IsOpen_FollowsTheClockAcrossChanges()
    {
        var clock = new FakeClock(At(2026, 3, 9, 8, 0, 0));
        var cached = new CachedBusinessHours(NineToFive, clock);

        Assert.False(cached.IsOpen());
        Assert.Equal(At(2026, 3, 9, 9, 0, 0), cached.ValidUntil);
        clock.Reset(At(2026, 3, 9, 9, 0, 0));
        Assert.True(cached.IsOpen());
        Assert.Equal(At(2026, 3, 9, 17, 0, 0), cached.ValidUntil);
        clock.Reset(At(2026, 3, 9, 17, 0, 0));
        Assert.False(cached.IsOpen());
    }

    [Fact]
    public void IsOpen_WithinTheCachedWindow_KeepsTheSnapshot()
    {
        var clock = new FakeClock(At(2026, 3, 9, 10, 0, 0));
        var cached = new CachedBusinessHours(NineToFive, clock);
        Instant validUntil = cached.ValidUntil;

        clock.AdvanceHours(6);

        Assert.True(cached.IsOpen());
        Assert.Equal(validUntil, cached.ValidUntil);
    }

    [Fact]
    public void IsOpen_WhenTheClockMovesBack_Recomputes()
    {
        var clock = new FakeClock(At(2026, 3, 9, 10, 0, 0));
        var cached = new CachedBusinessHours(NineToFive, clock);

        clock.Reset(At(2026, 3, 9, 8, 0, 0));

        Assert.False(cached.IsOpen());
    }

    [Fact]
    public void IsOpen_WithTimeProvider_ReadsIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 9, 8, 59, 0, TimeSpan.Zero));
        var cached = new CachedBusinessHours(NineToFive, time);

        Assert.False(cached.IsOpen());
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(cached.IsOpen());
    }

    [Fact]
    public void ValidUntil_ForAScheduleThatNeverChanges_IsTheEndOfTime()
    {
        var cached = new CachedBusinessHours(Create("UTC", EveryDay("00:00", "24:00")), new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)));

        Assert.True(cached.IsOpen());
        Assert.Equal(Instant.MaxValue, cached.ValidUntil);
    }

    [Fact]
    public async Task IsOpen_UnderManyThreadsAcrossChanges_AlwaysMatchesTheUncachedAnswer()
    {
        BusinessHoursSchedule schedule = Create("America/New_York", EveryDay("09:00", "09:30"));
        Instant start = At(2026, 3, 1, 0, 0, -5);
        var time = new FakeTimeProvider(start.ToDateTimeOffset());
        var cached = new CachedBusinessHours(schedule, time);
        int mismatches = 0;

        // The clock is stepped between rounds so every thread's answer can be compared with the schedule at that instant.
        for (int round = 0; round < 200; round++)
        {
            Instant now = Instant.FromDateTimeOffset(time.GetUtcNow());
            bool expected = schedule.IsOpen(now);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    if (cached.IsOpen() != expected)
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            })));
            time.Advance(TimeSpan.FromMinutes(11));
        }

        Assert.Equal(0, mismatches);
    }
}
