using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>
/// The Redis servers the tests run against, started by scripts/prepare-test-services.sh: their
/// addresses come from the environment (PROACTIVE_REDIS, PROACTIVE_REDIS_CLUSTER) or, when the
/// tests run on their own after the script, from artifacts/test-services/env.
/// </summary>
public sealed class RedisServers : IAsyncLifetime
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Addresses = new(ReadAddresses);

    /// <summary>Gets the connection to the standalone server.</summary>
    public IConnectionMultiplexer Standalone { get; private set; } = null!;

    /// <summary>Gets the connection to the three-primary cluster.</summary>
    public IConnectionMultiplexer Cluster { get; private set; } = null!;

    public IConnectionMultiplexer this[string kind] => kind == "cluster" ? Cluster : Standalone;

    public async ValueTask InitializeAsync()
    {
        Standalone = await ConnectAsync("PROACTIVE_REDIS");
        Cluster = await ConnectAsync("PROACTIVE_REDIS_CLUSTER");
    }

    public async ValueTask DisposeAsync()
    {
        await Standalone.DisposeAsync();
        await Cluster.DisposeAsync();
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string variable)
    {
        if (!Addresses.Value.TryGetValue(variable, out var endpoints))
        {
            throw new InvalidOperationException($"{variable} is not set: run the tests with ./build.sh test, which starts the Redis servers (scripts/prepare-test-services.sh).");
        }

        var options = ConfigurationOptions.Parse(endpoints);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5_000;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static Dictionary<string, string> ReadAddresses()
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "PROACTIVE_REDIS", "PROACTIVE_REDIS_CLUSTER" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                found[name] = value;
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && found.Count < 2; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "artifacts", "test-services", "env");
            if (File.Exists(file))
            {
                foreach (var line in File.ReadAllLines(file))
                {
                    var at = line.IndexOf('=', StringComparison.Ordinal);
                    if (at > 0)
                    {
                        found.TryAdd(line[..at], line[(at + 1)..]);
                    }
                }

                break;
            }
        }

        return found;
    }
}

[CollectionDefinition(nameof(SharedRedisServers))]
public sealed class SharedRedisServers : ICollectionFixture<RedisServers>;
