using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Scheduling;
using Interval = NodaTime.Interval;

namespace ProactiveMessaging.Tests.Scheduling;

/// <summary>
/// Random schedules in random zones over random years, checked against <see cref="ReferenceSchedule"/>.
/// A minute-by-minute sweep over a whole year costs too much per case, so each case sweeps a window
/// of the year (often one around an offset change) minute by minute, and checks boundaries exactly.
/// </summary>
public sealed class BusinessHoursPropertyTests
{
    private static readonly Duration ExactWindow = Duration.FromDays(16);

    [Property(Arbitrary = [typeof(ScheduleArbitraries)], MaxTest = 150)]
    public Property IsOpen_AgreesWithTheReference_MinuteByMinute(ScheduleCase @case)
    {
        BusinessHoursSchedule schedule = @case.Schedule;
        ReferenceSchedule reference = @case.Reference;
        Instant start = @case.At - Duration.FromHours(6);
        for (int minute = 0; minute < 12 * 60; minute++)
        {
            Instant instant = start + Duration.FromMinutes(minute);
            if (schedule.IsOpen(instant) != reference.IsOpen(instant))
            {
                return false.Label($"differs at {instant} ({instant.InZone(schedule.Zone)}): reference says {reference.IsOpen(instant)}");
            }
        }

        return true.ToProperty();
    }

    [Property(Arbitrary = [typeof(ScheduleArbitraries)], MaxTest = 500)]
    public Property NextChange_IsTheFirstInstantWhoseStateDiffers(ScheduleCase @case)
    {
        BusinessHoursSchedule schedule = @case.Schedule;
        ReferenceSchedule reference = @case.Reference;
        Instant at = @case.At;
        Instant? expected = reference.NextChange(at, at + ExactWindow);
        (bool isOpen, Instant? actual) = schedule.Evaluate(at);

        bool stateAgrees = isOpen == reference.IsOpen(at);
        bool changeAgrees = expected is null
            ? actual is null || actual > at + ExactWindow
            : actual == expected;

        // Minimality, independently of the reference: the state holds until just before the change.
        bool holdsUntilChange = actual is not { } change
            || (schedule.IsOpen(change) != isOpen && schedule.IsOpen(change - Duration.Epsilon) == isOpen);
        return (stateAgrees && changeAgrees && holdsUntilChange)
            .Label($"open {isOpen} (reference {reference.IsOpen(at)}), next change {actual} (reference {expected})");
    }

    [Property(Arbitrary = [typeof(ScheduleArbitraries)], MaxTest = 25)]
    public Property NextChange_WalkedAcrossAWholeYear_MatchesTheReferenceAtEveryStep(ScheduleCase @case)
    {
        BusinessHoursSchedule schedule = @case.Schedule;
        ReferenceSchedule reference = @case.Reference;
        Instant at = Instant.FromUtc(@case.At.InUtc().Year, 1, 1, 0, 0);
        Instant yearEnd = at + Duration.FromDays(366);
        bool isOpen = schedule.IsOpen(at);
        while (at < yearEnd)
        {
            Instant? change = schedule.NextChange(at);
            bool stop = change is null || change > yearEnd;
            Instant until = stop ? yearEnd : change!.Value;
            Instant? expected = reference.NextChange(at, until);
            if (isOpen != reference.IsOpen(at) || (stop ? expected is not null : expected != until))
            {
                return false.Label($"at {at}: open {isOpen} (reference {reference.IsOpen(at)}), change {until} (reference {expected})");
            }

            at = until;
            isOpen = !isOpen;
            if (stop)
            {
                break;
            }
        }

        return true.ToProperty();
    }

    [Property(Arbitrary = [typeof(ScheduleArbitraries)], MaxTest = 300)]
    public Property GetOpenIntervals_EqualsTheReferenceIntervals(ScheduleCase @case)
    {
        BusinessHoursSchedule schedule = @case.Schedule;
        List<Interval> expected = @case.Reference.OpenIntervals(@case.At, @case.At + ExactWindow);
        var actual = schedule.GetOpenIntervals(@case.At, @case.At + ExactWindow).ToList();
        return expected.SequenceEqual(actual)
            .Label($"expected [{string.Join(", ", expected)}] but got [{string.Join(", ", actual)}]");
    }

    [Property(Arbitrary = [typeof(ScheduleArbitraries)], MaxTest = 200)]
    public Property CachedState_EqualsTheUncachedAnswer_AcrossEveryChange(ScheduleCase @case)
    {
        BusinessHoursSchedule schedule = @case.Schedule;
        var cached = new CachedBusinessHours(schedule);
        Instant now = @case.At;
        for (int step = 0; step < 20; step++)
        {
            if (cached.IsOpen(now) != schedule.IsOpen(now))
            {
                return false.Label($"differs at {now}");
            }

            if (schedule.NextChange(now) is not { } change)
            {
                break;
            }

            // Just before the change the cache still answers; at the change it must recompute.
            if (cached.IsOpen(change - Duration.Epsilon) != schedule.IsOpen(change - Duration.Epsilon))
            {
                return false.Label($"differs just before {change}");
            }

            now = change;
        }

        // An earlier instant (a clock that moved backwards) is answered from a fresh computation, not the cache.
        return (cached.IsOpen(@case.At) == schedule.IsOpen(@case.At)).Label("differs after the clock moved back");
    }

    [Property(Arbitrary = [typeof(ManyHolidayArbitraries)], MaxTest = 400)]
    public Property NextChange_WithManyHolidays_IsTheFirstInstantWhoseStateDiffers(ScheduleCase @case) =>
        NextChange_IsTheFirstInstantWhoseStateDiffers(@case);

    [Property(Arbitrary = [typeof(ManyHolidayArbitraries)], MaxTest = 25)]
    public Property NextChange_WithManyHolidays_WalkedAcrossAWholeYear_MatchesTheReferenceAtEveryStep(ScheduleCase @case) =>
        NextChange_WalkedAcrossAWholeYear_MatchesTheReferenceAtEveryStep(@case);

    [Property(Arbitrary = [typeof(ManyHolidayArbitraries)], MaxTest = 150)]
    public Property GetOpenIntervals_WithManyHolidays_EqualsTheReferenceIntervals(ScheduleCase @case) =>
        GetOpenIntervals_EqualsTheReferenceIntervals(@case);
}
