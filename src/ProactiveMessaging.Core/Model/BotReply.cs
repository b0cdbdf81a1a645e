namespace ProactiveMessaging.Model;

/// <summary>
/// A reply sent as the channel's bot: the text (emoji allowed), then the bot runs the
/// conversation from one of its published answers.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record BotReply : MessageReply
{
    /// <summary>Creates a bot reply.</summary>
    /// <param name="text">The launcher text.</param>
    /// <param name="answerId">The id of the published bot answer that runs the conversation.</param>
    public BotReply(LocalizedText text, string answerId)
        : base(text)
    {
        ArgumentNullException.ThrowIfNull(answerId);
        AnswerId = answerId;
    }

    /// <summary>Gets the id of the bot answer that starts when the visitor opens the message.</summary>
    public string AnswerId { get; init; }
}
