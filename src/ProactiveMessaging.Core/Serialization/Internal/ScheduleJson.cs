using System.Globalization;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Scheduling.Internal;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>
/// A business-hours schedule in the catalog's JSON format (version 1), under the workspace settings.
/// </summary>
/// <remarks>
/// Plain and mutable for System.Text.Json's source generator, which the catalog's serialization context
/// includes; <see cref="ScheduleDtoMapper"/> converts it to and from <see cref="BusinessHoursSchedule"/>.
/// </remarks>
internal sealed class ScheduleDto : DtoBase
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("timeZone")]
    public string? TimeZone { get; set; }

    [JsonPropertyName("weekly")]
    public List<WeeklyIntervalDto?>? Weekly { get; set; }

    [JsonPropertyName("holidays")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<HolidayDto?>? Holidays { get; set; }
}

/// <summary>A weekly interval: <c>{"day":"friday","open":"22:00","close":"02:00"}</c>.</summary>
internal sealed class WeeklyIntervalDto : DtoBase
{
    /// <summary>Gets or sets the lowercase English day name, <c>monday</c> to <c>sunday</c>.</summary>
    [JsonPropertyName("day")]
    public string? Day { get; set; }

    /// <summary>Gets or sets the opening time, <c>HH:mm</c>.</summary>
    [JsonPropertyName("open")]
    public string? Open { get; set; }

    /// <summary>Gets or sets the closing time, <c>HH:mm</c> or <c>24:00</c>; on the next day when not after the opening time.</summary>
    [JsonPropertyName("close")]
    public string? Close { get; set; }
}

/// <summary>A holiday: <c>{"date":"2026-12-25","recurring":true}</c> or <c>{"start":"2026-08-01","end":"2026-08-14"}</c>.</summary>
internal sealed class HolidayDto : DtoBase
{
    [JsonPropertyName("date")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Date { get; set; }

    [JsonPropertyName("start")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Start { get; set; }

    [JsonPropertyName("end")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? End { get; set; }

    [JsonPropertyName("recurring")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Recurring { get; set; }
}

/// <summary>Maps <see cref="ScheduleDto"/> to and from <see cref="BusinessHoursSchedule"/>.</summary>
internal static class ScheduleDtoMapper
{
    private const string EndOfDay = "24:00";

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static ScheduleDto ToDto(BusinessHoursSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var weekly = new List<WeeklyIntervalDto?>(schedule.Weekly.Length);
        foreach (WeeklyInterval interval in schedule.Weekly)
        {
            weekly.Add(new WeeklyIntervalDto
            {
                Day = DayNames.NameOf(interval.Day),
                Open = TimePattern.Format(interval.Open),

                // A closing midnight is always the end of a day, so it is written the way people read it.
                Close = interval.Close == LocalTime.Midnight ? EndOfDay : TimePattern.Format(interval.Close),
            });
        }

        List<HolidayDto?>? holidays = null;
        if (!schedule.Holidays.IsEmpty)
        {
            holidays = new List<HolidayDto?>(schedule.Holidays.Length);
            foreach (Holiday holiday in schedule.Holidays)
            {
                holidays.Add(holiday.Start == holiday.End
                    ? new HolidayDto { Date = DatePattern.Format(holiday.Start), Recurring = holiday.IsRecurring }
                    : new HolidayDto { Start = DatePattern.Format(holiday.Start), End = DatePattern.Format(holiday.End), Recurring = holiday.IsRecurring });
            }
        }

        return new ScheduleDto { Id = schedule.Id, TimeZone = schedule.TimeZoneId, Weekly = weekly, Holidays = holidays };
    }

    /// <summary>
    /// Reads a schedule, adding every problem to <paramref name="problems"/> with a path under
    /// <paramref name="path"/> (the path of the schedule object, such as <c>$.workspace.schedules[0]</c>).
    /// </summary>
    /// <returns>The schedule, or <see langword="null"/> when any problem was found.</returns>
    public static BusinessHoursSchedule? FromDto(ScheduleDto dto, string path, ICollection<Problem> problems)
    {
        ArgumentNullException.ThrowIfNull(dto);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        var found = new List<Problem>();
        ScheduleValidator.ValidateId(dto.Id, path + ".id", found);
        ScheduleValidator.ValidateTimeZone(dto.TimeZone, path + ".timeZone", found);

        var weekly = new List<WeeklyInterval>();
        if (dto.Weekly is null)
        {
            found.Add(new Problem(
                ScheduleProblemCodes.WeeklyRequired,
                "A schedule needs a 'weekly' array of open intervals; an empty array means never open.",
                path + ".weekly"));
        }
        else
        {
            for (int i = 0; i < dto.Weekly.Count; i++)
            {
                WeeklyInterval? interval = ReadInterval(dto.Weekly[i], Item(path, "weekly", i), found);
                if (interval is not null)
                {
                    weekly.Add(interval);
                }
            }
        }

        var holidays = new List<Holiday>();
        if (dto.Holidays is not null)
        {
            ScheduleValidator.ValidateHolidayCount(dto.Holidays.Count, path + ".holidays", found);
            for (int i = 0; i < dto.Holidays.Count; i++)
            {
                Holiday? holiday = ReadHoliday(dto.Holidays[i], Item(path, "holidays", i), found);
                if (holiday is not null)
                {
                    holidays.Add(holiday);
                }
            }
        }

        if (found.Count == 0)
        {
            // Every part was checked above with the same rules, so creation succeeds; were a rule ever
            // checked only there, its problems would still be reported rather than thrown.
            ValidationResult<BusinessHoursSchedule> created = BusinessHoursSchedule.Create(dto.Id!, dto.TimeZone!, weekly, holidays, path);
            if (created.TryGetValue(out BusinessHoursSchedule? schedule))
            {
                return schedule;
            }

            found.AddRange(created.Problems);
        }

        foreach (Problem problem in found)
        {
            problems.Add(problem);
        }

        return null;
    }

    private static WeeklyInterval? ReadInterval(WeeklyIntervalDto? dto, string path, List<Problem> problems)
    {
        if (dto is null)
        {
            problems.Add(new Problem(ScheduleProblemCodes.WeeklyIntervalRequired, "A weekly interval is missing.", path));
            return null;
        }

        int count = problems.Count;
        if (!DayNames.TryParse(dto.Day, out IsoDayOfWeek day))
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.DayInvalid,
                $"'{dto.Day}' is not a day; use one of {string.Join(", ", DayNames.All)}.",
                path + ".day"));
        }

        LocalTime? open = ReadTime(dto.Open, allowEndOfDay: false, path + ".open", problems);
        LocalTime? close = ReadTime(dto.Close, allowEndOfDay: true, path + ".close", problems);
        if (problems.Count > count || open is null || close is null)
        {
            return null;
        }

        var interval = new WeeklyInterval(day, open.Value, close.Value);
        ScheduleValidator.ValidateInterval(interval, path, problems);
        return problems.Count > count ? null : interval;
    }

    private static LocalTime? ReadTime(string? text, bool allowEndOfDay, string path, List<Problem> problems)
    {
        if (text == EndOfDay)
        {
            if (allowEndOfDay)
            {
                return LocalTime.Midnight;
            }

            problems.Add(new Problem(ScheduleProblemCodes.TimeInvalid, "24:00 is only a closing time; open at 00:00 instead.", path));
            return null;
        }

        ParseResult<LocalTime>? result = text is null ? null : TimePattern.Parse(text);
        if (result is null || !result.Success)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.TimeInvalid,
                text is null ? "The time is missing; write it as HH:mm, such as 09:00." : $"'{text}' is not a time in HH:mm form, such as 09:00.",
                path));
            return null;
        }

        return result.Value;
    }

    private static Holiday? ReadHoliday(HolidayDto? dto, string path, List<Problem> problems)
    {
        if (dto is null)
        {
            problems.Add(new Problem(ScheduleProblemCodes.HolidayRequired, "A holiday is missing.", path));
            return null;
        }

        bool hasDate = dto.Date is not null;
        bool hasRange = dto.Start is not null || dto.End is not null;
        if (hasDate == hasRange)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidayDateInvalid,
                hasDate ? "A holiday has either a 'date' or a 'start' and an 'end', not both." : "A holiday needs a 'date', or a 'start' and an 'end'.",
                path));
            return null;
        }

        int count = problems.Count;
        Holiday holiday;
        if (hasDate)
        {
            LocalDate? date = ReadDate(dto.Date, path + ".date", problems);
            if (date is null)
            {
                return null;
            }

            holiday = Holiday.On(date.Value, dto.Recurring);
        }
        else
        {
            LocalDate? start = ReadDate(dto.Start, path + ".start", problems);
            LocalDate? end = ReadDate(dto.End, path + ".end", problems);
            if (start is null || end is null)
            {
                return null;
            }

            holiday = Holiday.Between(start.Value, end.Value, dto.Recurring);
        }

        ScheduleValidator.ValidateHoliday(holiday, path, problems);
        return problems.Count > count ? null : holiday;
    }

    private static LocalDate? ReadDate(string? text, string path, List<Problem> problems)
    {
        ParseResult<LocalDate>? result = text is null ? null : DatePattern.Parse(text);
        if (result is null || !result.Success)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidayDateInvalid,
                text is null ? "The date is missing; write it as yyyy-MM-dd." : $"'{text}' is not an ISO date in yyyy-MM-dd form.",
                path));
            return null;
        }

        return result.Value;
    }

    private static string Item(string path, string property, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}.{property}[{index}]");
}
