using System.Collections.Immutable;

namespace ProactiveMessaging.Lifecycle;

/// <summary>What <see cref="MessageCatalog.ReconcileAsync"/> changed: the messages it moved to Error.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ReconciliationReport
{
    internal ReconciliationReport(string workspaceId, ImmutableArray<ReconciliationChange> changes, int checkedCount)
    {
        WorkspaceId = workspaceId;
        Changes = changes;
        CheckedCount = checkedCount;
    }

    /// <summary>Gets the workspace.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the messages moved to Error, ordered by message id (ordinal); empty when nothing changed.</summary>
    public ImmutableArray<ReconciliationChange> Changes { get; }

    /// <summary>Gets how many Live or Paused messages were checked.</summary>
    public int CheckedCount { get; }

    /// <summary>Gets a value indicating whether anything changed.</summary>
    public bool HasChanges => !Changes.IsEmpty;
}
