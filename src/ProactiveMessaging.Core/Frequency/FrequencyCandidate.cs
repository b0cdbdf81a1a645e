using ProactiveMessaging.Model;

namespace ProactiveMessaging.Frequency;

/// <summary>A message that met its timing and conditions for an event, offered to the frequency store in priority order.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Frequency">The message's frequency rule.</param>
public readonly record struct FrequencyCandidate(string MessageId, MessageFrequency Frequency)
{
    /// <summary>
    /// Gets a value indicating whether the visitor is in the message's control group: when the rules
    /// would reserve this candidate, the store answers <see cref="ReservationStatus.HeldOut"/> for it
    /// and records it for the message's own frequency only (nothing showing, no cap counted).
    /// </summary>
    public bool HeldOut { get; init; }
}
