using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>
/// The holidays of a schedule arranged for lookups that never visit one day or one holiday at a time:
/// the non-recurring holidays merged into ordered, disjoint, non-touching ranges (found by binary
/// search), and the recurring ones as two day-of-year tables, one for leap years and one for the others.
/// </summary>
/// <remarks>
/// A run of closed days is crossed in one step per merged range and per recurring run, so a range that
/// lasts to 9999-12-31 costs one binary search, not one check per day. Immutable and thread-safe.
/// </remarks>
internal sealed class HolidayCalendar
{
    private static readonly LocalDate MinIsoDate = new(CalendarSystem.Iso.MinYear, 1, 1);

    /// <summary>The first date of each merged range of non-recurring holidays, ascending.</summary>
    private readonly LocalDate[] _starts;

    /// <summary>The last date (inclusive) of each merged range; before the start of the next range minus one day.</summary>
    private readonly LocalDate[] _ends;

    private readonly YearTable? _leapYear;
    private readonly YearTable? _commonYear;

    public HolidayCalendar(IReadOnlyList<Holiday> holidays)
    {
        var fixedRanges = new List<(LocalDate Start, LocalDate End)>();
        var recurring = new List<Holiday>();
        foreach (Holiday holiday in holidays)
        {
            if (holiday.IsRecurring)
            {
                recurring.Add(holiday);
            }
            else
            {
                fixedRanges.Add((holiday.Start, holiday.End));
            }
        }

        fixedRanges.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var starts = new List<LocalDate>(fixedRanges.Count);
        var ends = new List<LocalDate>(fixedRanges.Count);
        foreach ((LocalDate start, LocalDate end) in fixedRanges)
        {
            // Overlapping or touching ranges become one; the day after an end exists when it precedes a start.
            if (ends.Count > 0 && (start <= ends[^1] || ends[^1].PlusDays(1) == start))
            {
                if (end > ends[^1])
                {
                    ends[^1] = end;
                }
            }
            else
            {
                starts.Add(start);
                ends.Add(end);
            }
        }

        _starts = [.. starts];
        _ends = [.. ends];
        LastFixedDate = _ends.Length > 0 ? _ends[^1] : MinIsoDate;
        if (recurring.Count > 0)
        {
            _leapYear = new YearTable(recurring, 2000);
            _commonYear = new YearTable(recurring, 2001);
        }
    }

    /// <summary>Gets the last date of the last non-recurring holiday, or the first ISO date when there is none.</summary>
    public LocalDate LastFixedDate { get; }

    /// <summary>Gets a value indicating whether there is no holiday at all.</summary>
    public bool IsEmpty => _starts.Length == 0 && _leapYear is null;

    /// <summary>Gets a value indicating whether <paramref name="date"/> is a holiday.</summary>
    public bool IsHoliday(LocalDate date)
    {
        int range = LastRangeStartingBy(date);
        if (range >= 0 && date <= _ends[range])
        {
            return true;
        }

        return _leapYear is not null && TableOf(date.Year).Closed[date.DayOfYear - 1];
    }

    /// <summary>
    /// Gets the first date in [<paramref name="from"/>, <paramref name="limit"/>) that is not a holiday,
    /// <paramref name="limit"/> when every date of that span is one, or <paramref name="from"/> when it is
    /// not before <paramref name="limit"/>.
    /// </summary>
    public LocalDate FirstOpenDate(LocalDate from, LocalDate limit)
    {
        if (from >= limit)
        {
            return from;
        }

        LocalDate date = from;
        int range = LastRangeStartingBy(date);
        while (date < limit)
        {
            // Ranges are disjoint and ascending, so the cursor only moves forward.
            while (range + 1 < _starts.Length && _starts[range + 1] <= date)
            {
                range++;
            }

            if (range >= 0 && date <= _ends[range])
            {
                if (_ends[range] >= limit)
                {
                    return limit;
                }

                date = _ends[range].PlusDays(1);
                continue;
            }

            if (_leapYear is null)
            {
                return date;
            }

            YearTable table = TableOf(date.Year);
            int day = date.DayOfYear - 1;
            if (!table.Closed[day])
            {
                return date;
            }

            // The run of recurring holidays ends within this year, or at its last day.
            LocalDate last = date.PlusDays(table.NextOpen[day] - 1 - day);
            if (last >= limit)
            {
                return limit;
            }

            date = last.PlusDays(1);
        }

        return limit;
    }

    /// <summary>
    /// Gets the first holiday in [<paramref name="from"/>, <paramref name="limit"/>), or
    /// <paramref name="limit"/> when there is none in that span.
    /// </summary>
    public LocalDate FirstHoliday(LocalDate from, LocalDate limit)
    {
        if (from >= limit)
        {
            return limit;
        }

        // The first merged range that ends on or after 'from'.
        int range = LastRangeStartingBy(from);
        if (range < 0 || _ends[range] < from)
        {
            range++;
        }

        LocalDate bound = range < _starts.Length && _starts[range] < limit
            ? (_starts[range] > from ? _starts[range] : from)
            : limit;
        if (_leapYear is null || (!_leapYear.AnyClosed && !_commonYear!.AnyClosed))
        {
            return bound;
        }

        // A year without a recurring holiday (only a 29 February in a common year) is crossed in one step.
        LocalDate date = from;
        while (date < bound)
        {
            YearTable table = TableOf(date.Year);
            int day = date.DayOfYear - 1;
            int closed = table.NextClosed[day];
            if (closed < table.Length)
            {
                LocalDate found = date.PlusDays(closed - day);
                return found < bound ? found : bound;
            }

            LocalDate last = date.PlusDays(table.Length - 1 - day);
            if (last >= bound)
            {
                break;
            }

            date = last.PlusDays(1);
        }

        return bound;
    }

    private YearTable TableOf(int year) => CalendarSystem.Iso.IsLeapYear(year) ? _leapYear! : _commonYear!;

    /// <summary>The index of the last merged range starting on or before <paramref name="date"/>, or -1.</summary>
    private int LastRangeStartingBy(LocalDate date)
    {
        int low = 0;
        int high = _starts.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            if (_starts[middle] <= date)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }

    /// <summary>
    /// The recurring holidays laid over the days of one kind of year (leap or common): whether each day
    /// is closed, and from each day the next open and the next closed day.
    /// </summary>
    private sealed class YearTable
    {
        public YearTable(List<Holiday> recurring, int sampleYear)
        {
            Length = CalendarSystem.Iso.GetDaysInYear(sampleYear);

            // +1 at the first day of each span and -1 after its last, summed once at the end.
            var delta = new int[Length + 1];
            foreach (Holiday holiday in recurring)
            {
                int first = FirstDayOnOrAfter(sampleYear, holiday.Start.Month, holiday.Start.Day);
                int last = LastDayOnOrBefore(sampleYear, holiday.End.Month, holiday.End.Day);

                // The same rule as Holiday.Includes: a recurring range written across two years wraps
                // around the new year.
                if (holiday.Start.Year == holiday.End.Year)
                {
                    Mark(delta, first, last);
                }
                else
                {
                    Mark(delta, first, Length - 1);
                    Mark(delta, 0, last);
                }
            }

            Closed = new bool[Length];
            int depth = 0;
            for (int day = 0; day < Length; day++)
            {
                depth += delta[day];
                Closed[day] = depth > 0;
                AnyClosed |= Closed[day];
            }

            NextOpen = new short[Length];
            NextClosed = new short[Length];
            short nextOpen = (short)Length;
            short nextClosed = (short)Length;
            for (int day = Length - 1; day >= 0; day--)
            {
                if (Closed[day])
                {
                    nextClosed = (short)day;
                }
                else
                {
                    nextOpen = (short)day;
                }

                NextOpen[day] = nextOpen;
                NextClosed[day] = nextClosed;
            }
        }

        /// <summary>Gets the number of days of the year, 365 or 366.</summary>
        public int Length { get; }

        /// <summary>Gets whether each day of the year (0 for 1 January) is a recurring holiday.</summary>
        public bool[] Closed { get; }

        /// <summary>Gets the first day not closed from each day on, or <see cref="Length"/> when the rest of the year is closed.</summary>
        public short[] NextOpen { get; }

        /// <summary>Gets the first closed day from each day on, or <see cref="Length"/> when there is none in the rest of the year.</summary>
        public short[] NextClosed { get; }

        /// <summary>Gets a value indicating whether any day of the year is closed.</summary>
        public bool AnyClosed { get; }

        private static void Mark(int[] delta, int first, int last)
        {
            if (first <= last)
            {
                delta[first]++;
                delta[last + 1]--;
            }
        }

        /// <summary>The day of the year of the first date whose month and day are not before the given ones (29 February gives 1 March in a common year).</summary>
        private static int FirstDayOnOrAfter(int year, int month, int day) =>
            day <= CalendarSystem.Iso.GetDaysInMonth(year, month)
                ? new LocalDate(year, month, day).DayOfYear - 1
                : new LocalDate(year, month + 1, 1).DayOfYear - 1;

        /// <summary>The day of the year of the last date whose month and day are not after the given ones (29 February gives 28 February in a common year).</summary>
        private static int LastDayOnOrBefore(int year, int month, int day) =>
            new LocalDate(year, month, Math.Min(day, CalendarSystem.Iso.GetDaysInMonth(year, month))).DayOfYear - 1;
    }
}
