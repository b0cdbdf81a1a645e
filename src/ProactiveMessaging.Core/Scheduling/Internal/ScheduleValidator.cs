using System.Globalization;
using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>The checks shared by <see cref="BusinessHoursSchedule.Create"/> and the JSON mapper.</summary>
internal static class ScheduleValidator
{
    public static void ValidateId(string? id, string path, ICollection<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new Problem(ScheduleProblemCodes.IdRequired, "A schedule needs an id.", path));
        }
        else if (id.Length > BusinessHoursSchedule.MaxIdLength)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.IdTooLong,
                string.Create(CultureInfo.InvariantCulture, $"A schedule id has at most {BusinessHoursSchedule.MaxIdLength} characters; this one has {id.Length}."),
                path));
        }
        else if (!IdRule.IsValid(id))
        {
            problems.Add(new Problem(ScheduleProblemCodes.IdInvalid, $"A schedule id is {IdRule.Description}.", path));
        }
    }

    public static DateTimeZone? ValidateTimeZone(string? timeZoneId, string path, ICollection<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.TimeZoneRequired,
                "A schedule needs an IANA time zone id such as 'Europe/London'.",
                path));
            return null;
        }

        DateTimeZone? zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId);
        if (zone is null)
        {
            string? suggestion = TimeZoneSuggester.Suggest(timeZoneId);
            string message = suggestion is null
                ? $"'{timeZoneId}' is not an IANA time zone id known to tzdb {DateTimeZoneProviders.Tzdb.VersionId}."
                : $"'{timeZoneId}' is not an IANA time zone id known to tzdb {DateTimeZoneProviders.Tzdb.VersionId}. Did you mean '{suggestion}'?";
            problems.Add(new Problem(ScheduleProblemCodes.TimeZoneUnknown, message, path));
        }

        return zone;
    }

    public static void ValidateInterval(WeeklyInterval? interval, string path, ICollection<Problem> problems)
    {
        if (interval is null)
        {
            problems.Add(new Problem(ScheduleProblemCodes.WeeklyIntervalRequired, "A weekly interval is missing.", path));
            return;
        }

        if (interval.Day < IsoDayOfWeek.Monday || interval.Day > IsoDayOfWeek.Sunday)
        {
            problems.Add(new Problem(ScheduleProblemCodes.DayInvalid, "The day must be a day of the week, Monday to Sunday.", path + ".day"));
        }

        ValidateWholeMinute(interval.Open, path + ".open", problems);
        ValidateWholeMinute(interval.Close, path + ".close", problems);
    }

    public static void ValidateHoliday(Holiday? holiday, string path, ICollection<Problem> problems)
    {
        if (holiday is null)
        {
            problems.Add(new Problem(ScheduleProblemCodes.HolidayRequired, "A holiday is missing.", path));
            return;
        }

        bool single = holiday.Start == holiday.End;
        if (holiday.Start.Calendar != CalendarSystem.Iso || holiday.End.Calendar != CalendarSystem.Iso)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidayDateInvalid,
                "Holiday dates must be in the ISO calendar.",
                single ? path + ".date" : path + ".start"));
            return;
        }

        if (holiday.End < holiday.Start)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidayEndBeforeStart,
                string.Create(CultureInfo.InvariantCulture, $"The holiday ends on {holiday.End:uuuu-MM-dd}, before it starts on {holiday.Start:uuuu-MM-dd}."),
                path + ".end"));
            return;
        }

        // The year after the last ISO year does not exist, and a range starting in it cannot last a year.
        if (holiday.IsRecurring && holiday.Start.Year < CalendarSystem.Iso.MaxYear && holiday.End >= holiday.Start.PlusYears(1))
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidayRecurringTooLong,
                "A recurring holiday must last less than a year; split it or make it non-recurring.",
                path + ".end"));
            return;
        }

        int days = Period.Between(holiday.Start, holiday.End, PeriodUnits.Days).Days + 1;
        if (days > ScheduleLimits.MaxHolidayDays)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidayTooLong,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A holiday lasts at most {ScheduleLimits.MaxHolidayDays} days; this one lasts {days} ({holiday.Start:uuuu-MM-dd} to {holiday.End:uuuu-MM-dd}). Split a longer closure into several holidays, or remove the weekly intervals of a schedule that never opens."),
                path + ".end"));
        }
    }

    public static void ValidateHolidayCount(int count, string path, ICollection<Problem> problems)
    {
        if (count > ScheduleLimits.MaxHolidays)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.HolidaysTooMany,
                string.Create(CultureInfo.InvariantCulture, $"A schedule has at most {ScheduleLimits.MaxHolidays} holidays; this one has {count}. Use recurring holidays for dates that repeat every year."),
                path));
        }
    }

    private static void ValidateWholeMinute(LocalTime time, string path, ICollection<Problem> problems)
    {
        if (time.Second != 0 || time.NanosecondOfSecond != 0)
        {
            problems.Add(new Problem(
                ScheduleProblemCodes.TimeInvalid,
                string.Create(CultureInfo.InvariantCulture, $"Opening and closing times are whole minutes; {time:HH:mm:ss.FFFFFFFFF} is not."),
                path));
        }
    }
}
