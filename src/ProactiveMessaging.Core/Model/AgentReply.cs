namespace ProactiveMessaging.Model;

/// <summary>
/// A text-only reply sent as the channel's default sender; on open it may ask the visitor for a
/// name and an email address, then shows <see cref="FollowUp"/> and hands the conversation to an
/// online agent.
/// </summary>
/// <remarks>Immutable and thread-safe. Emoji are refused in the text and the follow-up.</remarks>
public sealed record AgentReply : MessageReply
{
    /// <summary>Creates an agent reply.</summary>
    /// <param name="text">The launcher text.</param>
    public AgentReply(LocalizedText text)
        : base(text)
    {
    }

    /// <summary>Gets a value indicating whether the visitor is asked for a name before the hand-over.</summary>
    public bool AskForName { get; init; }

    /// <summary>Gets a value indicating whether the visitor is asked for an email address before the hand-over.</summary>
    public bool AskForEmail { get; init; }

    /// <summary>
    /// Gets the message shown after the visitor gives the requested information; required when
    /// <see cref="AskForName"/> or <see cref="AskForEmail"/> is set.
    /// </summary>
    public LocalizedText? FollowUp { get; init; }
}
