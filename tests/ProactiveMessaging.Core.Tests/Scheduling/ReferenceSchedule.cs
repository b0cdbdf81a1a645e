using NodaTime;
using NodaTime.TimeZones;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Tests.Scheduling;

/// <summary>
/// A deliberately naive reading of a schedule, written from the specification rather than from the
/// implementation: no merging, no chunking, no caching. An instant is open when its local date is not
/// a holiday and it lies within an occurrence of a declared weekly interval whose local boundaries are
/// resolved with NodaTime's resolvers (earlier occurrence in an overlap, first instant after a gap).
/// </summary>
internal sealed class ReferenceSchedule
{
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly DateTimeZone _zone;
    private readonly IReadOnlyList<WeeklyInterval> _weekly;
    private readonly IReadOnlyList<Holiday> _holidays;

    public ReferenceSchedule(DateTimeZone zone, IReadOnlyList<WeeklyInterval> weekly, IReadOnlyList<Holiday> holidays)
    {
        _zone = zone;
        _weekly = weekly;
        _holidays = holidays;
    }

    public bool IsOpen(Instant instant)
    {
        LocalDate date = instant.InZone(_zone).Date;
        if (IsHoliday(date))
        {
            return false;
        }

        // An interval lasts at most a day and time zone changes move local time by at most a day.
        for (LocalDate day = date.PlusDays(-2); day <= date.PlusDays(1); day = day.PlusDays(1))
        {
            foreach ((Instant open, Instant close) in Occurrences(day))
            {
                if (open <= instant && instant < close)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Every instant in (after, until] at which the state may flip, ascending.</summary>
    public List<Instant> CandidateChanges(Instant after, Instant until)
    {
        var result = new SortedSet<Instant>();
        LocalDate first = after.InZone(_zone).Date.PlusDays(-2);
        LocalDate last = until.InZone(_zone).Date.PlusDays(2);
        for (LocalDate day = first; day <= last; day = day.PlusDays(1))
        {
            result.Add(Resolve(day.AtMidnight()));
            foreach ((Instant open, Instant close) in Occurrences(day))
            {
                result.Add(open);
                result.Add(close);
            }
        }

        return result.Where(instant => instant > after && instant <= until).ToList();
    }

    /// <summary>The exact next change in (after, until], or null when the state holds through it.</summary>
    public Instant? NextChange(Instant after, Instant until)
    {
        bool state = IsOpen(after);
        foreach (Instant candidate in CandidateChanges(after, until))
        {
            if (IsOpen(candidate) != state)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The exact open intervals within [start, end).</summary>
    public List<Interval> OpenIntervals(Instant start, Instant end)
    {
        var result = new List<Interval>();
        var points = new List<Instant> { start };
        points.AddRange(CandidateChanges(start, end).Where(point => point < end));
        points.Add(end);
        for (int i = 0; i + 1 < points.Count; i++)
        {
            if (!IsOpen(points[i]))
            {
                continue;
            }

            if (result.Count > 0 && result[^1].End == points[i])
            {
                result[^1] = new Interval(result[^1].Start, points[i + 1]);
            }
            else
            {
                result.Add(new Interval(points[i], points[i + 1]));
            }
        }

        return result;
    }

    private bool IsHoliday(LocalDate date) => _holidays.Any(holiday => holiday.Includes(date));

    private IEnumerable<(Instant Open, Instant Close)> Occurrences(LocalDate day)
    {
        foreach (WeeklyInterval interval in _weekly)
        {
            if (interval.Day != day.DayOfWeek)
            {
                continue;
            }

            LocalDateTime open = day + interval.Open;
            LocalDateTime close = (interval.Close <= interval.Open ? day.PlusDays(1) : day) + interval.Close;
            yield return (Resolve(open), Resolve(close));
        }
    }

    private Instant Resolve(LocalDateTime local) => _zone.ResolveLocal(local, Resolver).ToInstant();
}
