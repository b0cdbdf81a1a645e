using System.Collections.Immutable;
using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>
/// Turns a schedule's weekly pattern and holidays into open intervals of instants, with the
/// <see cref="BusinessHoursResolvers.FirstReached"/> policy. This is the uncached computation; the
/// hot path reads its answers through <see cref="CachedBusinessHours"/>.
/// </summary>
/// <remarks>
/// Local boundaries map to instants through a mapping that never goes backwards, so merged local
/// spans stay ordered and disjoint as instants (they may become empty or touch in a gap, which the
/// generator merges). Immutable and thread-safe.
/// </remarks>
internal sealed class ScheduleTimeline
{
    /// <summary>Days generated per step while looking for the next change of a schedule with weekly closures.</summary>
    private const int WeeklyChunkDays = 14;

    /// <summary>
    /// Days generated per step for a schedule open all week, whose changes come only from holidays, and the
    /// most a step grows to while a closed schedule finds nothing open.
    /// </summary>
    private const int HolidayChunkDays = 366;

    /// <summary>
    /// How far past the later of the query date and the last non-recurring holiday the search for a change
    /// goes before concluding that the state never changes: one 28-year cycle of weekdays over month-days
    /// plus a margin.
    /// </summary>
    private const int HorizonYears = 30;

    private static readonly LocalDate MinDate = new(2, 1, 1);
    private static readonly LocalDate MaxDate = new(9997, 12, 31);

    /// <summary>Before this, every zone's local date is on or before <see cref="MinDate"/> (offsets are under a day).</summary>
    private static readonly Instant EarliestConverted = Instant.FromUtc(1, 12, 31, 0, 0);

    /// <summary>From this on, every zone's local date is on or after <see cref="MaxDate"/>.</summary>
    private static readonly Instant LatestConverted = Instant.FromUtc(9998, 1, 1, 0, 0);

    private readonly DateTimeZone _zone;
    private readonly WeeklyPattern _pattern;
    private readonly HolidayCalendar _holidays;
    private readonly LocalDate _lastFixedHoliday;

    public ScheduleTimeline(DateTimeZone zone, WeeklyPattern pattern, ImmutableArray<Holiday> holidays)
    {
        _zone = zone;
        _pattern = pattern;
        _holidays = new HolidayCalendar(holidays);
        _lastFixedHoliday = _holidays.LastFixedDate > MinDate ? _holidays.LastFixedDate : MinDate;
    }

    public bool IsOpen(Instant instant)
    {
        if (_pattern.IsNeverOpen)
        {
            return false;
        }

        LocalDate date = LocalDateOf(instant);
        var intervals = new List<Interval>();
        Generate(date.PlusDays(-1), date.PlusDays(2), intervals, out _, out _);
        return IndexContaining(intervals, instant) >= 0;
    }

    /// <summary>Answers whether the schedule is open at <paramref name="instant"/> and when that next changes.</summary>
    public (bool IsOpen, Instant? NextChange) Evaluate(Instant instant)
    {
        if (_pattern.IsNeverOpen)
        {
            return (false, null);
        }

        if (_pattern.IsAlwaysOpen && _holidays.IsEmpty)
        {
            return (true, null);
        }

        LocalDate date = LocalDateOf(instant);
        LocalDate later = date > _lastFixedHoliday ? date : _lastFixedHoliday;
        LocalDate horizon = later.Year >= MaxDate.Year - HorizonYears ? MaxDate : later.PlusYears(HorizonYears);
        int chunkDays = _pattern.IsAlwaysOpen ? HolidayChunkDays : WeeklyChunkDays;

        var intervals = new List<Interval>();
        LocalDate from = date.PlusDays(-1);
        LocalDate to = Min(from.PlusDays(chunkDays), MaxDate);
        Generate(from, to, intervals, out _, out Instant high);

        bool open;
        int index = IndexContaining(intervals, instant);
        if (index >= 0)
        {
            open = true;
            if (intervals[index].End < high)
            {
                return (true, intervals[index].End);
            }
        }
        else
        {
            open = false;
            foreach (Interval interval in intervals)
            {
                if (interval.Start > instant)
                {
                    return (false, interval.Start);
                }
            }
        }

        while (to < horizon)
        {
            from = to;
            if (!open)
            {
                // Every instant of a holiday is closed: jump over a run of holidays, however long, in one step.
                from = _holidays.FirstOpenDate(from, horizon);
            }

            to = Min(from.PlusDays(chunkDays), MaxDate);
            intervals.Clear();
            Generate(from, to, intervals, out Instant low, out high);
            if (open)
            {
                if (intervals.Count == 0 || intervals[0].Start > low)
                {
                    return (true, low);
                }

                if (intervals[0].End < high)
                {
                    return (true, intervals[0].End);
                }
            }
            else if (intervals.Count > 0)
            {
                return (false, intervals[0].Start);
            }
            else
            {
                // Holidays may cover the weekly openings of many weeks in a row (a holiday on every
                // Monday of a Monday-only schedule): look further at each step, up to a year.
                chunkDays = Math.Min(chunkDays * 2, HolidayChunkDays);
            }
        }

        return (open, null);
    }

    public ImmutableArray<Interval> OpenIntervals(Instant start, Instant end)
    {
        if (_pattern.IsNeverOpen || end <= start)
        {
            return [];
        }

        LocalDate from = LocalDateOf(start).PlusDays(-1);
        LocalDate to = LocalDateOf(end).PlusDays(2);
        var intervals = new List<Interval>();
        Generate(from, to, intervals, out _, out _);
        ImmutableArray<Interval>.Builder result = ImmutableArray.CreateBuilder<Interval>(intervals.Count);
        foreach (Interval interval in intervals)
        {
            Instant clippedStart = interval.Start > start ? interval.Start : start;
            Instant clippedEnd = interval.End < end ? interval.End : end;
            if (clippedStart < clippedEnd)
            {
                result.Add(new Interval(clippedStart, clippedEnd));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Appends to <paramref name="output"/> the open intervals within [<paramref name="low"/>,
    /// <paramref name="high"/>), the instants at which the local dates <paramref name="from"/> and
    /// <paramref name="to"/> start, ordered, disjoint and not touching.
    /// </summary>
    private void Generate(LocalDate from, LocalDate to, List<Interval> output, out Instant low, out Instant high)
    {
        low = Resolve(from.AtMidnight());
        high = Resolve(to.AtMidnight());
        if (low >= high || _pattern.IsNeverOpen)
        {
            return;
        }

        if (_pattern.IsAlwaysOpen)
        {
            output.Add(new Interval(low, high));
        }
        else
        {
            LocalDateTime fromLocal = from.AtMidnight();
            LocalDateTime toLocal = to.AtMidnight();
            int[] starts = _pattern.Starts;
            int[] ends = _pattern.Ends;

            // A span lasts less than a week and starts within its week, so spans of the week before the
            // one holding 'from' are the earliest that can reach it.
            LocalDate monday = from.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday)).PlusDays(-7);
            for (; monday < to; monday = monday.PlusDays(7))
            {
                LocalDateTime weekStart = monday.AtMidnight();
                for (int i = 0; i < starts.Length; i++)
                {
                    LocalDateTime openLocal = weekStart.PlusMinutes(starts[i]);
                    LocalDateTime closeLocal = weekStart.PlusMinutes(ends[i]);
                    if (closeLocal <= fromLocal || openLocal >= toLocal || OnHolidaysOnly(openLocal, closeLocal))
                    {
                        continue;
                    }

                    Instant open = Max(Resolve(openLocal), low);
                    Instant close = Min(Resolve(closeLocal), high);
                    Append(output, open, close);
                }
            }
        }

        if (!_holidays.IsEmpty && output.Count > 0)
        {
            SubtractHolidays(from, to, output);
        }
    }

    /// <summary>
    /// Whether every local date a weekly span touches is a holiday: the span is then closed throughout, and
    /// skipping it saves its zone arithmetic (a schedule whose openings are all on holidays for years).
    /// </summary>
    private bool OnHolidaysOnly(LocalDateTime openLocal, LocalDateTime closeLocal)
    {
        if (_holidays.IsEmpty)
        {
            return false;
        }

        LocalDate end = closeLocal.TimeOfDay == LocalTime.Midnight ? closeLocal.Date : closeLocal.Date.PlusDays(1);
        return _holidays.FirstOpenDate(openLocal.Date, end) >= end;
    }

    private void SubtractHolidays(LocalDate from, LocalDate to, List<Interval> intervals)
    {
        var closed = new List<Interval>();
        LocalDate date = from;
        while (date < to)
        {
            LocalDate start = _holidays.FirstHoliday(date, to);
            if (start >= to)
            {
                break;
            }

            date = _holidays.FirstOpenDate(start, to);
            Append(closed, Resolve(start.AtMidnight()), Resolve(date.AtMidnight()));
        }

        if (closed.Count == 0)
        {
            return;
        }

        var result = new List<Interval>(intervals.Count + closed.Count);
        int c = 0;
        foreach (Interval interval in intervals)
        {
            Instant start = interval.Start;
            Instant end = interval.End;
            while (c < closed.Count && closed[c].End <= start)
            {
                c++;
            }

            int k = c;
            while (k < closed.Count && closed[k].Start < end)
            {
                if (closed[k].Start > start)
                {
                    result.Add(new Interval(start, closed[k].Start));
                }

                start = Max(start, closed[k].End);
                k++;
            }

            if (start < end)
            {
                result.Add(new Interval(start, end));
            }
        }

        intervals.Clear();
        intervals.AddRange(result);
    }

    private static void Append(List<Interval> output, Instant start, Instant end)
    {
        if (start >= end)
        {
            return;
        }

        if (output.Count > 0 && output[^1].End >= start)
        {
            Interval last = output[^1];
            output[^1] = new Interval(last.Start, Max(last.End, end));
        }
        else
        {
            output.Add(new Interval(start, end));
        }
    }

    private static int IndexContaining(List<Interval> intervals, Instant instant)
    {
        for (int i = 0; i < intervals.Count; i++)
        {
            if (intervals[i].Contains(instant))
            {
                return i;
            }
        }

        return -1;
    }

    private Instant Resolve(LocalDateTime local) => _zone.ResolveLocal(local, BusinessHoursResolvers.FirstReached).ToInstant();

    /// <summary>
    /// The local date of an instant, clamped to [<see cref="MinDate"/>, <see cref="MaxDate"/>]. Instants far
    /// enough outside that range are clamped without conversion: near the ends of NodaTime's range, a zone
    /// with a large offset would give a local date that does not exist.
    /// </summary>
    private LocalDate LocalDateOf(Instant instant)
    {
        if (instant < EarliestConverted)
        {
            return MinDate;
        }

        if (instant >= LatestConverted)
        {
            return MaxDate;
        }

        LocalDate date = instant.InZone(_zone).Date;
        return date < MinDate ? MinDate : date > MaxDate ? MaxDate : date;
    }

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
