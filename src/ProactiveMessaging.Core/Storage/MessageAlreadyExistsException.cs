namespace ProactiveMessaging.Storage;

/// <summary>Thrown by <see cref="IMessageStore.InsertAsync"/> when the workspace already has a message with the id.</summary>
public sealed class MessageAlreadyExistsException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The id already in use.</param>
    public MessageAlreadyExistsException(string workspaceId, string messageId)
        : base($"Workspace '{workspaceId}' already has a message '{messageId}'.")
    {
        WorkspaceId = workspaceId;
        MessageId = messageId;
    }

    /// <summary>Gets the workspace.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the id already in use.</summary>
    public string MessageId { get; }
}
