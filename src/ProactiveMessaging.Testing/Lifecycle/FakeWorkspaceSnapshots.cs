using System.Collections.Concurrent;
using ProactiveMessaging.Lifecycle;

namespace ProactiveMessaging.Testing.Lifecycle;

/// <summary>
/// An <see cref="IWorkspaceSnapshotProvider"/> whose workspaces a test sets as it goes: what the
/// messaging platform would answer, changed between two refreshes of a host, with failures on demand.
/// </summary>
/// <remarks>
/// Thread-safe: a test may change it while a host reads it. A change is seen by the next read.
/// </remarks>
public sealed class FakeWorkspaceSnapshots : IWorkspaceSnapshotProvider
{
    private readonly ConcurrentDictionary<string, Entry> _workspaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>Creates a provider that knows no workspace.</summary>
    public FakeWorkspaceSnapshots()
    {
    }

    /// <summary>Creates a provider that knows and lists one workspace.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="snapshot">Its snapshot.</param>
    public FakeWorkspaceSnapshots(string workspaceId, WorkspaceSnapshot snapshot)
    {
        Set(workspaceId, snapshot);
    }

    /// <summary>Sets a workspace's snapshot: the next read of it answers this one.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="listed">
    /// Whether <see cref="GetWorkspaceIdsAsync"/> lists the workspace (the workspaces a node loads at
    /// start); an unlisted one is still answered when asked for by id.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="workspaceId"/> breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public void Set(string workspaceId, WorkspaceSnapshot snapshot, bool listed = true)
    {
        if (!IdRule.IsValid(workspaceId))
        {
            throw new ArgumentException($"The workspace id '{workspaceId}' breaks the id rule.", nameof(workspaceId));
        }

        ArgumentNullException.ThrowIfNull(snapshot);
        _workspaces.AddOrUpdate(
            workspaceId,
            static (_, state) => new Entry(state.snapshot, state.listed, Failure: null),
            static (_, entry, state) => entry with { Snapshot = state.snapshot, Listed = state.listed },
            (snapshot, listed));
    }

    /// <summary>Forgets a workspace: it is no longer listed, and reads of it answer <see langword="null"/>.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <returns><see langword="true"/> when the provider knew the workspace.</returns>
    public bool Remove(string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        return _workspaces.TryRemove(workspaceId, out _);
    }

    /// <summary>
    /// Makes every read of a workspace throw <paramref name="failure"/> (a platform that is down),
    /// or, with <see langword="null"/>, answer again.
    /// </summary>
    /// <param name="workspaceId">The workspace id; the provider need not know it.</param>
    /// <param name="failure">The exception reads throw, or <see langword="null"/> to stop failing.</param>
    public void SetReadFailure(string workspaceId, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        _workspaces.AddOrUpdate(
            workspaceId,
            static (_, failure) => new Entry(Snapshot: null, Listed: false, failure),
            static (_, entry, failure) => entry with { Failure = failure },
            failure);
    }

    /// <summary>Gets how many times a workspace's snapshot was read, failed reads included.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <returns>The number of reads.</returns>
    public int ReadCount(string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        return _reads.GetValueOrDefault(workspaceId);
    }

    /// <inheritdoc/>
    /// <remarks>The listed workspaces that have a snapshot, in ordinal order.</remarks>
    public ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var listed = _workspaces.Where(static w => w.Value is { Listed: true, Snapshot: not null }).Select(static w => w.Key).Order(StringComparer.Ordinal).ToArray();
        return new ValueTask<IReadOnlyCollection<string>>(listed);
    }

    /// <inheritdoc/>
    public ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        cancellationToken.ThrowIfCancellationRequested();
        _reads.AddOrUpdate(workspaceId, 1, static (_, n) => n + 1);
        if (!_workspaces.TryGetValue(workspaceId, out var entry))
        {
            return new ValueTask<WorkspaceSnapshot?>((WorkspaceSnapshot?)null);
        }

        return entry.Failure is { } failure
            ? ValueTask.FromException<WorkspaceSnapshot?>(failure)
            : new ValueTask<WorkspaceSnapshot?>(entry.Snapshot);
    }

    private sealed record Entry(WorkspaceSnapshot? Snapshot, bool Listed, Exception? Failure);
}
