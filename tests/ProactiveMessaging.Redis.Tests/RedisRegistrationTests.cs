using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary><c>UseRedis</c>: the stores, the connection, the options and the start-up checks.</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisRegistrationTests(RedisServers servers)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UseRedis_WithAConfigurationString_ReplacesTheStoresOnOneConnectionItCreates()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging().UseRedis(servers.Standalone.Configuration);
        await using var provider = services.BuildServiceProvider();

        var connection = provider.GetRequiredService<IConnectionMultiplexer>();
        Assert.NotSame(servers.Standalone, connection);
        Assert.IsType<RedisFrequencyStore>(provider.GetRequiredService<IFrequencyStore>());
        Assert.IsType<RedisMetricsStore>(provider.GetRequiredService<IMetricsStore>());
        Assert.IsType<RedisExperimentStore>(provider.GetRequiredService<IExperimentStore>());
        Assert.IsType<RedisChangeFeed>(provider.GetRequiredService<IMessageStoreChangeFeed>());
        Assert.Same(provider.GetRequiredService<RedisMessageStore>(), provider.GetRequiredService<IMessageStore>());
        Assert.True(connection.IsConnected);
    }

    [Fact]
    public async Task UseRedis_WhenTheHostRegisteredAConnection_UsesIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton(servers.Standalone);
        services.AddProactiveMessaging().UseRedis(options => options.Configuration = "unused.invalid:1");
        await using var provider = services.BuildServiceProvider();

        Assert.Same(servers.Standalone, provider.GetRequiredService<IConnectionMultiplexer>());
        Assert.IsType<RedisFrequencyStore>(provider.GetRequiredService<IFrequencyStore>());
    }

    [Fact]
    public async Task UseRedis_WithoutAConfigurationOrAConnection_SaysWhatIsMissing()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging().UseRedis();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(provider.GetRequiredService<IFrequencyStore>);
        Assert.Contains("ProactiveMessagingRedisOptions.Configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseRedis_MakesTheEngineRequireVisitIds_UnlessTurnedOff()
    {
        var services = new ServiceCollection();
        services.AddSingleton(servers.Standalone);
        services.AddProactiveMessaging().UseRedis();
        await using var provider = services.BuildServiceProvider();
        Assert.True(provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value.RequireVisitIds);

        var sticky = new ServiceCollection();
        sticky.AddSingleton(servers.Standalone);
        sticky.AddProactiveMessaging().UseRedis(options => options.RequireVisitIds = false);
        await using var stickyProvider = sticky.BuildServiceProvider();
        Assert.False(stickyProvider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value.RequireVisitIds);
    }

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "configuration-blank", nameof(ProactiveMessagingRedisOptions.Configuration) },
        { "prefix-empty", nameof(ProactiveMessagingRedisOptions.KeyPrefix) },
        { "prefix-brace", nameof(ProactiveMessagingRedisOptions.KeyPrefix) },
        { "prefix-long", nameof(ProactiveMessagingRedisOptions.KeyPrefix) },
        { "idle-short", nameof(ProactiveMessagingRedisOptions.VisitorIdleTimeout) },
        { "idle-long", nameof(ProactiveMessagingRedisOptions.VisitorIdleTimeout) },
        { "attempts-zero", nameof(ProactiveMessagingRedisOptions.MaxAttempts) },
        { "cache-negative", nameof(ProactiveMessagingRedisOptions.LocalStateCacheSize) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task UseRedis_InvalidOptions_FailTheHostsStartNamingTheOption(string change, string option)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(servers.Standalone);
        builder.Services.AddProactiveMessaging().UseRedis(options =>
        {
            switch (change)
            {
                case "configuration-blank": options.Configuration = " "; break;
                case "prefix-empty": options.KeyPrefix = string.Empty; break;
                case "prefix-brace": options.KeyPrefix = "pm{1}:"; break;
                case "prefix-long": options.KeyPrefix = new string('p', 65); break;
                case "idle-short": options.VisitorIdleTimeout = TimeSpan.FromSeconds(59); break;
                case "idle-long": options.VisitorIdleTimeout = TimeSpan.FromDays(366); break;
                case "attempts-zero": options.MaxAttempts = 0; break;
                default: options.LocalStateCacheSize = -1; break;
            }
        });
        using var host = builder.Build();

        // The engine's options read the Redis options too, so the host may report the failure once for each.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(Token));

        var failures = error is AggregateException many ? many.InnerExceptions : [error];
        Assert.All(failures, failure => Assert.Contains(option, Assert.IsType<OptionsValidationException>(failure).Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("allkeys-lru", true)]
    [InlineData("allkeys-lfu", true)]
    [InlineData("allkeys-random", true)]
    [InlineData("noeviction", false)]
    [InlineData("volatile-lru", false)]
    [InlineData("volatile-ttl", false)]
    public void EvictionPolicy_OnlyTheAllKeysPoliciesAreUnsafe(string policy, bool unsafePolicy) =>
        Assert.Equal(unsafePolicy, RedisEvictionPolicyCheck.IsUnsafe(policy));

    [Fact]
    public void EvictionPolicy_IsReadFromTheMemorySectionOfInfo()
    {
        Assert.Equal("volatile-lfu", RedisEvictionPolicyCheck.PolicyFromInfo("# Memory\r\nused_memory:1\r\nmaxmemory_policy:volatile-lfu\r\nmem_fragmentation_ratio:1.2\r\n"));
        Assert.Null(RedisEvictionPolicyCheck.PolicyFromInfo("# Memory\r\nused_memory:1\r\n"));
        Assert.Null(RedisEvictionPolicyCheck.PolicyFromInfo(null));
    }

    [Fact]
    public async Task Start_OnAServerThatMayEvictAnyKey_IsRefusedNamingThePolicy_OrLoggedWhenAllowed()
    {
        await using var admin = await AdminAsync();
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var before = (await server.ConfigGetAsync("maxmemory-policy"))[0].Value;
        await server.ConfigSetAsync("maxmemory-policy", "allkeys-lru");
        try
        {
            using (var refused = BuildHost(allowUnsafe: false))
            {
                var error = await Assert.ThrowsAsync<InvalidOperationException>(() => refused.StartAsync(Token));
                Assert.Contains("allkeys-lru", error.Message, StringComparison.Ordinal);
            }

            using var allowed = BuildHost(allowUnsafe: true);
            await allowed.StartAsync(Token);
            Assert.Contains(allowed.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == 201);
            await allowed.StopAsync(Token);
        }
        finally
        {
            await server.ConfigSetAsync("maxmemory-policy", before);
        }
    }

    [Fact]
    public async Task Start_OnAServerThatEvictsOnlyExpiringKeys_Starts()
    {
        await using var admin = await AdminAsync();
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var before = (await server.ConfigGetAsync("maxmemory-policy"))[0].Value;
        await server.ConfigSetAsync("maxmemory-policy", "volatile-lru");
        try
        {
            using var host = BuildHost(allowUnsafe: false);
            await host.StartAsync(Token);
            Assert.DoesNotContain(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id is 201 or 202);
            await host.StopAsync(Token);
        }
        finally
        {
            await server.ConfigSetAsync("maxmemory-policy", before);
        }
    }

    [Fact]
    public async Task Start_WhileRedisIsAway_StartsAndSaysThePolicyWasNotChecked()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFakeLogging();

        // A loopback port nothing listens on: the connection keeps trying in the background.
        builder.Services.AddProactiveMessaging().UseRedis($"127.0.0.1:{FreePort()},connectTimeout=200");
        using var host = builder.Build();

        await host.StartAsync(Token);

        Assert.Contains(host.Services.GetFakeLogCollector().GetSnapshot(), record => record.Id.Id == 202);
        await host.StopAsync(Token);
    }

    /// <summary>A connection allowed to change the server's configuration; the stores' own connection never needs that.</summary>
    private Task<ConnectionMultiplexer> AdminAsync() => ConnectionMultiplexer.ConnectAsync(servers.Standalone.Configuration + ",allowAdmin=true");

    private IHost BuildHost(bool allowUnsafe)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton(servers.Standalone);
        builder.Services.AddProactiveMessaging().UseRedis(options => options.AllowUnsafeEvictionPolicy = allowUnsafe);
        return builder.Build();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
