namespace ProactiveMessaging.Storage;

/// <summary>
/// Tells a node that a message store it shares with other nodes has changed, so that every node
/// applies another node's publish, pause, edit or reconciliation promptly. A shared store's package
/// provides one (the Redis registration does); the hosted Live sets (<c>AddHostedLiveSets</c>)
/// follow it when one is registered.
/// </summary>
/// <remarks>
/// <para>
/// Two halves, because notifications alone can be missed (a dropped connection, a node that was
/// down): <see cref="SubscribeAsync"/> pushes each change as it happens, and
/// <see cref="GetRevisionsAsync"/> reads each workspace's revision, a number that changes with
/// every stored change of the workspace, so a periodic check finds what a missed notification
/// did not say.
/// </para>
/// <para>Implementations must be thread-safe.</para>
/// </remarks>
public interface IMessageStoreChangeFeed
{
    /// <summary>
    /// Starts delivering notifications: <paramref name="onChanged"/> is called with the workspace id
    /// after each change of that workspace is stored (by any node, this one included). Deliveries
    /// may come on any thread, may repeat, and may be lost while the store is unreachable.
    /// </summary>
    /// <param name="onChanged">Called with the changed workspace's id; must return quickly and not throw.</param>
    /// <param name="cancellationToken">Cancels the subscription before it is in place.</param>
    /// <returns>The subscription; dispose it to stop the deliveries.</returns>
    ValueTask<IAsyncDisposable> SubscribeAsync(Action<string> onChanged, CancellationToken cancellationToken = default);

    /// <summary>Reads the current revision of each workspace: 0 for one never changed, then a number that changes with every stored change.</summary>
    /// <param name="workspaceIds">The workspaces.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The revisions, in the order of <paramref name="workspaceIds"/>.</returns>
    ValueTask<long[]> GetRevisionsAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken = default);
}
