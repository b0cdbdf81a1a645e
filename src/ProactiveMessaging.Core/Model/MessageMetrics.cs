namespace ProactiveMessaging.Model;

/// <summary>
/// What happened to a message, counted in visitors: each visitor counts once per message for each
/// measure, however many times it happened.
/// </summary>
/// <param name="Sent">Visitors the message was sent to.</param>
/// <param name="Opened">Visitors who clicked the message and viewed it.</param>
/// <param name="Replied">Visitors who interacted with the bot or gave the agent the requested information.</param>
public readonly record struct MessageMetrics(long Sent, long Opened, long Replied)
{
    /// <summary>Gets metrics with every count zero.</summary>
    public static MessageMetrics Zero => default;
}
