using NodaTime;

namespace ProactiveMessaging.Scheduling;

/// <summary>
/// One weekly open interval of a <see cref="BusinessHoursSchedule"/>, in the schedule's local time:
/// open from <see cref="Open"/> on <see cref="Day"/> until <see cref="Close"/>, half-open
/// <c>[open, close)</c>.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="Close"/> earlier than or equal to <see cref="Open"/> is on the next day: 22:00 to 02:00
/// on Friday is open from Friday 22:00 until Saturday 02:00, and 00:00 to 00:00 is the whole day (in
/// JSON, <c>"open":"00:00","close":"24:00"</c>). An interval therefore lasts between one minute and
/// 24 hours; longer open spans are consecutive intervals, which the schedule merges.
/// </para>
/// <para>Times are whole minutes. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed record WeeklyInterval
{
    /// <summary>Creates a weekly interval. <see cref="BusinessHoursSchedule.Create"/> validates it.</summary>
    /// <param name="day">The day on which the interval opens.</param>
    /// <param name="open">The local opening time.</param>
    /// <param name="close">The local closing time; on the next day when not after <paramref name="open"/>.</param>
    public WeeklyInterval(IsoDayOfWeek day, LocalTime open, LocalTime close)
    {
        Day = day;
        Open = open;
        Close = close;
    }

    /// <summary>Gets the day on which the interval opens.</summary>
    public IsoDayOfWeek Day { get; }

    /// <summary>Gets the local opening time.</summary>
    public LocalTime Open { get; }

    /// <summary>Gets the local closing time, on the next day when it is not after <see cref="Open"/>.</summary>
    public LocalTime Close { get; }

    /// <summary>Gets a value indicating whether the interval closes on the day after it opens.</summary>
    public bool CrossesMidnight => Close <= Open;

    /// <summary>Gets the local length of the interval, between one minute and 24 hours.</summary>
    /// <remarks>The elapsed time can differ on a day when the clocks change.</remarks>
    public Period Length => CrossesMidnight
        ? Period.FromMinutes(MinutesPerDay - MinuteOfDay(Open) + MinuteOfDay(Close))
        : Period.FromMinutes(MinuteOfDay(Close) - MinuteOfDay(Open));

    /// <summary>Creates an interval open the whole of <paramref name="day"/>, from 00:00 until 24:00.</summary>
    /// <param name="day">The day.</param>
    /// <returns>The interval.</returns>
    public static WeeklyInterval WholeDay(IsoDayOfWeek day) => new(day, LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>Returns the interval as <c>Monday 09:00-17:30</c>.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        $"{Day} {Open.ToString("HH:mm", null)}-{(Close == LocalTime.Midnight ? "24:00" : Close.ToString("HH:mm", null))}";

    private const int MinutesPerDay = 24 * 60;

    private static int MinuteOfDay(LocalTime time) => (time.Hour * 60) + time.Minute;
}
