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
        var feed = new RedisChangeFeed(servers[server], new RedisMessageStore(servers[server], prefix));
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
        var store = new RedisMessageStore(servers[server], UniquePrefix());
        var settings = new ProactiveMessaging.Model.WorkspaceSettings("a") { Name = "A" };
        await store.SetSettingsAsync("a", settings, Token);
        await store.SetSettingsAsync("b", settings with { Id = "b" }, Token);
        await store.SetSettingsAsync("b", settings with { Id = "b", Name = "B" }, Token);

        var revisions = await new RedisChangeFeed(servers[server], store).GetRevisionsAsync(["b", "never", "a"], Token);

        Assert.Equal([2L, 0L, 1L], revisions);
    }

    private static string UniquePrefix() => "feed-" + Guid.NewGuid().ToString("N")[..8] + ":";
}
