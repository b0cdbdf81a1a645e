using NodaTime;
using ProactiveMessaging.Model.Internal;

namespace ProactiveMessaging.Model;

/// <summary>
/// When a campaign runs: an optional <see cref="Start"/> and an optional <see cref="End"/>, outside
/// which the message is never shown, whatever its conditions, timing and frequency.
/// </summary>
/// <remarks>
/// <para>
/// The window is half-open, as business hours are: a message is inside from its start (inclusive)
/// until its end (exclusive). An instant bound is exact. A date bound is read in the time zone of
/// the business-hours schedule the message's channel uses (the channel's own schedule, else the
/// workspace default, as the channel's business hours): a start date opens
/// the window at the start of that day, an end date closes it at the start of the next day, so the
/// end date is included whole. A message with a date bound needs that schedule to publish.
/// </para>
/// <para>
/// The engine turns the window into two instants when it builds a channel's plan and compares them
/// with each event's clock reading, so a window opening or closing needs no rebuild.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record CampaignWindow
{
    /// <summary>Gets the start (inclusive), or <see langword="null"/> for a window open since always.</summary>
    public CampaignBound? Start { get; init; }

    /// <summary>Gets the end (an instant: exclusive; a date: inclusive through the end of that day), or <see langword="null"/> for a window that never closes.</summary>
    public CampaignBound? End { get; init; }

    /// <summary>Gets a value indicating whether either bound is a local date, read in a schedule's time zone.</summary>
    public bool HasDates => Start?.IsDate == true || End?.IsDate == true;

    /// <summary>
    /// Returns the window as instants in a time zone: the start inclusive, the end exclusive
    /// (<see cref="Instant.MinValue"/> and <see cref="Instant.MaxValue"/> for an absent bound).
    /// </summary>
    /// <remarks>A window with a date bound and no zone cannot be resolved: it is closed (never inside).</remarks>
    internal ResolvedWindow Resolve(DateTimeZone? zone)
    {
        if (HasDates && zone is null)
        {
            return ResolvedWindow.Unresolved;
        }

        var start = Start switch
        {
            null => Instant.MinValue,
            { Date: { } date } => StartOfDay(date, zone!),
            _ => Start.Instant!.Value,
        };
        var end = End switch
        {
            null => Instant.MaxValue,
            { Date: { } date } => date == LocalDate.MaxIsoValue ? Instant.MaxValue : StartOfDay(date.PlusDays(1), zone!),
            _ => End.Instant!.Value,
        };
        return new ResolvedWindow(start, end);
    }

    private static Instant StartOfDay(LocalDate date, DateTimeZone zone)
    {
        // The dates the validator accepts keep the start of day within the range of an Instant.
        return zone.AtStartOfDay(date).ToInstant();
    }
}
