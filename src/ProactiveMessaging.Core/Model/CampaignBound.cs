using NodaTime;
using NodaTime.Text;

namespace ProactiveMessaging.Model;

/// <summary>
/// One end of a <see cref="CampaignWindow"/>: an exact <see cref="NodaTime.Instant"/>, or a
/// <see cref="LocalDate"/> read in the time zone of the schedule the message's channel uses.
/// </summary>
/// <remarks>
/// <para>
/// A date as a start means the start of that day (inclusive); a date as an end means the end of
/// that day (inclusive through its last instant, so the window closes at the start of the next
/// day). The start of a day is NodaTime's <see cref="DateTimeZone.AtStartOfDay"/>: on a day whose
/// midnight a daylight-saving change skips, the day starts at the first instant that exists.
/// </para>
/// <para>Immutable and thread-safe; exactly one of <see cref="Instant"/> and <see cref="Date"/> is set.</para>
/// </remarks>
public sealed record CampaignBound
{
    private CampaignBound(Instant? instant, LocalDate? date)
    {
        Instant = instant;
        Date = date;
    }

    /// <summary>Gets the instant, when the bound is an instant.</summary>
    public Instant? Instant { get; }

    /// <summary>Gets the local date (ISO calendar), when the bound is a date.</summary>
    public LocalDate? Date { get; }

    /// <summary>Gets a value indicating whether the bound is a local date, which needs a time zone to become an instant.</summary>
    public bool IsDate => Date.HasValue;

    /// <summary>Creates a bound at an exact instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The bound.</returns>
    public static CampaignBound At(Instant instant) => new(instant, null);

    /// <summary>Creates a bound on a local date, in the zone of the schedule the message's channel uses.</summary>
    /// <param name="date">The date, in the ISO calendar.</param>
    /// <returns>The bound.</returns>
    /// <exception cref="ArgumentException">The date is not in the ISO calendar.</exception>
    public static CampaignBound OnDate(LocalDate date)
    {
        if (date.Calendar != CalendarSystem.Iso)
        {
            throw new ArgumentException("A campaign date is in the ISO calendar.", nameof(date));
        }

        return new(null, date);
    }

    /// <summary>Returns the bound in its JSON form: <c>2026-11-27T08:00:00Z</c> or <c>2026-11-27</c>.</summary>
    /// <returns>The ISO text.</returns>
    public override string ToString() =>
        Date is { } date
            ? LocalDatePattern.Iso.Format(date)
            : InstantPattern.ExtendedIso.Format(Instant!.Value);
}
