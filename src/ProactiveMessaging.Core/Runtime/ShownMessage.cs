using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// Everything a widget or app needs to show a Live message and to run what happens on open. Built
/// once when the message's plan is compiled, and shared by every decision that shows it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ShownMessage
{
    internal ShownMessage(ProactiveMessage message, PresentationKind presentation, SenderKind senderKind, string? senderName, string? botId, MessageVariant? variant = null)
    {
        MessageId = message.Id;
        VariantId = variant?.Id;
        MessageName = message.Name;
        Presentation = presentation;
        SenderKind = senderKind;
        SenderName = senderName;
        BotId = botId;
        Text = variant?.Text ?? message.Reply.Text;
        TicketTags = message.Rules.Tags;
        if (message.Reply is AgentReply agent)
        {
            AskForName = agent.AskForName;
            AskForEmail = agent.AskForEmail;
            FollowUp = variant?.FollowUp ?? agent.FollowUp;
        }
        else if (message.Reply is BotReply bot)
        {
            BotAnswerId = bot.AnswerId;
        }
    }

    /// <summary>Gets the message id (report it back with the outcomes).</summary>
    public string MessageId { get; }

    /// <summary>Gets the id of the variant shown (see <see cref="MessageVariant"/>), or <see langword="null"/> for a message without variants.</summary>
    public string? VariantId { get; }

    /// <summary>Gets the message name, for the host's own logs and admin views.</summary>
    public string MessageName { get; }

    /// <summary>Gets how the message is presented: a bubble above the launcher, or a local notification.</summary>
    public PresentationKind Presentation { get; }

    /// <summary>Gets who the message is sent as.</summary>
    public SenderKind SenderKind { get; }

    /// <summary>Gets the channel's default sender name, for an agent reply.</summary>
    public string? SenderName { get; }

    /// <summary>Gets the bot id, for a bot reply.</summary>
    public string? BotId { get; }

    /// <summary>Gets the launcher text with its language variants.</summary>
    public LocalizedText Text { get; }

    /// <summary>Gets a value indicating whether the visitor is asked for a name on open (agent reply).</summary>
    public bool AskForName { get; }

    /// <summary>Gets a value indicating whether the visitor is asked for an email address on open (agent reply).</summary>
    public bool AskForEmail { get; }

    /// <summary>Gets the follow-up text shown after the visitor gives the requested information, before the hand-over to an online agent (agent reply).</summary>
    public LocalizedText? FollowUp { get; }

    /// <summary>Gets the bot answer that starts when the visitor opens the message (bot reply).</summary>
    public string? BotAnswerId { get; }

    /// <summary>Gets the ticket tags added if the conversation creates a ticket.</summary>
    public ImmutableArray<string> TicketTags { get; }

    /// <summary>Gets a value indicating whether opening the message hands the conversation to an online agent (an agent reply).</summary>
    public bool HandsOverToAgent => SenderKind == SenderKind.DefaultSender;

    /// <inheritdoc/>
    public override string ToString() => $"{MessageId} ({Presentation}, {SenderKind})";
}
