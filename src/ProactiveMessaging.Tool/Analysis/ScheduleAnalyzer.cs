using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>
/// Timings that never hold under their schedule, and campaign windows that ended before the analysis
/// instant. The schedule is the channel's in the snapshot (with the inferred snapshot: the workspace default).
/// </summary>
internal static class ScheduleAnalyzer
{
    public static IEnumerable<Finding> Timing(ProactiveMessage message, string path, WorkspaceSnapshot snapshot)
    {
        if (message.Timing == MessageTiming.Anytime || snapshot.FindChannel(message.ChannelId) is not { } channel)
        {
            yield break;
        }

        var timing = message.Timing == MessageTiming.BusinessHours ? "businessHours" : "outsideBusinessHours";
        if (snapshot.ScheduleFor(channel) is not { } schedule)
        {
            var id = channel.ScheduleId ?? snapshot.DefaultScheduleId;
            yield return new Finding(
                FindingCodes.TimingNoSchedule,
                FindingSeverity.Error,
                message.Id,
                id is null
                    ? $"timing {timing} needs business hours, but the channel '{channel.Id}' has no schedule and the workspace has no default schedule."
                    : $"timing {timing} needs business hours, but the schedule '{id}' is not in the workspace.",
                [path + ".timing"]);
            yield break;
        }

        if ((message.Timing == MessageTiming.BusinessHours && schedule.IsNeverOpen) || (message.Timing == MessageTiming.OutsideBusinessHours && schedule.IsAlwaysOpen))
        {
            yield return new Finding(
                FindingCodes.TimingNeverOpen,
                FindingSeverity.Error,
                message.Id,
                $"timing {timing} never holds: the schedule '{schedule.Id}' is {(schedule.IsNeverOpen ? "never open" : "always open")}.",
                [path + ".timing"]);
        }
    }

    public static IEnumerable<Finding> Window(ProactiveMessage message, string path, WorkspaceSnapshot snapshot, NodaTime.Instant at)
    {
        if (message.Window?.End is not { } end)
        {
            yield break;
        }

        NodaTime.Instant? endsAt = end.Instant;
        if (end.Date is { } date)
        {
            // A date is read in the zone of the channel's schedule; without one the requirement finding says so.
            var schedule = snapshot.FindChannel(message.ChannelId) is { } channel ? snapshot.ScheduleFor(channel) : null;
            endsAt = schedule is null || date == NodaTime.LocalDate.MaxIsoValue ? null : schedule.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        }

        if (endsAt is { } instant && instant <= at)
        {
            yield return new Finding(
                FindingCodes.WindowEnded,
                message.Status == MessageStatus.Live ? FindingSeverity.Warning : FindingSeverity.Info,
                message.Id,
                $"the campaign window ended at {instant} (end {end}), not after {at}: the message is never shown again.",
                [path + ".window.end"]);
        }
    }
}
