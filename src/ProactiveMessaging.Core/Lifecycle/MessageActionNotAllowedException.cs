using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// Thrown by <see cref="MessageActionResult.EnsureSucceeded"/> when the message's status does not
/// allow the action (see <see cref="MessageActions"/>). Nothing was changed.
/// </summary>
public sealed class MessageActionNotAllowedException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="status">The message's status, which does not allow the action.</param>
    /// <param name="action">The refused action.</param>
    public MessageActionNotAllowedException(string messageId, MessageStatus status, MessageAction action)
        : base($"{action} is not allowed for message '{messageId}' because it is {status}; {status} allows {string.Join(", ", MessageActions.AllowedFor(status))}.")
    {
        MessageId = messageId;
        Status = status;
        Action = action;
    }

    /// <summary>Gets the message id.</summary>
    public string MessageId { get; }

    /// <summary>Gets the status that does not allow the action.</summary>
    public MessageStatus Status { get; }

    /// <summary>Gets the refused action.</summary>
    public MessageAction Action { get; }
}
