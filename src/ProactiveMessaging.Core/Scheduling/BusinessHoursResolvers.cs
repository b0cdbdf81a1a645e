using NodaTime;
using NodaTime.TimeZones;

namespace ProactiveMessaging.Scheduling;

/// <summary>
/// The named policy that turns a local boundary of a schedule (an opening or closing time, or the
/// start of a holiday) into an instant when the local time is skipped or repeated by a time zone
/// change such as daylight saving time.
/// </summary>
/// <remarks>
/// <para>
/// Schedules use the <see cref="FirstReached"/> policy: a boundary happens at the first instant at
/// which the wall clock reaches the boundary's local time or passes it.
/// </para>
/// <list type="bullet">
/// <item><description>
/// In a gap (clocks spring forward), the local time never happens: the boundary happens at the first
/// valid instant after the gap, the instant the clocks jump. In America/New_York on 8 March 2026 an
/// opening at 02:30 happens at 03:00 EDT.
/// </description></item>
/// <item><description>
/// In an overlap (clocks fall back), the local time happens twice: the boundary happens at the earlier
/// occurrence, and the repeated occurrence does not trigger it again. In America/New_York on
/// 1 November 2026 a closing at 01:30 happens at 01:30 EDT, an hour before 01:30 EST.
/// </description></item>
/// </list>
/// <para>
/// The mapping never goes backwards in time, so local intervals that do not overlap never overlap as
/// instants, an interval never closes before it opens, and an interval lying entirely in a gap is empty.
/// The class is stateless and thread-safe.
/// </para>
/// </remarks>
public static class BusinessHoursResolvers
{
    /// <summary>
    /// Gets the resolver of the first-reached policy: ambiguous local times resolve to the earlier
    /// occurrence (<see cref="Resolvers.ReturnEarlier"/>), skipped local times to the first instant
    /// after the gap (<see cref="Resolvers.ReturnStartOfIntervalAfter"/>).
    /// </summary>
    public static ZoneLocalMappingResolver FirstReached { get; } =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>Resolves a local date and time in a zone with the <see cref="FirstReached"/> policy.</summary>
    /// <param name="localDateTime">The local date and time.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The instant at which the wall clock of <paramref name="zone"/> first reaches <paramref name="localDateTime"/>.</returns>
    public static Instant ResolveFirstReached(LocalDateTime localDateTime, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return zone.ResolveLocal(localDateTime, FirstReached).ToInstant();
    }
}
