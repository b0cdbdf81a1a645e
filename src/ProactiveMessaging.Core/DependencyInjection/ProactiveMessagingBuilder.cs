using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.DependencyInjection;

/// <summary>Returned by <c>AddProactiveMessaging</c>: replaces the stores the engine and catalog use.</summary>
/// <remarks>Use it while configuring services; not thread-safe.</remarks>
public sealed class ProactiveMessagingBuilder
{
    internal ProactiveMessagingBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Replaces the frequency store.</summary>
    /// <param name="factory">Creates the store once.</param>
    /// <returns>This builder.</returns>
    public ProactiveMessagingBuilder UseFrequencyStore(Func<IServiceProvider, IFrequencyStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Replaces the metrics store.</summary>
    /// <param name="factory">Creates the store once.</param>
    /// <returns>This builder.</returns>
    public ProactiveMessagingBuilder UseMetricsStore(Func<IServiceProvider, IMetricsStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Replaces the experiment store.</summary>
    /// <param name="factory">Creates the store once.</param>
    /// <returns>This builder.</returns>
    public ProactiveMessagingBuilder UseExperimentStore(Func<IServiceProvider, IExperimentStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Replaces the message store.</summary>
    /// <param name="factory">Creates the store once.</param>
    /// <returns>This builder.</returns>
    public ProactiveMessagingBuilder UseMessageStore(Func<IServiceProvider, IMessageStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }
}
