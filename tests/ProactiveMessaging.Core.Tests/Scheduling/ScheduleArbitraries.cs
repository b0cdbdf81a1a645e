using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Tests.Scheduling;

/// <summary>A random schedule in a random zone and a random instant of a random year.</summary>
public sealed record ScheduleCase(string ZoneId, WeeklyInterval[] Weekly, Holiday[] Holidays, Instant At)
{
    internal BusinessHoursSchedule Schedule => BusinessHoursSchedule.Create("case", ZoneId, Weekly, Holidays).GetValueOrThrow();

    internal ReferenceSchedule Reference =>
        new(DateTimeZoneProviders.Tzdb[ZoneId], Weekly, Holidays);

    public override string ToString() =>
        $"{ZoneId} at {At} ({At.InZone(DateTimeZoneProviders.Tzdb[ZoneId])}); weekly [{string.Join(", ", Weekly.Select(w => w.ToString()))}]; " +
        $"holidays [{string.Join(", ", Holidays.Select(h => $"{h.Start}..{h.End}{(h.IsRecurring ? " every year" : "")}"))}]";
}

/// <summary>FsCheck generators for schedules, biased towards the hours and instants where time zones change.</summary>
public static class ScheduleArbitraries
{
    /// <summary>Zones with the traps the schedule must get right; drawn half of the time.</summary>
    internal static readonly string[] TrickyZones =
    [
        "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Tokyo", "America/Sao_Paulo",
        "Pacific/Apia", "Asia/Kathmandu", "America/Santiago", "Pacific/Chatham", "Antarctica/Troll",
        "Africa/Casablanca", "Asia/Tehran", "America/Havana", "Europe/Chisinau", "Pacific/Kiritimati",
    ];

    private static readonly string[] AllZones = [.. DateTimeZoneProviders.Tzdb.Ids];

    public static Arbitrary<ScheduleCase> Cases() => CaseGen.ToArbitrary();

    private static Gen<ScheduleCase> CaseGen =>
        from zoneId in Gen.OneOf(Gen.Elements(TrickyZones), Gen.Elements(AllZones))
        from year in Gen.Choose(2000, 2035)
        from weekly in IntervalGen.ArrayOf().Resize(7)
        from holidays in HolidayGen(year).ArrayOf().Resize(3)
        from at in InstantGen(DateTimeZoneProviders.Tzdb[zoneId], year)
        select new ScheduleCase(zoneId, weekly, holidays, at);

    internal static Gen<WeeklyInterval> IntervalGen =>
        from day in Gen.Choose(1, 7)
        from open in MinuteGen
        from length in Gen.Frequency(
            (3, Gen.Choose(1, 24 * 60)),
            (2, Gen.Elements(30, 60, 90, 8 * 60, 24 * 60)))
        select new WeeklyInterval((IsoDayOfWeek)day, Time(open), Time((open + length) % (24 * 60)));

    /// <summary>Minutes of the day, often in the small hours when clocks change, often on the hour.</summary>
    private static Gen<int> MinuteGen => Gen.Frequency(
        (3, Gen.Choose(0, (24 * 60) - 1)),
        (3, Gen.Choose(0, 4 * 60)),
        (2, Gen.Choose(0, 23).Select(hour => hour * 60)),
        (1, Gen.Constant(0)));

    private static Gen<Holiday> HolidayGen(int year) =>
        from dayOfYear in Gen.Choose(0, 364)
        from yearOffset in Gen.Choose(-1, 1)
        from length in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Choose(1, 4)))
        from recurring in Gen.Elements(true, false)
        let start = new LocalDate(year + yearOffset, 1, 1).PlusDays(dayOfYear)
        select Holiday.Between(start, start.PlusDays(length), recurring);

    /// <summary>An instant in the year: anywhere, or within a few hours of a change of the zone's offset.</summary>
    internal static Gen<Instant> InstantGen(DateTimeZone zone, int year)
    {
        Instant yearStart = Instant.FromUtc(year, 1, 1, 0, 0);
        return Gen.Frequency(
            (1, Gen.Choose(0, 365 * 24 * 60).Select(minute => yearStart + Duration.FromMinutes(minute))),
            (1, from minute in Gen.Choose(0, 365 * 24 * 60)
                from offset in Gen.Choose(-36 * 60, 36 * 60)
                select NearTransition(zone, yearStart + Duration.FromMinutes(minute), offset)));
    }

    private static Instant NearTransition(DateTimeZone zone, Instant from, int offsetMinutes)
    {
        Instant? end = zone.GetZoneInterval(from).HasEnd ? zone.GetZoneInterval(from).End : null;
        Instant anchor = end is { } transition && transition < from + Duration.FromDays(400) ? transition : from;
        return anchor + Duration.FromMinutes(offsetMinutes);
    }

    private static LocalTime Time(int minuteOfDay) => new(minuteOfDay / 60, minuteOfDay % 60);
}

/// <summary>
/// Schedules with many holidays packed around the drawn year: they overlap, touch, chain across
/// weeks and years, recur (often across the new year or on 29 February), and cover whole weeks of
/// openings, so that the holiday index and the skipping of closed runs meet every arrangement.
/// </summary>
public static class ManyHolidayArbitraries
{
    public static Arbitrary<ScheduleCase> Cases() => CaseGen.ToArbitrary();

    private static Gen<ScheduleCase> CaseGen =>
        from zoneId in Gen.OneOf(Gen.Elements(ScheduleArbitraries.TrickyZones), Gen.Elements("UTC", "Asia/Tokyo"))
        from year in Gen.Choose(2000, 2035)
        from weekly in ScheduleArbitraries.IntervalGen.ArrayOf().Resize(7)
        from holidays in HolidayGen(year).ArrayOf().Resize(80)
        from at in ScheduleArbitraries.InstantGen(DateTimeZoneProviders.Tzdb[zoneId], year)
        select new ScheduleCase(zoneId, weekly, holidays, at);

    private static Gen<Holiday> HolidayGen(int year) =>
        from start in Gen.Frequency(
            (6, Gen.Choose(0, 2 * 366).Select(day => new LocalDate(year - 1, 6, 1).PlusDays(day))),
            (1, Gen.Elements(new LocalDate(year, 2, 28), new LocalDate(2024, 2, 29), new LocalDate(year, 3, 1), new LocalDate(year, 12, 31))))
        from length in Gen.Frequency(
            (4, Gen.Constant(0)),
            (3, Gen.Choose(1, 13)),
            (1, Gen.Choose(14, 120)),
            (1, Gen.Choose(121, 364)))
        from recurring in Gen.Frequency((3, Gen.Constant(false)), (2, Gen.Constant(true)))
        select Holiday.Between(start, start.PlusDays(length), recurring);
}
