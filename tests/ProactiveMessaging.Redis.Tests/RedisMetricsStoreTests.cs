using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>The Redis metrics store against the whole metrics contract, on a standalone server and on a cluster.</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisMetricsStoreTests(RedisServers servers)
{
    public static TheoryData<string, string> Cases() => RedisServers.OnEachServer(MetricsStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task RedisMetricsStore_Keeps(string server, string contractCase) =>
        MetricsStoreContract.RunAsync(contractCase, _ => new(new RedisMetricsStore(servers[server])), TestContext.Current.CancellationToken);
}
