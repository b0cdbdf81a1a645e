using NodaTime;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>The instant and date fields of a visitor context.</summary>
public sealed partial class VisitorContext
{
    /// <summary>
    /// The instant the relative date conditions (<c>withinLast</c>, <c>moreThanAgo</c>) are measured
    /// from, in Unix milliseconds; NaN, which fails them, until set. <see cref="SetLocalTime"/> sets it
    /// to the event's instant, and the engine to its own clock reading before it evaluates.
    /// </summary>
    internal double NowMilliseconds { get; private set; } = double.NaN;

    /// <summary>Sets an instant custom attribute; it is compared to the millisecond (finer parts are dropped).</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The instant, such as a signup time; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not an instant attribute.</exception>
    public void SetInstant(FieldSlot slot, Instant? value)
    {
        Check(slot, FieldType.Instant, FieldType.Instant);
        SetNumber(slot.Index, value?.ToUnixTimeMilliseconds());
    }

    /// <summary>Sets a date custom attribute, a calendar date without a zone (relative forms compare it with today's date in UTC).</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="value">The date, such as the date of the last order; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not a date attribute.</exception>
    public void SetDate(FieldSlot slot, LocalDate? value)
    {
        Check(slot, FieldType.Date, FieldType.Date);
        SetNumber(slot.Index, value is { } date ? ConditionBinder.DaysSinceEpoch(date) : null);
    }

    /// <summary>Records the evaluation's instant, from the engine's clock or the event's instant.</summary>
    internal void SetNow(Instant now) => NowMilliseconds = now.ToUnixTimeMilliseconds();
}
