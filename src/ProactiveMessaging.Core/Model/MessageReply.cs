namespace ProactiveMessaging.Model;

/// <summary>
/// What a message says and who says it: an <see cref="AgentReply"/> sent as the channel's default
/// sender, or a <see cref="BotReply"/> sent as the channel's bot. The set of kinds is closed.
/// </summary>
public abstract record MessageReply
{
    private protected MessageReply(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>Gets the text shown above the launcher (or in the notification), with its language variants.</summary>
    public LocalizedText Text { get; init; }
}
