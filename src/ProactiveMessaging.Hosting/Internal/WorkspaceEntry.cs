using ProactiveMessaging.Lifecycle;

namespace ProactiveMessaging.Hosting.Internal;

/// <summary>One known workspace: its last snapshot, what the engine was given, and how its last refresh went.</summary>
/// <remarks>
/// Every field but <see cref="Reconciled"/> is read and written under <see cref="Gate"/>, which
/// also makes each engine update of the workspace one step: the snapshot the listener reads and
/// the set it applies never interleave with the refresh loop's. <see cref="Reconciled"/> belongs to
/// the refresh loop, which refreshes a workspace once at a time.
/// </remarks>
internal sealed class WorkspaceEntry(string workspaceId)
{
    private int _queued;
    private int _storeChanged;

    public string WorkspaceId { get; } = workspaceId;

    public Lock Gate { get; } = new();

    /// <summary>Gets or sets the latest snapshot the provider gave; <see langword="null"/> until the first read.</summary>
    public WorkspaceSnapshot? Snapshot { get; set; }

    /// <summary>Gets or sets the version of the last Live set given to the engine; -1 before the first.</summary>
    public long AppliedVersion { get; set; } = -1;

    /// <summary>Gets or sets the snapshot the last Live set was given to the engine with.</summary>
    public WorkspaceSnapshot? AppliedSnapshot { get; set; }

    /// <summary>Gets or sets the last snapshot the catalog was reconciled with.</summary>
    public WorkspaceSnapshot? Reconciled { get; set; }

    public WorkspaceState State { get; set; }

    /// <summary>Gets or sets why the last load or refresh failed.</summary>
    public string? Failure { get; set; }

    /// <summary>
    /// Gets or sets the shared store's revision of the workspace read just before its last
    /// successful refresh began; <see langword="null"/> without a change feed or before the first.
    /// Belongs to the refresh loop.
    /// </summary>
    public long? LoadedRevision { get; set; }

    /// <summary>Notes that the store changed, so that the queued workspace is refreshed from the store rather than only applied.</summary>
    public void MarkStoreChanged() => Volatile.Write(ref _storeChanged, 1);

    /// <summary>Takes the note of <see cref="MarkStoreChanged"/>: <see langword="true"/> once per note.</summary>
    public bool TakeStoreChanged() => Interlocked.Exchange(ref _storeChanged, 0) == 1;

    /// <summary>Marks the workspace as queued for the refresh loop; <see langword="false"/> when it already is.</summary>
    public bool TryQueue() => Interlocked.Exchange(ref _queued, 1) == 0;

    /// <summary>Lets the workspace be queued again; the loop calls it before it handles the workspace.</summary>
    public void Dequeued() => Volatile.Write(ref _queued, 0);
}
