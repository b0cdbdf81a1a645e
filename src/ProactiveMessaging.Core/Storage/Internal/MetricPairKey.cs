namespace ProactiveMessaging.Storage.Internal;

/// <summary>A (message, visitor) pair within a workspace; compared ordinally. Building one allocates nothing.</summary>
internal readonly struct MetricPairKey(string workspaceId, string messageId, string visitorId) : IEquatable<MetricPairKey>
{
    public string WorkspaceId { get; } = workspaceId;

    public string MessageId { get; } = messageId;

    public string VisitorId { get; } = visitorId;

    public bool Equals(MetricPairKey other) =>
        string.Equals(VisitorId, other.VisitorId, StringComparison.Ordinal)
        && string.Equals(MessageId, other.MessageId, StringComparison.Ordinal)
        && string.Equals(WorkspaceId, other.WorkspaceId, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is MetricPairKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(WorkspaceId),
            StringComparer.Ordinal.GetHashCode(MessageId),
            StringComparer.Ordinal.GetHashCode(VisitorId));
}
