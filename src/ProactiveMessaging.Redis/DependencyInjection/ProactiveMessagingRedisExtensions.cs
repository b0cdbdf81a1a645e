using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProactiveMessaging;
using ProactiveMessaging.DependencyInjection;
using ProactiveMessaging.Redis;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis stores, for hosts that run the engine on many nodes.</summary>
public static class ProactiveMessagingRedisExtensions
{
    /// <summary>
    /// Replaces the message, frequency, metrics and experiment stores with Redis ones that every node shares,
    /// registers the message store's change feed (which the hosted Live sets follow, so that
    /// another node's change reaches this node's engine within a second), makes the engine require
    /// the host's visit and page view ids, and checks the servers' eviction policy at start.
    /// </summary>
    /// <param name="builder">The builder <c>AddProactiveMessaging</c> returned.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults, which use the host's connection.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// <para>
    /// The stores share one <see cref="IConnectionMultiplexer"/>: the one the host registered, or
    /// else one created from <see cref="ProactiveMessagingRedisOptions.Configuration"/> (and
    /// registered for the host's other uses). The options are validated when the host starts.
    /// </para>
    /// <para>
    /// Keep <c>AddHostedLiveSets</c> on every node: it loads the current Live sets at start and
    /// follows the change feed. See docs/redis.md.
    /// </para>
    /// </remarks>
    public static ProactiveMessagingBuilder UseRedis(this ProactiveMessagingBuilder builder, Action<ProactiveMessagingRedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<ProactiveMessagingRedisOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProactiveMessagingRedisOptions>, ProactiveMessagingRedisOptionsValidator>());
        services.TryAddSingleton(CreateConnection);

        // Without the host's ids, each node would track visits and page views of its own.
        services.AddOptions<ProactiveMessagingOptions>().Configure<IOptions<ProactiveMessagingRedisOptions>>(static (engine, redis) =>
        {
            if (redis.Value.RequireVisitIds)
            {
                engine.RequireVisitIds = true;
            }
        });

        builder.UseFrequencyStore(static provider =>
        {
            var redis = provider.GetRequiredService<IOptions<ProactiveMessagingRedisOptions>>().Value;
            return new RedisFrequencyStore(provider.GetRequiredService<IConnectionMultiplexer>(), new RedisFrequencyStoreOptions
            {
                KeyPrefix = redis.KeyPrefix,
                VisitorIdleTimeout = redis.VisitorIdleTimeout,
                MaxAttempts = redis.MaxAttempts,
                LocalStateCacheSize = redis.LocalStateCacheSize,
            });
        });
        builder.UseMetricsStore(static provider => new RedisMetricsStore(provider.GetRequiredService<IConnectionMultiplexer>(), KeyPrefix(provider)));
        builder.UseExperimentStore(static provider => new RedisExperimentStore(provider.GetRequiredService<IConnectionMultiplexer>(), KeyPrefix(provider)));
        services.Replace(ServiceDescriptor.Singleton(static provider =>
        {
            // The store reads back what the catalog wrote, so it validates with the catalog's fields and limits.
            var engine = provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value;
            return new RedisMessageStore(provider.GetRequiredService<IConnectionMultiplexer>(), new RedisMessageStoreOptions
            {
                KeyPrefix = KeyPrefix(provider),
                Fields = engine.Fields,
                Validation = engine.Validation,
            });
        }));
        builder.UseMessageStore(static provider => provider.GetRequiredService<RedisMessageStore>());
        services.Replace(ServiceDescriptor.Singleton<IMessageStoreChangeFeed>(static provider => new RedisChangeFeed(provider.GetRequiredService<IConnectionMultiplexer>(), provider.GetRequiredService<RedisMessageStore>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisEvictionPolicyCheck>());
        return builder;
    }

    /// <summary>
    /// Replaces the stores with Redis ones on the <see cref="IConnectionMultiplexer"/> the host
    /// registered, with the default options (see <see cref="UseRedis(ProactiveMessagingBuilder, Action{ProactiveMessagingRedisOptions})"/>).
    /// </summary>
    /// <param name="builder">The builder <c>AddProactiveMessaging</c> returned.</param>
    /// <returns>The builder.</returns>
    public static ProactiveMessagingBuilder UseRedis(this ProactiveMessagingBuilder builder) => builder.UseRedis(configure: null);

    /// <summary>
    /// Replaces the stores with Redis ones on a connection made from a StackExchange.Redis
    /// configuration string, unless the host registered an <see cref="IConnectionMultiplexer"/>
    /// (see <see cref="UseRedis(ProactiveMessagingBuilder, Action{ProactiveMessagingRedisOptions})"/>).
    /// </summary>
    /// <param name="builder">The builder <c>AddProactiveMessaging</c> returned.</param>
    /// <param name="configuration">The configuration string, for example <c>localhost:6379</c>.</param>
    /// <returns>The builder.</returns>
    public static ProactiveMessagingBuilder UseRedis(this ProactiveMessagingBuilder builder, string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return builder.UseRedis(options => options.Configuration = configuration);
    }

    private static string KeyPrefix(IServiceProvider provider) => provider.GetRequiredService<IOptions<ProactiveMessagingRedisOptions>>().Value.KeyPrefix;

    private static IConnectionMultiplexer CreateConnection(IServiceProvider provider)
    {
        var configuration = provider.GetRequiredService<IOptions<ProactiveMessagingRedisOptions>>().Value.Configuration
            ?? throw new InvalidOperationException(
                "UseRedis needs a connection: set ProactiveMessagingRedisOptions.Configuration, or register an IConnectionMultiplexer before the stores are used.");

        // Returns at once even while the server is away: the connection keeps trying in the background.
        return ConnectionMultiplexer.Connect(RedisConnectionSettings.ForEngine(configuration));
    }
}
