using ProactiveMessaging.Lifecycle;

namespace WidgetHost;

/// <summary>The snapshot provider of the hosted Live sets: the demo shop and nothing else.</summary>
internal sealed class DemoShopWorkspaces : IWorkspaceSnapshotProvider
{
    private static readonly IReadOnlyCollection<string> Ids = [DemoShop.WorkspaceId];

    public ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken) => new(Ids);

    public ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken) =>
        new(workspaceId == DemoShop.WorkspaceId ? DemoShop.Snapshot : null);
}
