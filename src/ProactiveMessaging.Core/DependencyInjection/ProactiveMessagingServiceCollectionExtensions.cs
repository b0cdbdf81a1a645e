using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProactiveMessaging;
using ProactiveMessaging.DependencyInjection;
using ProactiveMessaging.DependencyInjection.Internal;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ProactiveMessaging.Core in a service collection.</summary>
public static class ProactiveMessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the catalog, the engine, the in-memory stores and the clock, each only when the
    /// host has not registered its own, with options validated when the host starts. Calling it
    /// again only adds the extra configuration. The catalog and the engine are built from the same
    /// options (fields, validation limits) and share the metrics and experiment stores, so the
    /// catalog accepts exactly what the engine compiles and lists the counts the engine records.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>A builder to replace the stores (for example with a shared Redis store).</returns>
    public static ProactiveMessagingBuilder AddProactiveMessaging(this IServiceCollection services, Action<ProactiveMessagingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ProactiveMessagingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProactiveMessagingOptions>, ProactiveMessagingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessageStore, InMemoryMessageStore>();
        services.TryAddSingleton<IFrequencyStore>(_ => new InMemoryFrequencyStore());
        services.TryAddSingleton<IMetricsStore>(_ => new InMemoryMetricsStore());
        services.TryAddSingleton<IExperimentStore>(_ => new InMemoryExperimentStore());
        // The validator, the catalog and the engine read the fields and the limits from the same
        // options, and the catalog lists the counts of the metrics store the engine records into.
        services.TryAddSingleton(provider => provider.GetRequiredService<MessageCatalog>().Validator);
        services.TryAddSingleton(provider => new MessageCatalog(
            provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<IMetricsStore>(),
            provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            logger: provider.GetService<ILogger<MessageCatalog>>(),
            experimentStore: provider.GetRequiredService<IExperimentStore>()));
        services.TryAddSingleton(provider => new ProactiveEngine(
            provider.GetRequiredService<IFrequencyStore>(),
            provider.GetRequiredService<IMetricsStore>(),
            provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<ProactiveEngine>>(),
            provider.GetService<IMeterFactory>(),
            provider.GetRequiredService<IExperimentStore>()));
        return new ProactiveMessagingBuilder(services);
    }
}
