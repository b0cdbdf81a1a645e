using System.Threading.Channels;
using ProactiveMessaging.Redis.Internal;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>The change feed's two halves on a real server and cluster: notifications and revisions.</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisChangeFeedTests(RedisServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("standalone")]
    [InlineData("cluster")]
    public async Task Subscribe_DeliversTheWorkspaceOfEachPublishedChange_UntilDisposed(string server)
    {
        var prefix = UniquePrefix();
        var feed = new RedisChangeFeed(servers[server], prefix);
        var received = Channel.CreateUnbounded<string>();
        var subscription = await feed.SubscribeAsync(id => received.Writer.TryWrite(id), Token);

        await servers[server].GetSubscriber().PublishAsync(RedisChannel.Literal(prefix + "changes"), "7 acme");
        Assert.Equal("acme", await received.Reader.ReadAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Token));

        await subscription.DisposeAsync();
        await servers[server].GetSubscriber().PublishAsync(RedisChannel.Literal(prefix + "changes"), "8 acme");
        await Task.Delay(200, Token);
        Assert.False(received.Reader.TryRead(out _));
    }

    [Theory]
    [InlineData("standalone")]
    [InlineData("cluster")]
    public async Task GetRevisions_ReadsEachWorkspacesCounter_ZeroWhenNeverWritten(string server)
    {
        var prefix = UniquePrefix();
        var database = servers[server].GetDatabase();
        await database.StringSetAsync(RedisChangeFeed.RevisionKey(prefix, "a"), 3);
        await database.StringSetAsync(RedisChangeFeed.RevisionKey(prefix, "b"), 41);

        var revisions = await new RedisChangeFeed(servers[server], prefix).GetRevisionsAsync(["b", "never", "a"], Token);

        Assert.Equal([41L, 0L, 3L], revisions);
    }

    [Theory]
    [InlineData("12 acme", true, "acme", 12)]
    [InlineData("0 a.b-c_d:e", true, "a.b-c_d:e", 0)]
    [InlineData("acme", false, "", 0)]
    [InlineData(" 1 acme", false, "", 0)]
    [InlineData("-1 acme", false, "", 0)]
    [InlineData("1 not valid", false, "not valid", 1)]
    [InlineData("1 ", false, "", 1)]
    [InlineData("", false, "", 0)]
    public void TryParseChange_ReadsRevisionAndWorkspace_AndRefusesAnythingElse(string payload, bool parsed, string workspaceId, long revision)
    {
        Assert.Equal(parsed, RedisChangeFeed.TryParseChange(payload, out var id, out var number));
        if (parsed)
        {
            Assert.Equal(workspaceId, id);
            Assert.Equal(revision, number);
        }
    }

    private static string UniquePrefix() => "feed-" + Guid.NewGuid().ToString("N")[..8] + ":";
}
