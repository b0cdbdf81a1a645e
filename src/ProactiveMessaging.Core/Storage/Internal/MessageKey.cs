namespace ProactiveMessaging.Storage.Internal;

/// <summary>A message within a workspace; compared ordinally.</summary>
internal readonly struct MessageKey(string workspaceId, string messageId) : IEquatable<MessageKey>
{
    public string WorkspaceId { get; } = workspaceId;

    public string MessageId { get; } = messageId;

    public bool Equals(MessageKey other) =>
        string.Equals(MessageId, other.MessageId, StringComparison.Ordinal)
        && string.Equals(WorkspaceId, other.WorkspaceId, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is MessageKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(WorkspaceId), StringComparer.Ordinal.GetHashCode(MessageId));
}
