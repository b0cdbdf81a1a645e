using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>
/// The weekly intervals of a schedule merged into disjoint spans of minutes counted from Monday 00:00
/// local time. A span starts within the week and may end in the next one.
/// </summary>
internal sealed class WeeklyPattern
{
    internal const int MinutesPerDay = 24 * 60;
    internal const int MinutesPerWeek = 7 * MinutesPerDay;

    private WeeklyPattern(int[] starts, int[] ends, bool isAlwaysOpen)
    {
        Starts = starts;
        Ends = ends;
        IsAlwaysOpen = isAlwaysOpen;
    }

    /// <summary>Gets the start minute of each span, ascending, in [0, one week).</summary>
    public int[] Starts { get; }

    /// <summary>Gets the end minute of each span (exclusive), at most two weeks.</summary>
    public int[] Ends { get; }

    /// <summary>Gets a value indicating whether the weekly intervals cover the whole week.</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>Gets a value indicating whether there is no weekly interval at all.</summary>
    public bool IsNeverOpen => Starts.Length == 0 && !IsAlwaysOpen;

    public static WeeklyPattern From(IReadOnlyList<WeeklyInterval> intervals)
    {
        var spans = new List<(int Start, int End)>(intervals.Count);
        foreach (WeeklyInterval interval in intervals)
        {
            int day = (int)interval.Day - 1;
            int open = (day * MinutesPerDay) + (interval.Open.Hour * 60) + interval.Open.Minute;
            int close = (interval.Close.Hour * 60) + interval.Close.Minute;
            int length = interval.CrossesMidnight
                ? MinutesPerDay - (open % MinutesPerDay) + close
                : close - (open % MinutesPerDay);
            spans.Add((open, open + length));
        }

        spans.Sort();
        var merged = new List<(int Start, int End)>(spans.Count);
        foreach ((int start, int end) in spans)
        {
            if (merged.Count > 0 && merged[^1].End >= start)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        // The last span may run past the end of the week into the first spans of the next week.
        while (merged.Count > 1 && merged[^1].End >= merged[0].Start + MinutesPerWeek)
        {
            merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, merged[0].End + MinutesPerWeek));
            merged.RemoveAt(0);
        }

        if (merged.Count == 1 && merged[0].End - merged[0].Start >= MinutesPerWeek)
        {
            return new WeeklyPattern([], [], isAlwaysOpen: true);
        }

        var starts = new int[merged.Count];
        var ends = new int[merged.Count];
        for (int i = 0; i < merged.Count; i++)
        {
            starts[i] = merged[i].Start;
            ends[i] = merged[i].End;
        }

        return new WeeklyPattern(starts, ends, isAlwaysOpen: false);
    }
}
