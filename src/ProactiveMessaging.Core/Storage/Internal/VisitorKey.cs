namespace ProactiveMessaging.Storage.Internal;

/// <summary>A visitor within a workspace; compared ordinally. Building one allocates nothing.</summary>
internal readonly struct VisitorKey(string workspaceId, string visitorId) : IEquatable<VisitorKey>
{
    public string WorkspaceId { get; } = workspaceId;

    public string VisitorId { get; } = visitorId;

    public bool Equals(VisitorKey other) =>
        string.Equals(VisitorId, other.VisitorId, StringComparison.Ordinal)
        && string.Equals(WorkspaceId, other.WorkspaceId, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is VisitorKey other && Equals(other);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(WorkspaceId), StringComparer.Ordinal.GetHashCode(VisitorId));
}
