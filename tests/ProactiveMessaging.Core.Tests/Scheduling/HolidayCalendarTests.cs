using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Scheduling.Internal;

namespace ProactiveMessaging.Tests.Scheduling;

/// <summary>
/// The holiday index against the plainest reading of the holidays: <see cref="Holiday.Includes"/> asked
/// day by day.
/// </summary>
public sealed class HolidayCalendarTests
{
    /// <summary>Days around the generated holidays that each property walks.</summary>
    private const int WindowDays = 3 * 366;

    private static readonly LocalDate MaxIsoDate = new(CalendarSystem.Iso.MaxYear, 12, 31);

    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property IsHoliday_AgreesWithHolidayIncludes_OnEveryDayAround() =>
        Prop.ForAll(Cases().ToArbitrary(), @case =>
        {
            var calendar = new HolidayCalendar(@case.Holidays);
            for (LocalDate date = @case.From; date < @case.From.PlusDays(WindowDays); date = date.PlusDays(1))
            {
                if (calendar.IsHoliday(date) != Naive(@case.Holidays, date))
                {
                    return false.Label($"differs on {date}: {@case}");
                }
            }

            return true.ToProperty();
        });

    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property FirstOpenDateAndFirstHoliday_AgreeWithADayByDayScan() =>
        Prop.ForAll(QueryCases().ToArbitrary(), query =>
        {
            (HolidayCase @case, int offset, int length) = query;
            var calendar = new HolidayCalendar(@case.Holidays);
            LocalDate from = @case.From.PlusDays(offset);
            LocalDate limit = from.PlusDays(length);

            LocalDate open = from;
            while (open < limit && Naive(@case.Holidays, open))
            {
                open = open.PlusDays(1);
            }

            LocalDate holiday = from;
            while (holiday < limit && !Naive(@case.Holidays, holiday))
            {
                holiday = holiday.PlusDays(1);
            }

            return (calendar.FirstOpenDate(from, limit) == open && calendar.FirstHoliday(from, limit) == holiday)
                .Label($"from {from} to {limit}: open {calendar.FirstOpenDate(from, limit)} (scan {open}), holiday {calendar.FirstHoliday(from, limit)} (scan {holiday}); {@case}");
        });

    [Fact]
    public void FirstOpenDate_AcrossARangeToTheLastIsoDate_ReturnsTheLimitInOneStep()
    {
        var calendar = new HolidayCalendar([Holiday.Between(new LocalDate(2026, 1, 1), MaxIsoDate)]);

        Assert.Equal(MaxIsoDate, calendar.FirstOpenDate(new LocalDate(2026, 6, 1), MaxIsoDate));
        Assert.True(calendar.IsHoliday(MaxIsoDate));
        Assert.Equal(new LocalDate(2026, 1, 1), calendar.FirstHoliday(new LocalDate(2025, 1, 1), MaxIsoDate));
        Assert.Equal(MaxIsoDate, calendar.LastFixedDate);
    }

    [Fact]
    public void RecurringHolidays_CoveringEveryDay_LeaveNoOpenDateBeforeTheLimit()
    {
        var calendar = new HolidayCalendar(
        [
            Holiday.Between(new LocalDate(2026, 1, 1), new LocalDate(2026, 6, 30), isRecurring: true),
            Holiday.Between(new LocalDate(2026, 7, 1), new LocalDate(2027, 1, 1), isRecurring: true),
        ]);

        Assert.Equal(new LocalDate(9997, 12, 31), calendar.FirstOpenDate(new LocalDate(2026, 3, 1), new LocalDate(9997, 12, 31)));
    }

    [Fact]
    public void RecurringTwentyNinthOfFebruary_ClosesOnlyInLeapYears()
    {
        var calendar = new HolidayCalendar([Holiday.On(new LocalDate(2024, 2, 29), isRecurring: true)]);

        Assert.Equal(new LocalDate(2028, 2, 29), calendar.FirstHoliday(new LocalDate(2024, 3, 1), new LocalDate(2100, 1, 1)));
        Assert.Equal(new LocalDate(2104, 2, 29), calendar.FirstHoliday(new LocalDate(2096, 3, 1), new LocalDate(2200, 1, 1)));
        Assert.False(calendar.IsHoliday(new LocalDate(2100, 3, 1)));
    }

    private static bool Naive(IReadOnlyList<Holiday> holidays, LocalDate date) => holidays.Any(holiday => holiday.Includes(date));

    /// <summary>
    /// Holidays packed into a few years so that they overlap, touch and chain: fixed ranges, recurring
    /// dates and recurring ranges across the new year, often on 28 February, 29 February or 1 March.
    /// </summary>
    private static Gen<HolidayCase> Cases() =>
        from year in Gen.Frequency((4, Gen.Choose(1990, 2040)), (1, Gen.Elements(2096, 2100, 9990)))
        from holidays in HolidayGen(year).ArrayOf().Resize(25)
        select new HolidayCase(holidays, new LocalDate(year - 1, 1, 1));

    private static Gen<(HolidayCase Case, int Offset, int Length)> QueryCases() =>
        from @case in Cases()
        from offset in Gen.Choose(0, WindowDays)
        from length in Gen.Frequency((3, Gen.Choose(0, 40)), (2, Gen.Choose(0, WindowDays)))
        select (@case, offset, length);

    private static Gen<Holiday> HolidayGen(int year) =>
        from start in Gen.Frequency(
            (4, Gen.Choose(0, 3 * 365).Select(day => new LocalDate(year - 1, 1, 1).PlusDays(day))),
            (1, Gen.Elements(new LocalDate(year, 2, 28), new LocalDate(2024, 2, 29), new LocalDate(year, 3, 1), new LocalDate(year, 12, 31))))
        from length in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Choose(1, 20)), (1, Gen.Choose(21, 364)))
        from recurring in Gen.Elements(true, false)
        select Holiday.Between(start, start.PlusDays(length), recurring);

    public sealed record HolidayCase(Holiday[] Holidays, LocalDate From)
    {
        public override string ToString() =>
            $"from {From}: [{string.Join(", ", Holidays.Select(h => $"{h.Start}..{h.End}{(h.IsRecurring ? " every year" : "")}"))}]";
    }
}
