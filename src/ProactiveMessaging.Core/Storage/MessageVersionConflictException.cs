using System.Globalization;

namespace ProactiveMessaging.Storage;

/// <summary>
/// Thrown when a write expected a message version that is no longer the stored one: someone else
/// changed the message since the caller read it. Nothing was written; read the message again,
/// reapply the change, and retry with the new version.
/// </summary>
public sealed class MessageVersionConflictException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="expectedVersion">The version the caller expected.</param>
    /// <param name="actualVersion">The version stored.</param>
    public MessageVersionConflictException(string workspaceId, string messageId, long expectedVersion, long actualVersion)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Message '{messageId}' of workspace '{workspaceId}' is at version {actualVersion}, not the expected version {expectedVersion}; nothing was written."))
    {
        WorkspaceId = workspaceId;
        MessageId = messageId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the workspace.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the message id.</summary>
    public string MessageId { get; }

    /// <summary>Gets the version the caller expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version that is stored.</summary>
    public long ActualVersion { get; }
}
