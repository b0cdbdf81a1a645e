namespace ProactiveMessaging.Runtime;

/// <summary>Who a proactive message is sent as.</summary>
public enum SenderKind
{
    /// <summary>The channel's default sender (agent replies).</summary>
    DefaultSender = 0,

    /// <summary>The channel's bot (bot replies).</summary>
    Bot,
}
