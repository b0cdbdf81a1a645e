using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>
/// The Redis servers the tests run against, started by scripts/prepare-test-services.sh: their
/// addresses come from the environment (PROACTIVE_REDIS, PROACTIVE_REDIS_CLUSTER) or, when the
/// tests run on their own after the script, from artifacts/test-services/env. Without them, the
/// tests skip with the reason, unless PROACTIVE_REQUIRE_SERVICES is set (./build.sh test sets it):
/// then a missing server is a failure, never a silent skip.
/// </summary>
public sealed class RedisServers : IAsyncLifetime
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Addresses = new(ReadAddresses);

    private const string NoServers = "No Redis servers: run the tests with ./build.sh test, which starts them (scripts/prepare-test-services.sh).";

    private IConnectionMultiplexer? _standalone;
    private IConnectionMultiplexer? _cluster;

    /// <summary>Gets the connection to the standalone server; skips the test when there is none.</summary>
    public IConnectionMultiplexer Standalone => _standalone ?? SkipOrFail();

    /// <summary>Gets the connection to the three-primary cluster; skips the test when there is none.</summary>
    public IConnectionMultiplexer Cluster => _cluster ?? SkipOrFail();

    public IConnectionMultiplexer this[string kind] => kind == "cluster" ? Cluster : Standalone;

    /// <summary>Every contract case on each server kind, one test case each.</summary>
    public static TheoryData<string, string> OnEachServer(IEnumerable<string> caseNames)
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "standalone", "cluster" })
        {
            foreach (var name in caseNames)
            {
                data.Add(kind, name);
            }
        }

        return data;
    }

    private static bool Required => Environment.GetEnvironmentVariable("PROACTIVE_REQUIRE_SERVICES") is { Length: > 0 };

    public async ValueTask InitializeAsync()
    {
        if (!Required && !Addresses.Value.ContainsKey("PROACTIVE_REDIS"))
        {
            return;
        }

        _standalone = await ConnectAsync("PROACTIVE_REDIS");
        _cluster = await ConnectAsync("PROACTIVE_REDIS_CLUSTER");
    }

    public async ValueTask DisposeAsync()
    {
        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static IConnectionMultiplexer SkipOrFail()
    {
        Assert.Skip(NoServers);
        throw new InvalidOperationException(NoServers);
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string variable)
    {
        if (!Addresses.Value.TryGetValue(variable, out var endpoints))
        {
            throw new InvalidOperationException($"{variable} is not set. {NoServers}");
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
