using NodaTime;
using ProactiveMessaging.Testing.Frequency;
using ProactiveMessaging.Testing.Storage;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>The Redis frequency store against the whole frequency contract and the differential check, on a standalone server and on a cluster.</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisFrequencyStoreTests(RedisServers servers)
{
    public static TheoryData<string, string> Cases() => RedisServers.OnEachServer(FrequencyStoreContract.CaseNames);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task RedisFrequencyStore_Keeps(string server, string contractCase) =>
        FrequencyStoreContract.RunAsync(contractCase, _ => new(new RedisFrequencyStore(servers[server])), TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("standalone", 1)]
    [InlineData("cluster", 2)]
    public async Task RedisFrequencyStore_AgreesWithTheRules_OnRandomHistories(string server, int seed)
    {
        var options = new FrequencyCheckOptions
        {
            Sequences = 300,
            Seed = seed,
            VisitorIdleTimeout = Duration.FromHours(2),
            WorkspaceId = $"check-{Guid.NewGuid():N}",
        };
        var store = new RedisFrequencyStore(servers[server], new RedisFrequencyStoreOptions { VisitorIdleTimeout = TimeSpan.FromHours(2) });

        var report = await FrequencyStoreDifferentialCheck.RunAsync(store, options, TestContext.Current.CancellationToken);

        Assert.True(report.Agreed, report.ToString());
    }
}
