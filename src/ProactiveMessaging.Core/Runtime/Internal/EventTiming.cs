using System.Runtime.CompilerServices;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The one place that decides whether a message's timing allows sending for an event: the channel's
/// cached business hours at the event's single clock reading, asked at most once per event. Deciding,
/// explaining and the channel plan's "does any timing allow sending?" all judge through it.
/// </summary>
/// <remarks>A mutable struct local to one event (it caches the open state): pass it by reference.</remarks>
internal struct EventTiming
{
    private readonly CachedBusinessHours? _hours;
    private readonly Instant _now;

    // -1 until the schedule is first asked, then 1 (open) or 0 (closed).
    private int _isOpen;

    public EventTiming(CachedBusinessHours? hours, Instant now)
    {
        _hours = hours;
        _now = now;
        _isOpen = -1;
    }

    /// <summary>Gets the event's one clock reading, which campaign windows are compared with.</summary>
    public readonly Instant Now => _now;

    /// <summary>Whether a message with this timing may be sent; the schedule is not asked for <see cref="MessageTiming.Anytime"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Allows(MessageTiming timing) => timing == MessageTiming.Anytime || Judge(timing) == TimingVerdict.Allowed;

    /// <summary>
    /// The verdict for a message's timing: <see cref="MessageTiming.Anytime"/> is always allowed;
    /// without a schedule a timing that depends on business hours never allows sending; otherwise
    /// business-hours messages go while open, and outside-business-hours messages while closed.
    /// </summary>
    public TimingVerdict Judge(MessageTiming timing)
    {
        if (timing == MessageTiming.Anytime)
        {
            return TimingVerdict.Allowed;
        }

        if (_hours is null)
        {
            return TimingVerdict.NoSchedule;
        }

        if (_isOpen < 0)
        {
            _isOpen = _hours.IsOpen(_now) ? 1 : 0;
        }

        return _isOpen == 1
            ? timing == MessageTiming.BusinessHours ? TimingVerdict.Allowed : TimingVerdict.InsideBusinessHours
            : timing == MessageTiming.OutsideBusinessHours ? TimingVerdict.Allowed : TimingVerdict.OutsideBusinessHours;
    }
}
