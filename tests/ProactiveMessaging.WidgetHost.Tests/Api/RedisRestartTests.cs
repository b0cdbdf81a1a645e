using System.Net;
using StackExchange.Redis;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

public sealed class RedisRestartTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_OnRedis_KeepsTheCatalogStatusesAndTheCounts()
    {
        var redis = TestRedis.Address();
        // A prefix of its own, so that this test never meets another run's keys on the shared server.
        var prefix = $"pm:widget-test:{Guid.NewGuid():N}:";
        string[] settings = [$"--WidgetHost:Redis={redis}", $"--WidgetHost:RedisKeyPrefix={prefix}"];
        try
        {
            await using (var first = await ApiHost.StartAsync(settings))
            {
                var (published, _) = await first.ActionAsync("winter-sale", "publish", 1);
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);
                var (_, shown) = await first.SendEventAsync(ApiHost.Event("v-redis", "/checkout", 31));
                Assert.Equal("show", (string?)shown!["outcome"]);
                await first.RecordOutcomeAsync("v-redis", "checkout-help", "opened");
            }

            await using var second = await ApiHost.StartAsync(settings);
            var items = await second.ListAsync();

            Assert.Equal(8, items.Count);
            var byId = items.ToDictionary(i => (string)i!["id"]!, i => i!);
            Assert.Equal("live", (string?)byId["winter-sale"]["status"]);
            Assert.Equal(2, (long)byId["winter-sale"]["version"]!);
            Assert.Equal("live", (string?)byId["checkout-help"]["status"]);
            Assert.Equal("paused", (string?)byId["homepage-welcome"]["status"]);
            Assert.Equal(1, (long)byId["checkout-help"]["sent"]!);
            Assert.Equal(1, (long)byId["checkout-help"]["opened"]!);
            // The frequency state survived too: once per visit still holds for that visit.
            await second.RecordOutcomeAsync("v-redis", "checkout-help", "windowClosed");
            var (_, again) = await second.SendEventAsync(ApiHost.Event("v-redis", "/checkout", 45));
            Assert.Equal("frequencyCapped", (string?)again!["outcome"]);
        }
        finally
        {
            await TestRedis.DeleteKeysAsync(redis, prefix);
        }
    }
}

/// <summary>
/// The test Redis server that scripts/prepare-test-services.sh starts: its address from PROACTIVE_REDIS
/// or artifacts/test-services/env. Without one the test skips, unless PROACTIVE_REQUIRE_SERVICES is set
/// (./build.sh test sets it): then a missing server fails the test.
/// </summary>
internal static class TestRedis
{
    private const string Variable = "PROACTIVE_REDIS";

    public static string Address()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address)
        {
            return address;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "artifacts", "test-services", "env");
            if (File.Exists(file))
            {
                foreach (var line in File.ReadAllLines(file))
                {
                    if (line.StartsWith(Variable + "=", StringComparison.Ordinal))
                    {
                        return line[(Variable.Length + 1)..];
                    }
                }
            }
        }

        var reason = $"No Redis server: {Variable} is not set (run ./build.sh test, or scripts/prepare-test-services.sh first).";
        if (Environment.GetEnvironmentVariable("PROACTIVE_REQUIRE_SERVICES") is { Length: > 0 })
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        throw new InvalidOperationException(reason);
    }

    public static async Task DeleteKeysAsync(string address, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(address);
        foreach (var endpoint in connection.GetEndPoints())
        {
            var server = connection.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
            {
                await connection.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }
}
