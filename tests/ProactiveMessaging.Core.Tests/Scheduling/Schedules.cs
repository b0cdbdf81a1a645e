using NodaTime;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Tests.Scheduling;

/// <summary>Short ways to build schedules in tests.</summary>
internal static class Schedules
{
    public static BusinessHoursSchedule Create(string zoneId, params WeeklyInterval[] weekly) =>
        BusinessHoursSchedule.Create("test", zoneId, weekly).GetValueOrThrow();

    public static BusinessHoursSchedule Create(string zoneId, WeeklyInterval[] weekly, params Holiday[] holidays) =>
        BusinessHoursSchedule.Create("test", zoneId, weekly, holidays).GetValueOrThrow();

    public static WeeklyInterval Interval(IsoDayOfWeek day, string open, string close) =>
        new(day, Time(open), Time(close));

    public static WeeklyInterval[] EveryDay(string open, string close) =>
        [.. Enumerable.Range(1, 7).Select(day => Interval((IsoDayOfWeek)day, open, close))];

    public static LocalTime Time(string text) =>
        text == "24:00" ? LocalTime.Midnight : NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).Value;

    /// <summary>The instant of a local date and time at a fixed offset, written the way a timetable shows it.</summary>
    public static Instant At(int year, int month, int day, int hour, int minute, int offsetHours, int offsetMinutes = 0) =>
        new LocalDateTime(year, month, day, hour, minute).WithOffset(Offset.FromHoursAndMinutes(offsetHours, offsetMinutes)).ToInstant();
}
