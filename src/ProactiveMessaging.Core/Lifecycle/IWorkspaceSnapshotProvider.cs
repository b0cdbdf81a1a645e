namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// What the messaging platform knows of its workspaces, supplied by the host: which workspaces a
/// node serves, and for each one its <see cref="WorkspaceSnapshot"/> (channels, bots, schedules).
/// Hosting code reads it to load the catalog's Live sets into the engine at start and to keep them
/// current; tools read it to check messages against the real workspace.
/// </summary>
/// <remarks>
/// <para>
/// Both methods are asynchronous because hosts usually read a database or a platform service;
/// they are called from background work, never on the decision path. They should honour the
/// cancellation token: callers bound each call with a deadline and cancel it when the host stops.
/// An exception is treated as a failed read that is retried later, never as a reason to stop.
/// </para>
/// <para>Implementations must be thread-safe: different workspaces may be read at the same time.</para>
/// </remarks>
public interface IWorkspaceSnapshotProvider
{
    /// <summary>Lists the workspaces whose Live messages a node serves; their Live sets are loaded at start.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The workspace ids, each once; the order does not matter.</returns>
    ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken);

    /// <summary>Reads a workspace as the messaging platform knows it now.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The snapshot, or <see langword="null"/> when the platform does not know the workspace (then
    /// nothing is loaded or changed for it).
    /// </returns>
    ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken);
}
