namespace ProactiveMessaging.Model;

/// <summary>Applies a message's <see cref="MessageTiming"/> to the state of its channel's business hours.</summary>
/// <remarks>
/// Stateless and thread-safe; allocation-free. It takes the open-or-closed state as a value, so the
/// schedules know nothing of messages.
/// </remarks>
public static class MessageTimingExtensions
{
    /// <summary>Gets a value indicating whether a message with this timing may be sent.</summary>
    /// <param name="timing">The message's timing.</param>
    /// <param name="isOpen">Whether the channel's schedule is open now.</param>
    /// <returns>
    /// <see langword="true"/> for <see cref="MessageTiming.Anytime"/>; <paramref name="isOpen"/> for
    /// <see cref="MessageTiming.BusinessHours"/>; its negation for <see cref="MessageTiming.OutsideBusinessHours"/>.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timing"/> is not a defined value.</exception>
    public static bool Allows(this MessageTiming timing, bool isOpen) => timing switch
    {
        MessageTiming.Anytime => true,
        MessageTiming.BusinessHours => isOpen,
        MessageTiming.OutsideBusinessHours => !isOpen,
        _ => throw new ArgumentOutOfRangeException(nameof(timing), timing, "Unknown message timing."),
    };
}
