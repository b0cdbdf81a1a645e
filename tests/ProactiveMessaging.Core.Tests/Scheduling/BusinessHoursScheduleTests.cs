using NodaTime;
using ProactiveMessaging.Scheduling;
using static ProactiveMessaging.Tests.Scheduling.Schedules;

namespace ProactiveMessaging.Tests.Scheduling;

// Two tests bound the largest schedules in time; the class is quick, so it runs alone with the other time-bound tests.
[Collection(nameof(Fuzzing.TimeBoundTests))]
public sealed class BusinessHoursScheduleTests
{
    // Tokyo keeps the examples free of daylight saving time: local = UTC + 9.
    private const string Tokyo = "Asia/Tokyo";

    [Fact]
    public void IsOpen_IsHalfOpen_OpenAtOpeningClosedAtClosing()
    {
        BusinessHoursSchedule schedule = Create(Tokyo, Interval(IsoDayOfWeek.Monday, "09:00", "17:30"));

        Assert.False(schedule.IsOpen(At(2026, 3, 9, 8, 59, 9)));
        Assert.True(schedule.IsOpen(At(2026, 3, 9, 9, 0, 9)));
        Assert.True(schedule.IsOpen(At(2026, 3, 9, 17, 29, 9)));
        Assert.False(schedule.IsOpen(At(2026, 3, 9, 17, 30, 9)));
        Assert.False(schedule.IsOpen(At(2026, 3, 10, 10, 0, 9)));
    }

    [Fact]
    public void IsOpen_SeveralIntervalsADay_ClosedBetweenThem()
    {
        BusinessHoursSchedule schedule = Create(
            Tokyo,
            Interval(IsoDayOfWeek.Monday, "09:00", "12:00"),
            Interval(IsoDayOfWeek.Monday, "13:00", "17:00"));

        Assert.True(schedule.IsOpen(At(2026, 3, 9, 11, 0, 9)));
        Assert.False(schedule.IsOpen(At(2026, 3, 9, 12, 30, 9)));
        Assert.True(schedule.IsOpen(At(2026, 3, 9, 13, 0, 9)));
        Assert.Equal(At(2026, 3, 9, 13, 0, 9), schedule.NextChange(At(2026, 3, 9, 12, 0, 9)));
    }

    [Fact]
    public void NextChange_TouchingIntervals_AreMergedWithNoChangeWhereTheyMeet()
    {
        BusinessHoursSchedule schedule = Create(
            Tokyo,
            Interval(IsoDayOfWeek.Monday, "09:00", "12:00"),
            Interval(IsoDayOfWeek.Monday, "12:00", "17:00"),
            Interval(IsoDayOfWeek.Monday, "10:00", "11:00"));

        Assert.Equal(At(2026, 3, 9, 17, 0, 9), schedule.NextChange(At(2026, 3, 9, 9, 0, 9)));
        Assert.Single(schedule.GetOpenIntervals(At(2026, 3, 9, 0, 0, 9), At(2026, 3, 10, 0, 0, 9)));
    }

    [Fact]
    public void NextChange_IntervalsMeetingAcrossTheWeekEnd_AreMerged()
    {
        BusinessHoursSchedule schedule = Create(
            Tokyo,
            Interval(IsoDayOfWeek.Sunday, "20:00", "00:00"),
            Interval(IsoDayOfWeek.Monday, "00:00", "08:00"));

        Assert.Equal(At(2026, 3, 9, 8, 0, 9), schedule.NextChange(At(2026, 3, 8, 20, 0, 9)));
    }

    [Fact]
    public void IsOpen_IntervalCrossingMidnight_IsOpenOnBothDays()
    {
        BusinessHoursSchedule schedule = Create(Tokyo, Interval(IsoDayOfWeek.Friday, "22:00", "02:00"));

        Assert.True(schedule.IsOpen(At(2026, 3, 13, 23, 0, 9)));
        Assert.True(schedule.IsOpen(At(2026, 3, 14, 1, 59, 9)));
        Assert.False(schedule.IsOpen(At(2026, 3, 14, 2, 0, 9)));
        Assert.False(schedule.IsOpen(At(2026, 3, 13, 1, 0, 9)));
    }

    [Fact]
    public void IsOpen_SundayIntervalCrossingIntoMonday_WrapsAroundTheWeek()
    {
        BusinessHoursSchedule schedule = Create(Tokyo, Interval(IsoDayOfWeek.Sunday, "22:00", "03:00"));

        Assert.True(schedule.IsOpen(At(2026, 3, 9, 2, 0, 9)));
        Assert.Equal(At(2026, 3, 9, 3, 0, 9), schedule.NextChange(At(2026, 3, 8, 22, 0, 9)));
    }

    [Fact]
    public void WholeDay_IsOpenFromMidnightToMidnight()
    {
        BusinessHoursSchedule schedule = Create(Tokyo, WeeklyInterval.WholeDay(IsoDayOfWeek.Wednesday));

        Assert.Equal(
            [new Interval(At(2026, 3, 11, 0, 0, 9), At(2026, 3, 12, 0, 0, 9))],
            schedule.GetOpenIntervals(At(2026, 3, 9, 0, 0, 9), At(2026, 3, 16, 0, 0, 9)));
    }

    [Fact]
    public void Schedule_OpenTwentyFourSeven_IsAlwaysOpenAndNeverChanges()
    {
        BusinessHoursSchedule schedule = Create("America/New_York", EveryDay("00:00", "24:00"));

        Assert.True(schedule.IsAlwaysOpen);
        Assert.True(schedule.IsOpen(At(2026, 3, 8, 2, 30, -5)));
        Assert.True(schedule.IsOpen(At(2026, 11, 1, 1, 30, -5)));
        Assert.Null(schedule.NextChange(At(2026, 3, 8, 0, 0, -5)));
        Instant start = At(2026, 1, 1, 0, 0, -5);
        Instant end = At(2027, 1, 1, 0, 0, -5);
        Assert.Equal([new Interval(start, end)], schedule.GetOpenIntervals(start, end));
    }

    [Fact]
    public void Schedule_OpenTwentyFourSevenWithAHoliday_ChangesOnlyAtTheHoliday()
    {
        BusinessHoursSchedule schedule = Create(
            "Europe/London",
            EveryDay("00:00", "24:00"),
            Holiday.On(new LocalDate(2026, 12, 25), isRecurring: true));

        Assert.False(schedule.IsAlwaysOpen);
        Assert.Equal(At(2026, 12, 25, 0, 0, 0), schedule.NextChange(At(2026, 3, 1, 0, 0, 0)));
        Assert.Equal(At(2026, 12, 26, 0, 0, 0), schedule.NextChange(At(2026, 12, 25, 0, 0, 0)));
        Assert.Equal(At(2027, 12, 25, 0, 0, 0), schedule.NextChange(At(2026, 12, 26, 0, 0, 0)));
    }

    [Fact]
    public void Schedule_WithNoWeeklyInterval_IsNeverOpen()
    {
        BusinessHoursSchedule schedule = Create(Tokyo);

        Assert.True(schedule.IsNeverOpen);
        Assert.False(schedule.IsOpen(At(2026, 3, 9, 12, 0, 9)));
        Assert.Null(schedule.NextChange(At(2026, 3, 9, 12, 0, 9)));
    }

    [Fact]
    public void Holiday_InsideIntervalCrossingMidnight_ClosesFromMidnight()
    {
        // Friday 3 July 2026 22:00 to Saturday 02:00; Saturday 4 July is a holiday.
        BusinessHoursSchedule schedule = Create(
            "Europe/London",
            [Interval(IsoDayOfWeek.Friday, "22:00", "02:00")],
            Holiday.On(new LocalDate(2026, 7, 4)));

        Assert.True(schedule.IsOpen(At(2026, 7, 3, 23, 0, 1)));
        Assert.Equal(At(2026, 7, 4, 0, 0, 1), schedule.NextChange(At(2026, 7, 3, 22, 0, 1)));
        Assert.False(schedule.IsOpen(At(2026, 7, 4, 1, 0, 1)));
    }

    [Fact]
    public void Holiday_OnTheDayAnIntervalCrossingMidnightOpens_LeavesTheMorningAfterOpen()
    {
        BusinessHoursSchedule schedule = Create(
            "Europe/London",
            [Interval(IsoDayOfWeek.Friday, "22:00", "02:00")],
            Holiday.On(new LocalDate(2026, 7, 3)));

        Assert.False(schedule.IsOpen(At(2026, 7, 3, 23, 0, 1)));
        Assert.Equal(
            [new Interval(At(2026, 7, 4, 0, 0, 1), At(2026, 7, 4, 2, 0, 1))],
            schedule.GetOpenIntervals(At(2026, 7, 3, 0, 0, 1), At(2026, 7, 5, 0, 0, 1)));
    }

    [Fact]
    public void Holiday_Range_ClosesEveryDateIncludingTheLast()
    {
        BusinessHoursSchedule schedule = Create(
            Tokyo,
            EveryDay("09:00", "17:00"),
            Holiday.Between(new LocalDate(2026, 8, 1), new LocalDate(2026, 8, 14)));

        Assert.False(schedule.IsOpen(At(2026, 8, 14, 12, 0, 9)));
        Assert.Equal(At(2026, 8, 15, 9, 0, 9), schedule.NextChange(At(2026, 7, 31, 17, 0, 9)));
    }

    [Fact]
    public void NextChange_ClosedByHolidaysForYears_JumpsToTheirEnd()
    {
        BusinessHoursSchedule schedule = Create(
            Tokyo,
            EveryDay("09:00", "17:00"),
            [.. Enumerable.Range(2026, 10).Select(year => Holiday.Between(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31)))]);

        Assert.Equal(At(2036, 1, 1, 9, 0, 9), schedule.NextChange(At(2026, 1, 1, 0, 0, 9)));
    }

    // --- The largest schedules the limits allow, answered without visiting each closed day

    [Fact]
    public void Evaluate_ClosedByTheMostHolidaysOfTheLongestSpan_FindsTheOpeningAfterThemQuickly()
    {
        // 1,000 holidays of 366 days, back to back: closed from 2026 until early 3028.
        Holiday[] holidays = [.. Enumerable.Range(0, ScheduleLimits.MaxHolidays)
            .Select(i => new LocalDate(2026, 1, 1).PlusDays(i * ScheduleLimits.MaxHolidayDays))
            .Select(start => Holiday.Between(start, start.PlusDays(ScheduleLimits.MaxHolidayDays - 1)))];
        LocalDate reopens = holidays[^1].End.PlusDays(1);
        BusinessHoursSchedule schedule = Create(Tokyo, EveryDay("09:00", "17:00"), holidays);
        var expected = At(reopens.Year, reopens.Month, reopens.Day, 9, 0, 9);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int day = 0; day < 1_000; day++)
        {
            Instant at = At(2026, 1, 1, 12, 0, 9) + Duration.FromDays(day * 300);
            Assert.Equal((false, (Instant?)expected), schedule.Evaluate(at));
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"1,000 evaluations took {watch.Elapsed}");
        var cached = new CachedBusinessHours(schedule);
        cached.IsOpen(At(2500, 6, 1, 12, 0, 9));
        Assert.Equal(expected, cached.ValidUntil);
    }

    [Fact]
    public void Evaluate_HolidaysOnEveryOpenDayForYears_SkipsToTheFirstOpenDayQuickly()
    {
        // Open on Mondays only, and each of the next 1,000 Mondays is a holiday (about 19 years).
        LocalDate firstMonday = new(2026, 1, 5);
        Holiday[] holidays = [.. Enumerable.Range(0, ScheduleLimits.MaxHolidays).Select(week => Holiday.On(firstMonday.PlusWeeks(week)))];
        LocalDate opens = firstMonday.PlusWeeks(ScheduleLimits.MaxHolidays);
        BusinessHoursSchedule schedule = Create(Tokyo, [Interval(IsoDayOfWeek.Monday, "09:00", "17:00")], holidays);

        var expected = At(opens.Year, opens.Month, opens.Day, 9, 0, 9);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int day = 0; day < 500; day++)
        {
            Assert.Equal((false, (Instant?)expected), schedule.Evaluate(At(2026, 1, 5, 10, 0, 9) + Duration.FromDays(day)));
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"500 evaluations took {watch.Elapsed}");
    }

    [Fact]
    public void Evaluate_RecurringHolidaysCoveringTheWholeYear_IsClosedForever()
    {
        BusinessHoursSchedule schedule = Create(
            Tokyo,
            EveryDay("09:00", "17:00"),
            Holiday.Between(new LocalDate(2026, 1, 1), new LocalDate(2026, 6, 30), isRecurring: true),
            Holiday.Between(new LocalDate(2026, 7, 1), new LocalDate(2027, 1, 1), isRecurring: true));

        Assert.Equal((false, (Instant?)null), schedule.Evaluate(At(2026, 3, 1, 12, 0, 9)));
    }

    [Theory]
    // Every year, in the year written, before it and after it.
    [InlineData(2026, 12, 25, true)]
    [InlineData(2019, 12, 25, true)]
    [InlineData(2040, 12, 25, true)]
    [InlineData(2026, 12, 26, false)]
    public void Holiday_Recurring_RepeatsEveryYear(int year, int month, int day, bool included) =>
        Assert.Equal(included, Holiday.On(new LocalDate(2026, 12, 25), isRecurring: true).Includes(new LocalDate(year, month, day)));

    [Theory]
    // A recurring range across the new year.
    [InlineData(2030, 12, 24, true)]
    [InlineData(2031, 1, 2, true)]
    [InlineData(2031, 1, 3, false)]
    [InlineData(2030, 12, 23, false)]
    public void Holiday_RecurringRangeAcrossNewYear_CoversBothEnds(int year, int month, int day, bool included) =>
        Assert.Equal(included, Holiday.Between(new LocalDate(2026, 12, 24), new LocalDate(2027, 1, 2), isRecurring: true).Includes(new LocalDate(year, month, day)));

    [Theory]
    // A recurring 29 February happens only in leap years.
    [InlineData(2028, 2, 29, true)]
    [InlineData(2027, 2, 28, false)]
    [InlineData(2027, 3, 1, false)]
    public void Holiday_RecurringLeapDay_OnlyInLeapYears(int year, int month, int day, bool included) =>
        Assert.Equal(included, Holiday.On(new LocalDate(2024, 2, 29), isRecurring: true).Includes(new LocalDate(year, month, day)));

    [Fact]
    public void Holiday_NotRecurring_CoversOnlyItsYear() =>
        Assert.False(Holiday.On(new LocalDate(2026, 12, 25)).Includes(new LocalDate(2027, 12, 25)));

    [Fact]
    public void GetOpenIntervals_ClipsToTheRequestedRange()
    {
        BusinessHoursSchedule schedule = Create(Tokyo, Interval(IsoDayOfWeek.Monday, "09:00", "17:00"));

        Assert.Equal(
            [new Interval(At(2026, 3, 9, 12, 0, 9), At(2026, 3, 9, 17, 0, 9)), new Interval(At(2026, 3, 16, 9, 0, 9), At(2026, 3, 16, 10, 0, 9))],
            schedule.GetOpenIntervals(At(2026, 3, 9, 12, 0, 9), At(2026, 3, 16, 10, 0, 9)));
        Assert.Empty(schedule.GetOpenIntervals(At(2026, 3, 9, 12, 0, 9), At(2026, 3, 9, 12, 0, 9)));
    }

    [Fact]
    public void WeeklyInterval_Length_CountsLocalMinutesAcrossMidnight()
    {
        Assert.Equal(Period.FromMinutes(240), Interval(IsoDayOfWeek.Friday, "22:00", "02:00").Length);
        Assert.Equal(Period.FromMinutes(24 * 60), WeeklyInterval.WholeDay(IsoDayOfWeek.Friday).Length);
        Assert.Equal("Friday 00:00-24:00", WeeklyInterval.WholeDay(IsoDayOfWeek.Friday).ToString());
    }
}
