using NodaTime;
using ProactiveMessaging.Scheduling;
using static ProactiveMessaging.Tests.Scheduling.Schedules;

namespace ProactiveMessaging.Tests.Scheduling;

public sealed class CachedBusinessHoursTests
{
    private static readonly BusinessHoursSchedule NineToFive =
        Create("Europe/London", Interval(IsoDayOfWeek.Monday, "09:00", "17:00"));

    [Fact]
    public void IsOpen_FollowsTheInstantAcrossChanges()
    {
        var cached = new CachedBusinessHours(NineToFive);

        Assert.False(cached.IsOpen(At(2026, 3, 9, 8, 0, 0)));
        Assert.Equal(At(2026, 3, 9, 9, 0, 0), cached.ValidUntil);
        Assert.True(cached.IsOpen(At(2026, 3, 9, 9, 0, 0)));
        Assert.Equal(At(2026, 3, 9, 17, 0, 0), cached.ValidUntil);
        Assert.False(cached.IsOpen(At(2026, 3, 9, 17, 0, 0)));
    }

    [Fact]
    public void IsOpen_WithinTheCachedWindow_KeepsTheSnapshot()
    {
        var cached = new CachedBusinessHours(NineToFive);
        Assert.True(cached.IsOpen(At(2026, 3, 9, 10, 0, 0)));
        Instant validUntil = cached.ValidUntil;

        Assert.True(cached.IsOpen(At(2026, 3, 9, 16, 0, 0)));
        Assert.Equal(validUntil, cached.ValidUntil);
    }

    [Fact]
    public void IsOpen_ForAnEarlierInstant_Recomputes()
    {
        var cached = new CachedBusinessHours(NineToFive);
        Assert.True(cached.IsOpen(At(2026, 3, 9, 10, 0, 0)));

        Assert.False(cached.IsOpen(At(2026, 3, 9, 8, 0, 0)));
        Assert.Equal(At(2026, 3, 9, 9, 0, 0), cached.ValidUntil);
    }

    [Fact]
    public void ValidUntil_BeforeTheFirstQuestion_IsTheStartOfTime() =>
        Assert.Equal(Instant.MinValue, new CachedBusinessHours(NineToFive).ValidUntil);

    [Fact]
    public void ValidUntil_ForAScheduleThatNeverChanges_IsTheEndOfTime()
    {
        var cached = new CachedBusinessHours(Create("UTC", EveryDay("00:00", "24:00")));

        Assert.True(cached.IsOpen(Instant.FromUtc(2026, 1, 1, 0, 0)));
        Assert.Equal(Instant.MaxValue, cached.ValidUntil);
    }

    [Fact]
    public async Task IsOpen_UnderManyThreadsAcrossChanges_AlwaysMatchesTheUncachedAnswer()
    {
        BusinessHoursSchedule schedule = Create("America/New_York", EveryDay("09:00", "09:30"));
        Instant start = At(2026, 3, 1, 0, 0, -5);
        var cached = new CachedBusinessHours(schedule);
        int mismatches = 0;

        // Each thread asks about its own instants around the same moment, some earlier than the
        // others, so refreshes race and windows are replaced under readers.
        for (int round = 0; round < 200; round++)
        {
            Instant now = start + Duration.FromMinutes(11 * round);
            await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    Instant at = now + Duration.FromSeconds((thread * 37) + i - 100);
                    if (cached.IsOpen(at) != schedule.IsOpen(at))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            })));
        }

        Assert.Equal(0, mismatches);
    }
}
