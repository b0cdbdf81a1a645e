namespace ProactiveMessaging.Scheduling;

/// <summary>
/// The stable codes of the <see cref="Problem"/> values reported for an invalid
/// <see cref="BusinessHoursSchedule"/>, whether it is built in code or read from JSON.
/// </summary>
/// <remarks>The codes never change once released; match on them rather than on messages.</remarks>
public static class ScheduleProblemCodes
{
    /// <summary>The schedule has no id, or only white space.</summary>
    public const string IdRequired = "schedule.id.required";

    /// <summary>The schedule id is longer than <see cref="BusinessHoursSchedule.MaxIdLength"/> characters.</summary>
    public const string IdTooLong = "schedule.id.tooLong";

    /// <summary>The schedule id has a character the <see cref="IdRule"/> does not allow.</summary>
    public const string IdInvalid = "schedule.id.invalid";

    /// <summary>The schedule has no time zone id.</summary>
    public const string TimeZoneRequired = "schedule.timeZone.required";

    /// <summary>
    /// The time zone id is not an IANA id known to the tzdb data shipped with NodaTime; the message
    /// suggests a close id when there is one.
    /// </summary>
    public const string TimeZoneUnknown = "schedule.timeZone.unknown";

    /// <summary>The weekly intervals are missing (in JSON, the <c>weekly</c> array is absent).</summary>
    public const string WeeklyRequired = "schedule.weekly.required";

    /// <summary>An entry of the weekly intervals is null.</summary>
    public const string WeeklyIntervalRequired = "schedule.weekly.interval.required";

    /// <summary>The day of a weekly interval is missing or not a day of the week.</summary>
    public const string DayInvalid = "schedule.weekly.day.invalid";

    /// <summary>
    /// An opening or closing time is missing, not in <c>HH:mm</c> form, not a whole minute, or
    /// <c>24:00</c> used as an opening time.
    /// </summary>
    public const string TimeInvalid = "schedule.weekly.time.invalid";

    /// <summary>An entry of the holidays is null.</summary>
    public const string HolidayRequired = "schedule.holiday.required";

    /// <summary>
    /// A holiday gives neither a <c>date</c> nor a <c>start</c> and <c>end</c>, or gives both forms,
    /// or a date is not an ISO <c>yyyy-MM-dd</c> date of the ISO calendar.
    /// </summary>
    public const string HolidayDateInvalid = "schedule.holiday.date.invalid";

    /// <summary>A holiday range ends before it starts.</summary>
    public const string HolidayEndBeforeStart = "schedule.holiday.endBeforeStart";

    /// <summary>A recurring holiday range lasts a year or more, so it would overlap its own next occurrence.</summary>
    public const string HolidayRecurringTooLong = "schedule.holiday.recurringTooLong";

    /// <summary>A holiday lasts more than <see cref="ScheduleLimits.MaxHolidayDays"/> days.</summary>
    public const string HolidayTooLong = "schedule.holiday.tooLong";

    /// <summary>The schedule has more than <see cref="ScheduleLimits.MaxHolidays"/> holidays.</summary>
    public const string HolidaysTooMany = "schedule.holidays.tooMany";
}
