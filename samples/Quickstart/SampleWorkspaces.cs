using ProactiveMessaging.Lifecycle;

namespace Quickstart;

/// <summary>
/// What the messaging platform knows of the sample's one workspace. A real host reads its
/// workspaces, channels, bots and schedules from its own database or platform service here.
/// </summary>
public sealed class SampleWorkspaces(string id, WorkspaceSnapshot snapshot) : IWorkspaceSnapshotProvider
{
    public ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken) =>
        new([id]);

    public ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken) =>
        new(workspaceId == id ? snapshot : null);
}
