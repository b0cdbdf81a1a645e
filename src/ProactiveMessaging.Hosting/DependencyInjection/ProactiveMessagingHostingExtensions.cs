using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProactiveMessaging.DependencyInjection;
using ProactiveMessaging.Hosting;
using ProactiveMessaging.Hosting.Internal;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the hosted service that keeps the engine's plans in step with the catalog's Live sets.</summary>
public static class ProactiveMessagingHostingExtensions
{
    /// <summary>
    /// Registers a hosted service that, at start, loads the Live sets of the workspaces that
    /// <typeparamref name="TProvider"/> lists into the engine, then keeps the engine current as the
    /// catalog changes and refreshes every <see cref="LiveSetHostingOptions.RefreshInterval"/>; the
    /// provider is registered as a singleton <see cref="IWorkspaceSnapshotProvider"/>.
    /// </summary>
    /// <typeparam name="TProvider">The host's snapshot provider.</typeparam>
    /// <param name="builder">The builder <c>AddProactiveMessaging</c> returned.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Each part is added only when missing, so calling it again only adds the configuration, and a
    /// provider the host registered itself is kept. The options are validated when the host starts.
    /// The engine and catalog are the ones registered in the container. See docs/hosting.md.
    /// </remarks>
    public static ProactiveMessagingBuilder AddHostedLiveSets<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this ProactiveMessagingBuilder builder, Action<LiveSetHostingOptions>? configure = null)
        where TProvider : class, IWorkspaceSnapshotProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IWorkspaceSnapshotProvider, TProvider>();
        return AddHostedLiveSetsCore(builder, configure);
    }

    /// <summary>
    /// Registers the hosted Live set service (see <see cref="AddHostedLiveSets{TProvider}"/>) with a
    /// provider instance, unless the host registered an <see cref="IWorkspaceSnapshotProvider"/> already.
    /// </summary>
    /// <param name="builder">The builder <c>AddProactiveMessaging</c> returned.</param>
    /// <param name="provider">The host's snapshot provider.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ProactiveMessagingBuilder AddHostedLiveSets(this ProactiveMessagingBuilder builder, IWorkspaceSnapshotProvider provider, Action<LiveSetHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        builder.Services.TryAddSingleton(provider);
        return AddHostedLiveSetsCore(builder, configure);
    }

    /// <summary>
    /// Registers the hosted Live set service (see <see cref="AddHostedLiveSets{TProvider}"/>) with a
    /// provider factory, called once, unless the host registered an <see cref="IWorkspaceSnapshotProvider"/> already.
    /// </summary>
    /// <param name="builder">The builder <c>AddProactiveMessaging</c> returned.</param>
    /// <param name="factory">Creates the host's snapshot provider.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    public static ProactiveMessagingBuilder AddHostedLiveSets(this ProactiveMessagingBuilder builder, Func<IServiceProvider, IWorkspaceSnapshotProvider> factory, Action<LiveSetHostingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.TryAddSingleton(factory);
        return AddHostedLiveSetsCore(builder, configure);
    }

    private static ProactiveMessagingBuilder AddHostedLiveSetsCore(ProactiveMessagingBuilder builder, Action<LiveSetHostingOptions>? configure)
    {
        var services = builder.Services;
        var options = services.AddOptions<LiveSetHostingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveSetHostingOptions>, LiveSetHostingOptionsValidator>());
        services.TryAddSingleton(provider => new LiveSetTracker(
            provider.GetRequiredService<MessageCatalog>(),
            provider.GetRequiredService<ProactiveEngine>(),
            provider.GetRequiredService<IOptions<LiveSetHostingOptions>>(),
            provider.GetService<ILogger<LiveSetTracker>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LiveSetHostedService>(provider => new LiveSetHostedService(
            provider.GetRequiredService<LiveSetTracker>(),
            provider.GetRequiredService<MessageCatalog>(),
            provider.GetRequiredService<IWorkspaceSnapshotProvider>(),
            provider.GetRequiredService<IOptions<LiveSetHostingOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<LiveSetHostedService>>(),
            provider.GetService<IMessageStoreChangeFeed>())));
        return builder;
    }
}
