using System.Globalization;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Internal;

/// <summary>
/// The message store's change feed on Redis: every write script of the message store increments
/// the workspace's revision (<c>{prefix}{{workspaceId}}:r</c>) and publishes
/// <c>"&lt;revision&gt; &lt;workspaceId&gt;"</c> on <c>{prefix}changes</c>; this reads both.
/// </summary>
/// <remarks>Thread-safe. Plain pub/sub reaches every node of a Redis Cluster, whichever node published.</remarks>
internal sealed class RedisChangeFeed(IConnectionMultiplexer connection, string keyPrefix) : IMessageStoreChangeFeed
{
    private readonly RedisChannel _channel = RedisChannel.Literal(keyPrefix + "changes");

    public async ValueTask<IAsyncDisposable> SubscribeAsync(Action<string> onChanged, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        cancellationToken.ThrowIfCancellationRequested();
        var subscriber = connection.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (channel, payload) =>
        {
            if (TryParseChange(payload, out var workspaceId, out _))
            {
                onChanged(workspaceId);
            }
        };
        await subscriber.SubscribeAsync(_channel, handler).ConfigureAwait(false);
        return new Subscription(subscriber, _channel, handler);
    }

    public async ValueTask<long[]> GetRevisionsAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspaceIds);
        var database = connection.GetDatabase();

        // One read per workspace, sent together: each workspace's keys are in their own cluster slot.
        var reads = new Task<RedisValue>[workspaceIds.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceIds[i]), nameof(workspaceIds));
            reads[i] = database.StringGetAsync(RevisionKey(keyPrefix, workspaceIds[i]));
        }

        var revisions = new long[reads.Length];
        for (var i = 0; i < reads.Length; i++)
        {
            var value = await reads[i].WaitAsync(cancellationToken).ConfigureAwait(false);
            revisions[i] = value.IsNull ? 0 : (long)value;
        }

        return revisions;
    }

    /// <summary>The key of a workspace's revision counter.</summary>
    internal static RedisKey RevisionKey(string keyPrefix, string workspaceId) => $"{keyPrefix}{{{workspaceId}}}:r";

    /// <summary>Reads a notification's payload: <c>"&lt;revision&gt; &lt;workspaceId&gt;"</c>.</summary>
    internal static bool TryParseChange(RedisValue payload, out string workspaceId, out long revision)
    {
        workspaceId = string.Empty;
        revision = 0;
        var text = (string?)payload;
        var space = text?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space <= 0 || !long.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out revision))
        {
            return false;
        }

        workspaceId = text![(space + 1)..];
        return IdRule.IsValid(workspaceId);
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
