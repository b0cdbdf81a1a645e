using System.Text.Json;
using NodaTime;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Serialization.Internal;

namespace ProactiveMessaging.Tests.Serialization;

public sealed class ScheduleDtoMapperTests
{
    private const string Example =
        """{"id":"support-hours","timeZone":"Europe/London","weekly":[{"day":"monday","open":"09:00","close":"17:30"},{"day":"friday","open":"22:00","close":"02:00"},{"day":"saturday","open":"00:00","close":"24:00"}],"holidays":[{"date":"2026-12-25","recurring":true},{"start":"2026-08-01","end":"2026-08-14"}]}""";

    [Fact]
    public void FromDto_DocumentedExample_ReadsEveryPart()
    {
        var problems = new List<Problem>();
        BusinessHoursSchedule? schedule = ScheduleDtoMapper.FromDto(Read(Example), "$.workspace.schedules[0]", problems);

        Assert.Empty(problems);
        Assert.NotNull(schedule);
        Assert.Equal("support-hours", schedule.Id);
        Assert.Equal("Europe/London", schedule.TimeZoneId);
        Assert.Equal(
            [
                new WeeklyInterval(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(17, 30)),
                new WeeklyInterval(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(2, 0)),
                WeeklyInterval.WholeDay(IsoDayOfWeek.Saturday),
            ],
            schedule.Weekly);
        Assert.Equal(
            [Holiday.On(new LocalDate(2026, 12, 25), isRecurring: true), Holiday.Between(new LocalDate(2026, 8, 1), new LocalDate(2026, 8, 14))],
            schedule.Holidays);
    }

    [Fact]
    public void ToDto_AfterFromDto_WritesTheSameJson()
    {
        BusinessHoursSchedule schedule = ScheduleDtoMapper.FromDto(Read(Example), "$", new List<Problem>())!;

        Assert.Equal(Example, JsonSerializer.Serialize(ScheduleDtoMapper.ToDto(schedule)));
    }

    [Fact]
    public void ToDto_ClosingAtMidnight_WritesTwentyFourHundred()
    {
        BusinessHoursSchedule schedule = BusinessHoursSchedule.Create(
            "s",
            "UTC",
            [new WeeklyInterval(IsoDayOfWeek.Sunday, new LocalTime(18, 0), LocalTime.Midnight)]).GetValueOrThrow();

        WeeklyIntervalDto interval = Assert.Single(ScheduleDtoMapper.ToDto(schedule).Weekly!)!;
        Assert.Equal(("sunday", "18:00", "24:00"), (interval.Day, interval.Open, interval.Close));
        Assert.Null(ScheduleDtoMapper.ToDto(schedule).Holidays);
    }

    [Fact]
    public void FromDto_WithEveryPartWrong_ReportsEveryProblemUnderThePath()
    {
        const string json =
            """{"id":"","timeZone":"Europe/Londn","weekly":[{"day":"Monday","open":"9am","close":"17:00"},null,{"day":"friday","open":"24:00","close":"25:00"}],"holidays":[{"date":"2026-02-30"},{"date":"2026-01-01","start":"2026-01-01","end":"2026-01-02"},{"start":"2026-03-01"},{"start":"2026-05-01","end":"2026-04-01"}]}""";
        var problems = new List<Problem>();

        BusinessHoursSchedule? schedule = ScheduleDtoMapper.FromDto(Read(json), "$.workspace.schedules[2]", problems);

        Assert.Null(schedule);
        Assert.Equal(
            [
                (ScheduleProblemCodes.IdRequired, "$.workspace.schedules[2].id"),
                (ScheduleProblemCodes.TimeZoneUnknown, "$.workspace.schedules[2].timeZone"),
                (ScheduleProblemCodes.DayInvalid, "$.workspace.schedules[2].weekly[0].day"),
                (ScheduleProblemCodes.TimeInvalid, "$.workspace.schedules[2].weekly[0].open"),
                (ScheduleProblemCodes.WeeklyIntervalRequired, "$.workspace.schedules[2].weekly[1]"),
                (ScheduleProblemCodes.TimeInvalid, "$.workspace.schedules[2].weekly[2].open"),
                (ScheduleProblemCodes.TimeInvalid, "$.workspace.schedules[2].weekly[2].close"),
                (ScheduleProblemCodes.HolidayDateInvalid, "$.workspace.schedules[2].holidays[0].date"),
                (ScheduleProblemCodes.HolidayDateInvalid, "$.workspace.schedules[2].holidays[1]"),
                (ScheduleProblemCodes.HolidayDateInvalid, "$.workspace.schedules[2].holidays[2].end"),
                (ScheduleProblemCodes.HolidayEndBeforeStart, "$.workspace.schedules[2].holidays[3].end"),
            ],
            problems.Select(problem => (problem.Code, problem.Path)));
        Assert.Contains("Did you mean 'Europe/London'?", problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDto_WithoutWeekly_ReportsItRequired()
    {
        var problems = new List<Problem>();

        Assert.Null(ScheduleDtoMapper.FromDto(Read("""{"id":"s","timeZone":"UTC"}"""), "$.s", problems));
        Assert.Equal((ScheduleProblemCodes.WeeklyRequired, "$.s.weekly"), (problems[0].Code, problems[0].Path));
    }

    [Fact]
    public void FromDto_WithEmptyWeekly_IsNeverOpen()
    {
        BusinessHoursSchedule? schedule = ScheduleDtoMapper.FromDto(Read("""{"id":"s","timeZone":"UTC","weekly":[]}"""), "$", new List<Problem>());

        Assert.True(schedule?.IsNeverOpen);
    }

    [Fact]
    public void FromDto_KeepsProblemsAlreadyCollected()
    {
        var problems = new List<Problem> { new("other.code", "Another part of the document.", "$.other") };

        ScheduleDtoMapper.FromDto(Read("""{"id":"s","timeZone":"Nope","weekly":[]}"""), "$", problems);

        Assert.Equal(["other.code", ScheduleProblemCodes.TimeZoneUnknown], problems.Select(problem => problem.Code));
    }

    [Fact]
    public void FromDto_WithRecurringHolidayInTheLastIsoYear_ReadsIt_AndARangeToItsEnd_ReportsTooLong()
    {
        const string json =
            """{"id":"s","timeZone":"UTC","weekly":[],"holidays":[{"date":"9999-12-31","recurring":true},{"start":"2026-01-01","end":"9999-12-31"}]}""";
        var problems = new List<Problem>();

        Assert.Null(ScheduleDtoMapper.FromDto(Read(json), "$.workspace.schedules[0]", problems));
        Problem problem = Assert.Single(problems);
        Assert.Equal((ScheduleProblemCodes.HolidayTooLong, "$.workspace.schedules[0].holidays[1].end"), (problem.Code, problem.Path));
    }

    [Fact]
    public void FromDto_WithTooManyHolidays_ReportsItAtTheHolidays()
    {
        string holidays = string.Join(',', Enumerable.Range(0, ScheduleLimits.MaxHolidays + 1).Select(day => $$"""{"date":"{{new LocalDate(2026, 1, 1).PlusDays(day):uuuu-MM-dd}}"}"""));
        var problems = new List<Problem>();

        Assert.Null(ScheduleDtoMapper.FromDto(Read($$"""{"id":"s","timeZone":"UTC","weekly":[],"holidays":[{{holidays}}]}"""), "$.s", problems));
        Problem problem = Assert.Single(problems);
        Assert.Equal((ScheduleProblemCodes.HolidaysTooMany, "$.s.holidays"), (problem.Code, problem.Path));
    }

    private static ScheduleDto Read(string json) => JsonSerializer.Deserialize<ScheduleDto>(json)!;
}
