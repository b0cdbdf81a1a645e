using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Scheduling.Internal;

namespace ProactiveMessaging.Scheduling;

/// <summary>
/// When a business is open: weekly open intervals in the local time of an IANA time zone, minus
/// holidays on which it is closed all day.
/// </summary>
/// <remarks>
/// <para>
/// Create one with <see cref="Create"/>, which validates everything and reports every problem at once.
/// Weekly intervals are half-open <c>[open, close)</c>; overlapping and touching intervals are merged,
/// so an interval closing at 12:00 and another opening at 12:00 are one open span with no change at
/// noon.
/// </para>
/// <para>
/// Local boundaries that a time zone change skips or repeats resolve with the
/// <see cref="BusinessHoursResolvers.FirstReached"/> policy: a boundary in a gap happens when the
/// clocks jump, a boundary in an overlap at its earlier occurrence.
/// </para>
/// <para>
/// The queries compute zone arithmetic on each call; for a per-event check use
/// <see cref="CachedBusinessHours"/>, which caches the state until its next change. Instances are
/// immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class BusinessHoursSchedule : IEquatable<BusinessHoursSchedule>
{
    /// <summary>The greatest number of characters of a schedule <see cref="Id"/>: <see cref="IdRule.MaxLength"/>.</summary>
    public const int MaxIdLength = IdRule.MaxLength;

    private readonly ScheduleTimeline _timeline;

    private BusinessHoursSchedule(
        string id,
        string timeZoneId,
        DateTimeZone zone,
        ImmutableArray<WeeklyInterval> weekly,
        ImmutableArray<Holiday> holidays)
    {
        Id = id;
        TimeZoneId = timeZoneId;
        Zone = zone;
        Weekly = weekly;
        Holidays = holidays;
        WeeklyPattern pattern = WeeklyPattern.From(weekly);
        IsAlwaysOpen = pattern.IsAlwaysOpen && holidays.IsEmpty;
        IsNeverOpen = pattern.IsNeverOpen;
        _timeline = new ScheduleTimeline(zone, pattern, holidays);
    }

    /// <summary>Gets the id of the schedule, unique within a workspace.</summary>
    public string Id { get; }

    /// <summary>Gets the IANA time zone id, as given, such as <c>Europe/London</c>.</summary>
    public string TimeZoneId { get; }

    /// <summary>Gets the time zone from NodaTime's tzdb data.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the weekly open intervals as declared, before merging.</summary>
    public ImmutableArray<WeeklyInterval> Weekly { get; }

    /// <summary>Gets the holidays on which the schedule is closed all day.</summary>
    public ImmutableArray<Holiday> Holidays { get; }

    /// <summary>Gets a value indicating whether the schedule is open at every instant (open all week, no holidays).</summary>
    public bool IsAlwaysOpen { get; }

    /// <summary>Gets a value indicating whether the schedule is closed at every instant (no weekly interval).</summary>
    public bool IsNeverOpen { get; }

    /// <summary>Validates the parts of a schedule and creates it, or returns every problem found.</summary>
    /// <param name="id">The id of the schedule.</param>
    /// <param name="timeZoneId">An IANA time zone id known to NodaTime's tzdb data, such as <c>America/New_York</c>.</param>
    /// <param name="weekly">The weekly open intervals; none means the schedule is never open.</param>
    /// <param name="holidays">The holidays, or <see langword="null"/> for none.</param>
    /// <param name="path">
    /// The JSON path of the schedule, prefixed to the path of each problem: with
    /// <c>$.workspace.schedules[0]</c>, a bad closing time of the third interval is reported at
    /// <c>$.workspace.schedules[0].weekly[2].close</c>.
    /// </param>
    /// <returns>The schedule, or the problems (codes in <see cref="ScheduleProblemCodes"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weekly"/> or <paramref name="path"/> is null.</exception>
    public static ValidationResult<BusinessHoursSchedule> Create(
        string id,
        string timeZoneId,
        IEnumerable<WeeklyInterval> weekly,
        IEnumerable<Holiday>? holidays = null,
        string path = "$")
    {
        ArgumentNullException.ThrowIfNull(weekly);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<Problem>();
        ScheduleValidator.ValidateId(id, path + ".id", problems);
        DateTimeZone? zone = ScheduleValidator.ValidateTimeZone(timeZoneId, path + ".timeZone", problems);

        ImmutableArray<WeeklyInterval> weeklyArray = [.. weekly];
        for (int i = 0; i < weeklyArray.Length; i++)
        {
            ScheduleValidator.ValidateInterval(weeklyArray[i], ItemPath(path, "weekly", i), problems);
        }

        ImmutableArray<Holiday> holidayArray = holidays is null ? [] : [.. holidays];
        ScheduleValidator.ValidateHolidayCount(holidayArray.Length, path + ".holidays", problems);
        for (int i = 0; i < holidayArray.Length; i++)
        {
            ScheduleValidator.ValidateHoliday(holidayArray[i], ItemPath(path, "holidays", i), problems);
        }

        if (problems.Count > 0 || zone is null)
        {
            return ValidationResult<BusinessHoursSchedule>.Failure([.. problems]);
        }

        return ValidationResult<BusinessHoursSchedule>.Success(
            new BusinessHoursSchedule(id, timeZoneId, zone, weeklyArray, holidayArray));
    }

    /// <summary>Gets a value indicating whether the schedule is open at <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when the instant is in a weekly interval and not on a holiday.</returns>
    public bool IsOpen(Instant instant) => _timeline.IsOpen(instant);

    /// <summary>Gets the next instant after <paramref name="instant"/> at which the open or closed state flips.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>
    /// The smallest instant after <paramref name="instant"/> whose state differs from the state at
    /// <paramref name="instant"/>, or <see langword="null"/> when the state never changes again (a schedule
    /// always open or never open, or one closed by holidays for the rest of time).
    /// </returns>
    public Instant? NextChange(Instant instant) => _timeline.Evaluate(instant).NextChange;

    /// <summary>Gets the state at <paramref name="instant"/> and the instant it next changes, in one computation.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The state and the next change, as <see cref="IsOpen"/> and <see cref="NextChange"/> would return them.</returns>
    public (bool IsOpen, Instant? NextChange) Evaluate(Instant instant) => _timeline.Evaluate(instant);

    /// <summary>Gets the open intervals between two instants, for a preview.</summary>
    /// <param name="start">The start of the range, inclusive.</param>
    /// <param name="end">The end of the range, exclusive.</param>
    /// <returns>
    /// The open intervals, ordered, disjoint and never touching, clipped to
    /// [<paramref name="start"/>, <paramref name="end"/>); empty when <paramref name="end"/> is not after
    /// <paramref name="start"/>.
    /// </returns>
    public ImmutableArray<Interval> GetOpenIntervals(Instant start, Instant end) => _timeline.OpenIntervals(start, end);

    /// <summary>Returns the id and the time zone of the schedule.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Id} ({TimeZoneId})";

    /// <summary>Compares the id, the zone id, the weekly intervals and the holidays, in the order given.</summary>
    /// <param name="other">The other schedule.</param>
    /// <returns><see langword="true"/> when they are written the same.</returns>
    public bool Equals(BusinessHoursSchedule? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(TimeZoneId, other.TimeZoneId, StringComparison.Ordinal)
        && Weekly.SequenceEqual(other.Weekly)
        && Holidays.SequenceEqual(other.Holidays);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BusinessHoursSchedule);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, TimeZoneId, Weekly.Length, Holidays.Length);

    private static string ItemPath(string path, string property, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}.{property}[{index}]");
}
