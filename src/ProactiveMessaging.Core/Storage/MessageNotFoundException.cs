namespace ProactiveMessaging.Storage;

/// <summary>Thrown by an <see cref="IMessageStore"/> when a write names a message that does not exist.</summary>
public sealed class MessageNotFoundException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id that was not found.</param>
    public MessageNotFoundException(string workspaceId, string messageId)
        : base($"Workspace '{workspaceId}' has no message '{messageId}'.")
    {
        WorkspaceId = workspaceId;
        MessageId = messageId;
    }

    /// <summary>Gets the workspace.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the message id that was not found.</summary>
    public string MessageId { get; }
}
