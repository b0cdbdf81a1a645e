using NodaTime;
using ProactiveMessaging.Scheduling;
using static ProactiveMessaging.Tests.Scheduling.Schedules;

namespace ProactiveMessaging.Tests.Scheduling;

/// <summary>The first-reached policy in real zones, with the expected instants written as local time and offset.</summary>
public sealed class DaylightSavingTests
{
    // America/New_York: 8 March 2026, 02:00 EST becomes 03:00 EDT; 1 November 2026, 02:00 EDT becomes 01:00 EST.
    [Fact]
    public void IsOpen_AtSpringForwardGapBoundary_OpensAtFirstValidInstant()
    {
        BusinessHoursSchedule schedule = Create("America/New_York", Interval(IsoDayOfWeek.Sunday, "02:30", "10:00"));
        Instant jump = At(2026, 3, 8, 3, 0, -4);

        Assert.False(schedule.IsOpen(jump - Duration.Epsilon));
        Assert.True(schedule.IsOpen(jump));
        Assert.Equal(jump, schedule.NextChange(At(2026, 3, 8, 0, 0, -5)));
        Assert.Equal(At(2026, 3, 8, 10, 0, -4), schedule.NextChange(jump));
    }

    [Fact]
    public void IsOpen_AtFallBackOverlapBoundary_ClosesAtEarlierOccurrenceAndStaysClosed()
    {
        BusinessHoursSchedule schedule = Create("America/New_York", Interval(IsoDayOfWeek.Saturday, "22:00", "01:30"));
        Instant firstOneThirty = At(2026, 11, 1, 1, 30, -4);

        Assert.True(schedule.IsOpen(firstOneThirty - Duration.Epsilon));
        Assert.False(schedule.IsOpen(firstOneThirty));
        Assert.False(schedule.IsOpen(At(2026, 11, 1, 1, 15, -5)));
        Assert.Equal(firstOneThirty, schedule.NextChange(At(2026, 10, 31, 23, 0, -4)));
        Assert.Equal(At(2026, 11, 7, 22, 0, -5), schedule.NextChange(firstOneThirty));
    }

    [Fact]
    public void IsOpen_OpeningInFallBackOverlap_OpensAtEarlierOccurrence()
    {
        BusinessHoursSchedule schedule = Create("America/New_York", Interval(IsoDayOfWeek.Sunday, "01:30", "09:00"));

        Assert.Equal(At(2026, 11, 1, 1, 30, -4), schedule.NextChange(At(2026, 11, 1, 0, 0, -4)));

        // Open through the repeated hour: 7.5 hours of local time last 8.5 hours.
        Assert.Equal(
            [new Interval(At(2026, 11, 1, 1, 30, -4), At(2026, 11, 1, 9, 0, -5))],
            schedule.GetOpenIntervals(At(2026, 11, 1, 0, 0, -4), At(2026, 11, 2, 0, 0, -5)));
    }

    // Europe/London: 29 March 2026, 01:00 GMT becomes 02:00 BST; 25 October 2026, 02:00 BST becomes 01:00 GMT.
    [Fact]
    public void GetOpenIntervals_IntervalEntirelyInSpringForwardGap_IsEmptyThatDay()
    {
        BusinessHoursSchedule schedule = Create("Europe/London", Interval(IsoDayOfWeek.Sunday, "01:15", "01:45"));

        Assert.Empty(schedule.GetOpenIntervals(At(2026, 3, 29, 0, 0, 0), At(2026, 3, 30, 0, 0, 1)));
        Assert.Equal(At(2026, 4, 5, 1, 15, 1), schedule.NextChange(At(2026, 3, 28, 12, 0, 0)));
        Assert.Equal(
            [new Interval(At(2026, 3, 22, 1, 15, 0), At(2026, 3, 22, 1, 45, 0))],
            schedule.GetOpenIntervals(At(2026, 3, 22, 0, 0, 0), At(2026, 3, 23, 0, 0, 0)));
    }

    [Fact]
    public void GetOpenIntervals_IntervalAcrossSpringForwardGap_IsShorterByTheGap()
    {
        BusinessHoursSchedule schedule = Create("Europe/London", Interval(IsoDayOfWeek.Saturday, "22:00", "06:00"));

        Interval night = Assert.Single(schedule.GetOpenIntervals(At(2026, 3, 28, 12, 0, 0), At(2026, 3, 29, 12, 0, 1)));
        Assert.Equal(Duration.FromHours(7), night.Duration);
    }

    [Fact]
    public void GetOpenIntervals_IntervalAcrossFallBackOverlap_IsLongerByTheOverlap()
    {
        BusinessHoursSchedule schedule = Create("Europe/London", Interval(IsoDayOfWeek.Saturday, "22:00", "06:00"));

        Interval night = Assert.Single(schedule.GetOpenIntervals(At(2026, 10, 24, 12, 0, 1), At(2026, 10, 25, 12, 0, 0)));
        Assert.Equal(Duration.FromHours(9), night.Duration);
    }

    // Australia/Lord_Howe shifts by 30 minutes: 4 October 2026, 02:00 +10:30 becomes 02:30 +11:00;
    // 5 April 2026, 02:00 +11:00 becomes 01:30 +10:30.
    [Fact]
    public void IsOpen_LordHoweHalfHourGap_OpensWhenClocksReachTwoThirty()
    {
        BusinessHoursSchedule schedule = Create("Australia/Lord_Howe", Interval(IsoDayOfWeek.Sunday, "02:15", "12:00"));

        Assert.Equal(At(2026, 10, 4, 2, 30, 11), schedule.NextChange(At(2026, 10, 4, 0, 0, 10, 30)));
        Assert.False(schedule.IsOpen(At(2026, 10, 4, 2, 30, 11) - Duration.Epsilon));
    }

    [Fact]
    public void IsOpen_LordHoweHalfHourOverlap_ClosesAtEarlierOccurrence()
    {
        BusinessHoursSchedule schedule = Create("Australia/Lord_Howe", Interval(IsoDayOfWeek.Saturday, "20:00", "01:45"));

        Assert.Equal(At(2026, 4, 5, 1, 45, 11), schedule.NextChange(At(2026, 4, 4, 21, 0, 11)));
        Assert.False(schedule.IsOpen(At(2026, 4, 5, 1, 40, 10, 30)));
    }

    // Asia/Tokyo has no daylight saving time: every week is the same.
    [Theory]
    [InlineData(2026, 3, 9)]
    [InlineData(2026, 11, 2)]
    [InlineData(2011, 12, 26)]
    public void NextChange_InTokyo_IsTheSameLocalTimeEveryWeek(int year, int month, int mondayDay)
    {
        BusinessHoursSchedule schedule = Create("Asia/Tokyo", Interval(IsoDayOfWeek.Monday, "09:00", "18:00"));

        Assert.Equal(At(year, month, mondayDay, 9, 0, 9), schedule.NextChange(At(year, month, mondayDay, 0, 0, 9)));
        Assert.Equal(At(year, month, mondayDay, 18, 0, 9), schedule.NextChange(At(year, month, mondayDay, 9, 0, 9)));
    }

    // America/Sao_Paulo sprang forward at midnight (4 November 2018, 00:00 -03 became 01:00 -02);
    // it abolished daylight saving time in 2019, so November 2019 and later stay at -03.
    [Fact]
    public void NextChange_SaoPauloMidnightGapIn2018_OpensAtOneAm()
    {
        BusinessHoursSchedule schedule = Create("America/Sao_Paulo", Interval(IsoDayOfWeek.Sunday, "00:00", "12:00"));

        Assert.Equal(At(2018, 11, 4, 1, 0, -2), schedule.NextChange(At(2018, 11, 3, 20, 0, -3)));
        Assert.Equal(At(2018, 11, 4, 12, 0, -2), schedule.NextChange(At(2018, 11, 4, 1, 0, -2)));
    }

    [Fact]
    public void NextChange_SaoPauloAfterAbolition_StaysAtStandardTime()
    {
        BusinessHoursSchedule schedule = Create("America/Sao_Paulo", Interval(IsoDayOfWeek.Sunday, "00:00", "12:00"));

        Assert.Equal(At(2019, 11, 3, 0, 0, -3), schedule.NextChange(At(2019, 11, 2, 20, 0, -3)));
        Assert.Equal(At(2026, 11, 1, 12, 0, -3), schedule.NextChange(At(2026, 11, 1, 0, 0, -3)));
    }

    [Fact]
    public void HolidayOnSaoPauloGapDay_ClosesFromTheFirstInstantOfTheDay()
    {
        BusinessHoursSchedule schedule = Create(
            "America/Sao_Paulo",
            EveryDay("00:00", "24:00"),
            Holiday.On(new LocalDate(2018, 11, 4)));

        Assert.Equal(
            [new Interval(At(2018, 11, 3, 0, 0, -3), At(2018, 11, 4, 1, 0, -2)), new Interval(At(2018, 11, 5, 0, 0, -2), At(2018, 11, 6, 0, 0, -2))],
            schedule.GetOpenIntervals(At(2018, 11, 3, 0, 0, -3), At(2018, 11, 6, 0, 0, -2)));
    }

    // Pacific/Apia skipped Friday 30 December 2011: 29 December 24:00 -10 became 31 December 00:00 +14.
    [Fact]
    public void GetOpenIntervals_ApiaSkippedFriday_HasNoOpeningThatDay()
    {
        BusinessHoursSchedule schedule = Create("Pacific/Apia", EveryDay("09:00", "17:00"));

        Assert.Equal(
            [new Interval(At(2011, 12, 29, 9, 0, -10), At(2011, 12, 29, 17, 0, -10)), new Interval(At(2011, 12, 31, 9, 0, 14), At(2011, 12, 31, 17, 0, 14))],
            schedule.GetOpenIntervals(At(2011, 12, 29, 0, 0, -10), At(2012, 1, 1, 0, 0, 14)));
    }

    [Fact]
    public void NextChange_ApiaIntervalCrossingIntoSkippedDay_ClosesWhenTheDayIsSkipped()
    {
        BusinessHoursSchedule schedule = Create("Pacific/Apia", Interval(IsoDayOfWeek.Thursday, "22:00", "02:00"));

        Assert.Equal(At(2011, 12, 31, 0, 0, 14), schedule.NextChange(At(2011, 12, 29, 22, 0, -10)));
        Assert.Equal(At(2012, 1, 5, 22, 0, 14), schedule.NextChange(At(2011, 12, 31, 0, 0, 14)));
    }

    [Fact]
    public void HolidayOnApiaSkippedDay_ChangesNothing()
    {
        WeeklyInterval[] weekly = EveryDay("09:00", "17:00");
        BusinessHoursSchedule without = Create("Pacific/Apia", weekly);
        BusinessHoursSchedule with = Create("Pacific/Apia", weekly, Holiday.On(new LocalDate(2011, 12, 30)));
        Instant start = At(2011, 12, 28, 0, 0, -10);
        Instant end = At(2012, 1, 2, 0, 0, 14);

        Assert.Equal(without.GetOpenIntervals(start, end), with.GetOpenIntervals(start, end));
    }

    // Asia/Kathmandu is at +05:45; it moved from +05:30 at midnight on 1 January 1986.
    [Fact]
    public void NextChange_InKathmandu_FollowsTheQuarterHourOffset()
    {
        BusinessHoursSchedule schedule = Create("Asia/Kathmandu", Interval(IsoDayOfWeek.Monday, "09:00", "17:00"));

        Instant opening = At(2026, 3, 9, 9, 0, 5, 45);
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 3, 15), opening);
        Assert.Equal(opening, schedule.NextChange(At(2026, 3, 9, 0, 0, 5, 45)));
        Assert.False(schedule.IsOpen(opening - Duration.FromMinutes(1)));
        Assert.True(schedule.IsOpen(opening));
    }

    [Fact]
    public void NextChange_KathmanduFifteenMinuteGapIn1986_OpensAtQuarterPastMidnight()
    {
        BusinessHoursSchedule schedule = Create("Asia/Kathmandu", Interval(IsoDayOfWeek.Wednesday, "00:05", "08:00"));

        Assert.Equal(At(1986, 1, 1, 0, 15, 5, 45), schedule.NextChange(At(1985, 12, 31, 20, 0, 5, 30)));
    }
}
