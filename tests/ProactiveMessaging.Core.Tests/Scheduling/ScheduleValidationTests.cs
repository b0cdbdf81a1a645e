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
}
