namespace ProactiveMessaging.Model;

/// <summary>One of the measures of <see cref="MessageMetrics"/>.</summary>
public enum MessageMetric
{
    /// <summary>The visitor was sent the message.</summary>
    Sent = 0,

    /// <summary>The visitor clicked the message and viewed it.</summary>
    Opened,

    /// <summary>The visitor interacted with the bot or gave the agent the requested information.</summary>
    Replied,
}
