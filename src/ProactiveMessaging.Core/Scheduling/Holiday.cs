using NodaTime;

namespace ProactiveMessaging.Scheduling;

/// <summary>
/// A local date or an inclusive range of local dates on which a <see cref="BusinessHoursSchedule"/>
/// is closed all day, whatever its weekly intervals say.
/// </summary>
/// <remarks>
/// <para>
/// A holiday closes each of its dates from the start of the day (the first instant the local clock
/// reaches 00:00) to the start of the next day, including the part of a weekly interval that crosses
/// midnight into it.
/// </para>
/// <para>
/// A recurring holiday repeats every year by month and day, in every year before and after the one
/// written: 25 December recurs on every 25 December; a range from 24 December to 2 January recurs
/// across each new year; a recurring 29 February happens only in leap years. A recurring range must
/// be shorter than a year.
/// </para>
/// <para>Dates are in the ISO calendar. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed record Holiday
{
    /// <summary>Creates a holiday. <see cref="BusinessHoursSchedule.Create"/> validates it.</summary>
    /// <param name="start">The first date.</param>
    /// <param name="end">The last date, inclusive; equal to <paramref name="start"/> for a single day.</param>
    /// <param name="isRecurring">Whether the holiday repeats every year.</param>
    public Holiday(LocalDate start, LocalDate end, bool isRecurring = false)
    {
        Start = start;
        End = end;
        IsRecurring = isRecurring;
    }

    /// <summary>Gets the first date of the holiday.</summary>
    public LocalDate Start { get; }

    /// <summary>Gets the last date of the holiday, inclusive.</summary>
    public LocalDate End { get; }

    /// <summary>Gets a value indicating whether the holiday repeats every year by month and day.</summary>
    public bool IsRecurring { get; }

    /// <summary>Creates a single-day holiday.</summary>
    /// <param name="date">The date.</param>
    /// <param name="isRecurring">Whether the holiday repeats every year.</param>
    /// <returns>The holiday.</returns>
    public static Holiday On(LocalDate date, bool isRecurring = false) => new(date, date, isRecurring);

    /// <summary>Creates a holiday from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    /// <param name="start">The first date.</param>
    /// <param name="end">The last date.</param>
    /// <param name="isRecurring">Whether the holiday repeats every year.</param>
    /// <returns>The holiday.</returns>
    public static Holiday Between(LocalDate start, LocalDate end, bool isRecurring = false) => new(start, end, isRecurring);

    /// <summary>Gets a value indicating whether the schedule is closed all of <paramref name="date"/> because of this holiday.</summary>
    /// <param name="date">A date of the ISO calendar.</param>
    /// <returns><see langword="true"/> when the date is one of the holiday's dates, or of its yearly repetitions.</returns>
    public bool Includes(LocalDate date)
    {
        if (!IsRecurring)
        {
            return Start <= date && date <= End;
        }

        int key = MonthDayKey(date);
        int start = MonthDayKey(Start);
        int end = MonthDayKey(End);
        return Start.Year == End.Year
            ? start <= key && key <= end
            : key >= start || key <= end;
    }

    /// <summary>Orders dates by month then day, whatever the year.</summary>
    internal static int MonthDayKey(LocalDate date) => (date.Month * 32) + date.Day;
}
