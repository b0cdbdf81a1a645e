namespace ProactiveMessaging.Model;

/// <summary>When a message may be sent, relative to the channel's business hours.</summary>
public enum MessageTiming
{
    /// <summary>Sent at any time, whatever the business hours.</summary>
    Anytime = 0,

    /// <summary>Sent only while the channel's business-hours schedule is open.</summary>
    BusinessHours = 1,

    /// <summary>Sent only while the channel's business-hours schedule is closed.</summary>
    OutsideBusinessHours = 2,
}
