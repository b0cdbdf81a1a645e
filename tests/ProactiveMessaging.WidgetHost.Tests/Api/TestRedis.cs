using StackExchange.Redis;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

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
