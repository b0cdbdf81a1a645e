using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>The Redis message store against the whole message store contract, on a standalone server and on a cluster.</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisMessageStoreTests(RedisServers servers)
{
    public static TheoryData<string, string> Cases() => RedisServers.OnEachServer(MessageStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task RedisMessageStore_Keeps(string server, string contractCase) =>
        MessageStoreContract.RunAsync(contractCase, _ => new(new RedisMessageStore(servers[server])), TestContext.Current.CancellationToken);
}
