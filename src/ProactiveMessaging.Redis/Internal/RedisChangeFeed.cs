using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Internal;

/// <summary>
/// The <see cref="RedisMessageStore"/>'s change feed: every write script of the store increments
/// the workspace's revision and publishes <c>"&lt;revision&gt; &lt;workspaceId&gt;"</c> on its
/// changes channel; this follows the channel and reads the revisions.
/// </summary>
/// <remarks>Thread-safe. Plain pub/sub reaches every node of a Redis Cluster, whichever node published.</remarks>
internal sealed class RedisChangeFeed(IConnectionMultiplexer connection, RedisMessageStore store) : IMessageStoreChangeFeed
{
    public async ValueTask<IAsyncDisposable> SubscribeAsync(Action<string> onChanged, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        cancellationToken.ThrowIfCancellationRequested();
        var subscriber = connection.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (channel, payload) =>
        {
            if (RedisMessageStore.TryParseChange(payload, out var workspaceId, out _))
            {
                onChanged(workspaceId);
            }
        };
        await subscriber.SubscribeAsync(store.ChangesChannel, handler).ConfigureAwait(false);
        return new Subscription(subscriber, store.ChangesChannel, handler);
    }

    public async ValueTask<long[]> GetRevisionsAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspaceIds);

        // All reads are sent before the first answer is awaited: one round trip's wait for the lot.
        var reads = new Task<long>[workspaceIds.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = store.GetRevisionAsync(workspaceIds[i]).AsTask();
        }

        return await Task.WhenAll(reads).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
    private sealed class Subscription(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                try
                {
                    await subscriber.UnsubscribeAsync(channel, handler).ConfigureAwait(false);
                }
                catch (RedisException)
                {
                    // The server is away: the handler is removed locally all the same, and no
                    // subscription survives on a server that lost the connection.
                }
            }
        }
    }
}
