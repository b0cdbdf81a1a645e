namespace ProactiveMessaging.Scheduling;

/// <summary>
/// The fixed limits of a <see cref="BusinessHoursSchedule"/>, checked by <see cref="BusinessHoursSchedule.Create"/>
/// and by the catalog's JSON reader.
/// </summary>
/// <remarks>
/// They leave room for any real business (years of public holidays of several countries listed date by
/// date, a closure of a whole year) while keeping a schedule small enough that every query stays fast.
/// </remarks>
public static class ScheduleLimits
{
    /// <summary>The greatest number of holidays of one schedule: 1,000.</summary>
    public const int MaxHolidays = 1_000;

    /// <summary>
    /// The greatest number of days of one holiday, both ends included: 366, a whole leap year. A longer
    /// closure is several holidays; a schedule with no weekly interval is never open.
    /// </summary>
    public const int MaxHolidayDays = 366;
}
