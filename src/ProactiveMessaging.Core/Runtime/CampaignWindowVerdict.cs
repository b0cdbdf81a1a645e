namespace ProactiveMessaging.Runtime;

/// <summary>Whether a message's campaign window allows showing it now, in a <see cref="MessageExplanation"/>.</summary>
public enum CampaignWindowVerdict
{
    /// <summary>The message has no campaign window: it runs whenever its timing allows.</summary>
    NoWindow = 0,

    /// <summary>Now is inside the message's campaign window.</summary>
    Inside,

    /// <summary>The campaign window has not started yet.</summary>
    NotStarted,

    /// <summary>The campaign window has ended.</summary>
    Ended,

    /// <summary>
    /// The window has a date, read in the time zone of the channel's schedule, and the channel has
    /// no schedule in the plan's snapshot: the message is never shown (publishing requires the schedule).
    /// </summary>
    NoSchedule,
}
