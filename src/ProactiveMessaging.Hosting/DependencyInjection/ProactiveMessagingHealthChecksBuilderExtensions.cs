using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Hosting;
using ProactiveMessaging.Hosting.Internal;
using ProactiveMessaging.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ProactiveMessaging health check.</summary>
public static class ProactiveMessagingHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that probes the message, frequency and metrics stores registered by
    /// <c>AddProactiveMessaging</c> and, when <c>AddHostedLiveSets</c> is registered too, reports how
    /// the Live set loading goes.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; <see langword="null"/> for <see cref="LiveSetHostingDefaults.HealthCheckName"/>. Adding a check of the same name again changes nothing.</param>
    /// <param name="failureStatus">The status reported for a failure; <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>); <see langword="null"/> for none.</param>
    /// <param name="storeTimeout">The deadline of each store probe; <see langword="null"/> for <see cref="LiveSetHostingDefaults.StoreProbeTimeout"/> (5 seconds).</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// <para>The result, in this order:</para>
    /// <list type="bullet">
    /// <item><paramref name="failureStatus"/>, naming each store that failed or did not answer in time.
    /// The message and metrics stores are read; the frequency store, which has no read, gets the end
    /// of a conversation that a probe visitor never had (it changes no visitor's state).</item>
    /// <item><paramref name="failureStatus"/> while start-up loading has not finished, when the hosted
    /// service stopped, when the workspace list was never read, or when no workspace could be loaded.</item>
    /// <item><see cref="HealthStatus.Degraded"/> when some workspaces failed their last load or refresh
    /// (named, up to five), or when the workspace list could not be read again.</item>
    /// <item><see cref="HealthStatus.Healthy"/> otherwise.</item>
    /// </list>
    /// <para>
    /// The data holds each store's answer (<c>messageStore</c>, <c>frequencyStore</c>,
    /// <c>metricsStore</c>) and, with the hosted service, <c>loading</c>, <c>workspacesLoaded</c>,
    /// <c>workspacesFailed</c>, <c>workspacesUnknown</c>, <c>workspacesPending</c> and
    /// <c>lastRefresh</c> (when the last load or refresh of every known workspace ended).
    /// </para>
    /// </remarks>
    public static IHealthChecksBuilder AddProactiveMessaging(
        this IHealthChecksBuilder builder,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? storeTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        name ??= LiveSetHostingDefaults.HealthCheckName;
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var timeout = storeTimeout ?? LiveSetHostingDefaults.StoreProbeTimeout;
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(storeTimeout), storeTimeout, "The store probe time-out must be positive.");
        }

        var tagList = tags?.ToArray() ?? [];
        var registration = new HealthCheckRegistration(
            name,
            provider => new ProactiveMessagingHealthCheck(
                provider.GetRequiredService<IMessageStore>(),
                provider.GetRequiredService<IFrequencyStore>(),
                provider.GetRequiredService<IMetricsStore>(),
                provider.GetRequiredService<TimeProvider>(),
                timeout,
                provider.GetService<LiveSetTracker>()),
            failureStatus,
            tagList);

        // Registered through the options rather than builder.Add, so that a second call with the
        // same name is ignored instead of failing when the checks run.
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (!options.Registrations.Any(r => string.Equals(r.Name, registration.Name, StringComparison.Ordinal)))
            {
                options.Registrations.Add(registration);
            }
        });
        return builder;
    }
}
