namespace ProactiveMessaging.Runtime;

/// <summary>Whether a message's timing allows sending it now, in a <see cref="MessageExplanation"/>.</summary>
public enum TimingVerdict
{
    /// <summary>The timing allows sending now: <c>Anytime</c>, or business hours in the state the timing asks for.</summary>
    Allowed = 0,

    /// <summary>The message is sent during business hours, and the channel's business hours are closed now.</summary>
    OutsideBusinessHours,

    /// <summary>The message is sent outside business hours, and the channel's business hours are open now.</summary>
    InsideBusinessHours,

    /// <summary>The timing depends on business hours, and the channel has no schedule: the message is never sent.</summary>
    NoSchedule,
}
