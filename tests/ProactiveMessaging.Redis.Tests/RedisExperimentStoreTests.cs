using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Testing.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>The Redis experiment store against the whole experiment contract, on a standalone server and on a cluster, and shared by two nodes.</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisExperimentStoreTests(RedisServers servers)
{
    private static readonly Instant Now = Instant.FromUtc(2025, 3, 10, 9, 0);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Cases() => RedisServers.OnEachServer(ExperimentStoreContract.CaseNames);

    public static TheoryData<string> Servers => new() { "standalone", "cluster" };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task RedisExperimentStore_Keeps(string server, string contractCase) =>
        ExperimentStoreContract.RunAsync(contractCase, _ => new(new RedisExperimentStore(servers[server])), Token);

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task TwoNodesFourThreadsEach_ExposingAndCountingTheSameVisitors_CountEachOncePerArmAndMeasure(string server)
    {
        const int Visitors = 5_000;
        const int ThreadsPerNode = 4;
        string[] arms = [ExperimentArms.Control, "blue", "red"];
        await using var otherConnection = await ConnectionMultiplexer.ConnectAsync(servers[server].Configuration);
        RedisExperimentStore[] nodes = [new(servers[server]), new(otherConnection)];
        var workspace = "ws-" + Guid.NewGuid().ToString("N");
        var exposed = 0;
        var converted = 0;

        // Each visitor is exposed and converts on both nodes, from every thread: the arm of visitor i is arms[i % 3].
        await Task.WhenAll(Enumerable.Range(0, 2 * ThreadsPerNode).Select(thread => Task.Run(
            async () =>
            {
                var store = nodes[thread % 2];
                for (var n = 0; n < Visitors; n++)
                {
                    var i = (n + (thread * 631)) % Visitors;
                    var visitor = $"visitor-{i}";
                    if (await store.RecordExposureAsync(workspace, "a", arms[i % 3], visitor, Now, Token))
                    {
                        Interlocked.Increment(ref exposed);
                    }

                    if (await store.RecordAsync(workspace, "a", visitor, ArmMetric.Converted, Now + Duration.FromDays(1), Duration.FromDays(7), Token) is not null)
                    {
                        Interlocked.Increment(ref converted);
                    }
                }
            },
            Token)));

        // 1,667 visitors in the control (i % 3 == 0), 1,667 in blue and 1,666 in red.
        ArmCounts[] expected = [new("blue", 1_667, 0, 0, 1_667), new(ExperimentArms.Control, 1_667, 0, 0, 1_667), new("red", 1_666, 0, 0, 1_666)];
        Assert.Equal(expected, await nodes[0].GetAsync(workspace, "a", Token));
        Assert.Equal(expected, await nodes[1].GetAsync(workspace, "a", Token));
        Assert.Equal((Visitors, Visitors), (exposed, converted));
    }
}
