using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using ProactiveMessaging.Scheduling;
using static ProactiveMessaging.Tests.Scheduling.Schedules;

namespace ProactiveMessaging.Tests.Scheduling;

public sealed class ScheduleValidationTests
{
    [Fact]
    public void Create_WithEveryPartWrong_ReportsEveryProblemWithItsPath()
    {
        ValidationResult<BusinessHoursSchedule> result = BusinessHoursSchedule.Create(
            " ",
            "Mars/Olympus_Mons",
            [
                Interval(IsoDayOfWeek.Monday, "09:00", "17:00"),
                new WeeklyInterval(IsoDayOfWeek.None, new LocalTime(9, 0), new LocalTime(17, 0, 30)),
            ],
            [Holiday.Between(new LocalDate(2026, 8, 14), new LocalDate(2026, 8, 1))],
            "$.workspace.schedules[0]");

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                (ScheduleProblemCodes.IdRequired, "$.workspace.schedules[0].id"),
                (ScheduleProblemCodes.TimeZoneUnknown, "$.workspace.schedules[0].timeZone"),
                (ScheduleProblemCodes.DayInvalid, "$.workspace.schedules[0].weekly[1].day"),
                (ScheduleProblemCodes.TimeInvalid, "$.workspace.schedules[0].weekly[1].close"),
                (ScheduleProblemCodes.HolidayEndBeforeStart, "$.workspace.schedules[0].holidays[0].end"),
            ],
            result.Problems.Select(problem => (problem.Code, problem.Path)));
        Assert.All(result.Problems, problem => Assert.Equal(ProblemKind.Malformed, problem.Kind));
    }

    [Theory]
    [InlineData("europe/london", "Europe/London")]
    [InlineData("Europe/Londn", "Europe/London")]
    [InlineData("America/New York", "America/New_York")]
    [InlineData("Kathmandu", "Asia/Kathmandu")]
    [InlineData("Asia/Tokio", "Asia/Tokyo")]
    public void Create_WithUnknownZoneCloseToAKnownOne_SuggestsIt(string given, string suggested)
    {
        Problem problem = Assert.Single(BusinessHoursSchedule.Create("s", given, []).Problems);

        Assert.Equal(ScheduleProblemCodes.TimeZoneUnknown, problem.Code);
        Assert.Equal("$.timeZone", problem.Path);
        Assert.Contains($"Did you mean '{suggested}'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithUnknownZoneFarFromAnyKnownOne_SuggestsNothing()
    {
        Problem problem = Assert.Single(BusinessHoursSchedule.Create("s", "Nowhere/Qwxz_Plonk", []).Problems);

        Assert.Equal(ScheduleProblemCodes.TimeZoneUnknown, problem.Code);
        Assert.DoesNotContain("Did you mean", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithoutZone_ReportsItRequired() =>
        Assert.Equal(ScheduleProblemCodes.TimeZoneRequired, Assert.Single(BusinessHoursSchedule.Create("s", "", []).Problems).Code);

    [Fact]
    public void Create_WithTooLongId_ReportsIt() =>
        Assert.Equal(
            ScheduleProblemCodes.IdTooLong,
            Assert.Single(BusinessHoursSchedule.Create(new string('x', BusinessHoursSchedule.MaxIdLength + 1), "UTC", []).Problems).Code);

    [Fact]
    public void Create_WithRecurringHolidayOfAYearOrMore_ReportsIt()
    {
        Problem problem = Assert.Single(BusinessHoursSchedule.Create(
            "s",
            "UTC",
            [],
            [Holiday.Between(new LocalDate(2026, 3, 1), new LocalDate(2027, 3, 1), isRecurring: true)]).Problems);

        Assert.Equal(ScheduleProblemCodes.HolidayRecurringTooLong, problem.Code);
        Assert.Equal("$.holidays[0].end", problem.Path);
    }

    [Fact]
    public void Create_WithNullEntries_ReportsThemAtTheirIndex()
    {
        ValidationResult<BusinessHoursSchedule> result = BusinessHoursSchedule.Create("s", "UTC", [null!], [null!]);

        Assert.Equal(
            [(ScheduleProblemCodes.WeeklyIntervalRequired, "$.weekly[0]"), (ScheduleProblemCodes.HolidayRequired, "$.holidays[0]")],
            result.Problems.Select(problem => (problem.Code, problem.Path)));
    }

    [Fact]
    public void Create_WithNonIsoHolidayDate_ReportsIt() =>
        Assert.Equal(
            ScheduleProblemCodes.HolidayDateInvalid,
            Assert.Single(BusinessHoursSchedule.Create(
                "s",
                "UTC",
                [],
                [Holiday.On(new LocalDate(5786, 1, 1, CalendarSystem.HebrewCivil))]).Problems).Code);

    [Fact]
    public void Create_WithValidParts_KeepsThemAsDeclared()
    {
        WeeklyInterval[] weekly = [Interval(IsoDayOfWeek.Monday, "12:00", "17:00"), Interval(IsoDayOfWeek.Monday, "09:00", "12:00")];
        BusinessHoursSchedule schedule = BusinessHoursSchedule.Create("support", "Europe/London", weekly).GetValueOrThrow();

        Assert.Equal("support", schedule.Id);
        Assert.Equal("Europe/London", schedule.TimeZoneId);
        Assert.Equal("Europe/London", schedule.Zone.Id);
        Assert.Equal(weekly, schedule.Weekly);
        Assert.Empty(schedule.Holidays);
    }

    [Fact]
    public void GetValueOrThrow_OnInvalidSchedule_ThrowsWithTheProblems()
    {
        var exception = Assert.Throws<InvalidInputException>(() => BusinessHoursSchedule.Create("s", "Not/A_Zone", []).GetValueOrThrow());

        Assert.Equal(ScheduleProblemCodes.TimeZoneUnknown, Assert.Single(exception.Problems).Code);
    }

    // --- Any date NodaTime accepts is a problem or works

    [Theory]
    [InlineData(9999, 12, 31)]
    [InlineData(9999, 1, 1)]
    [InlineData(-9998, 1, 1)]
    public void Create_WithRecurringHolidayInAnExtremeYear_RecursEveryYear(int year, int month, int day)
    {
        BusinessHoursSchedule schedule = BusinessHoursSchedule.Create(
            "s",
            "UTC",
            EveryDay("09:00", "17:00"),
            [Holiday.On(new LocalDate(year, month, day), isRecurring: true)]).GetValueOrThrow();

        Assert.False(schedule.IsOpen(Instant.FromUtc(2026, month, day, 12, 0)));
        Assert.True(schedule.IsOpen(Instant.FromUtc(2026, month, day, 12, 0) + Duration.FromDays(1)));
    }

    [Fact]
    public void Create_WithRecurringRangeToTheLastIsoDate_IsShorterThanAYear()
    {
        BusinessHoursSchedule schedule = BusinessHoursSchedule.Create(
            "s",
            "UTC",
            EveryDay("09:00", "17:00"),
            [Holiday.Between(new LocalDate(9999, 12, 24), new LocalDate(9999, 12, 31), isRecurring: true)]).GetValueOrThrow();

        Assert.Equal(Instant.FromUtc(2027, 1, 1, 9, 0), schedule.NextChange(Instant.FromUtc(2026, 12, 23, 18, 0)));
    }

    [FsCheck.Xunit.Property(MaxTest = 3_000)]
    public Property Create_WithAnyIsoDates_ReturnsAScheduleOrProblems_AndTheScheduleAnswers()
    {
        // Every ISO date NodaTime can represent, often at the very ends of its range.
        Gen<LocalDate> dates = Gen.Frequency(
            (3, Gen.Choose(0, 7_304_000).Select(day => new LocalDate(CalendarSystem.Iso.MinYear, 1, 1).PlusDays(day))),
            (2, Gen.Choose(0, 800).Select(day => new LocalDate(CalendarSystem.Iso.MaxYear, 12, 31).PlusDays(-day))),
            (2, Gen.Choose(0, 800).Select(day => new LocalDate(CalendarSystem.Iso.MinYear, 1, 1).PlusDays(day))),
            (2, Gen.Choose(0, 3_000).Select(day => new LocalDate(2024, 1, 1).PlusDays(day))));
        Gen<Holiday> holidays =
            from start in dates
            from anyEnd in dates
            from days in Gen.Choose(0, 400)
            from nearby in Gen.Elements(true, false)
            from recurring in Gen.Elements(true, false)
            let last = new LocalDate(CalendarSystem.Iso.MaxYear, 12, 31)
            let end = !nearby ? anyEnd : start <= last.PlusDays(-days) ? start.PlusDays(days) : last
            select Holiday.Between(start, end, recurring);
        Gen<Instant> instants = Gen.Frequency(
            (3, Gen.Choose(0, 20 * 365).Select(day => Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromDays(day) + Duration.FromMinutes(day % 1440))),
            (1, Gen.Elements(Instant.MinValue, Instant.MaxValue, Instant.FromUtc(9999, 12, 31, 0, 0), Instant.FromUtc(-9998, 1, 1, 0, 0))));
        Gen<(Holiday[] Holidays, string Zone, Instant At)> cases =
            from list in holidays.ArrayOf().Resize(6)
            from zone in Gen.Elements("UTC", "Pacific/Kiritimati", "Etc/GMT+12", "Europe/London")
            from at in instants
            select (list, zone, at);

        return Prop.ForAll(cases.ToArbitrary(), @case =>
        {
            ValidationResult<BusinessHoursSchedule> result = BusinessHoursSchedule.Create("s", @case.Zone, EveryDay("09:00", "17:00"), @case.Holidays);
            if (result.TryGetValue(out BusinessHoursSchedule? schedule))
            {
                schedule.Evaluate(@case.At);
                schedule.IsOpen(@case.At);
                new CachedBusinessHours(schedule).IsOpen(@case.At);
            }
            else
            {
                Assert.NotEmpty(result.Problems);
            }
        });
    }

    // --- Limits

    [Fact]
    public void Create_WithTheMostHolidays_Succeeds_AndOneMore_ReportsTooMany()
    {
        Holiday[] holidays = [.. Enumerable.Range(0, ScheduleLimits.MaxHolidays + 1).Select(day => Holiday.On(new LocalDate(2026, 1, 1).PlusDays(day)))];

        Assert.True(BusinessHoursSchedule.Create("s", "UTC", [], holidays[..ScheduleLimits.MaxHolidays]).Succeeded);
        Problem problem = Assert.Single(BusinessHoursSchedule.Create("s", "UTC", [], holidays, "$.workspace.schedules[1]").Problems);
        Assert.Equal((ScheduleProblemCodes.HolidaysTooMany, "$.workspace.schedules[1].holidays"), (problem.Code, problem.Path));
        Assert.Contains("at most 1000 holidays; this one has 1001", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithHolidayOfTheLongestSpan_Succeeds_AndOneDayMore_ReportsTooLong()
    {
        var start = new LocalDate(2027, 3, 1);

        Assert.True(BusinessHoursSchedule.Create("s", "UTC", [], [Holiday.Between(start, start.PlusDays(ScheduleLimits.MaxHolidayDays - 1))]).Succeeded);
        Problem problem = Assert.Single(BusinessHoursSchedule.Create("s", "UTC", [], [Holiday.Between(start, start.PlusDays(ScheduleLimits.MaxHolidayDays))]).Problems);
        Assert.Equal((ScheduleProblemCodes.HolidayTooLong, "$.holidays[0].end"), (problem.Code, problem.Path));
    }

    [Fact]
    public void Create_WithHolidayRangeToTheLastIsoDate_ReportsTooLong_WithTheSpan()
    {
        Problem problem = Assert.Single(BusinessHoursSchedule.Create(
            "s",
            "UTC",
            EveryDay("09:00", "17:00"),
            [Holiday.Between(new LocalDate(2026, 1, 1), new LocalDate(9999, 12, 31))]).Problems);

        Assert.Equal(ScheduleProblemCodes.HolidayTooLong, problem.Code);
        Assert.Contains("2026-01-01 to 9999-12-31", problem.Message, StringComparison.Ordinal);
    }
}
