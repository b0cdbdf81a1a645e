using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Hosting.Internal;

/// <summary>
/// Probes the message, frequency and metrics stores, each with a cheap call under a deadline, and
/// reports how the hosted Live set loading goes when it is registered.
/// </summary>
/// <remarks>
/// <para>
/// The probes touch a workspace, visitor and message id that nothing else uses
/// (<see cref="ProbeId"/>). The message store is read (<see cref="IMessageStore.GetAsync"/>) and
/// the metrics store too (<see cref="IMetricsStore.GetAsync"/>). The frequency store has no read:
/// it is probed by ending the conversation of the probe visitor, who never has one
/// (<see cref="VisitorOutcome.ConversationEnded"/>), a round trip that changes no visitor's state (the
/// in-memory store returns without writing; a shared store clears a flag that was never set).
/// </para>
/// <para>Thread-safe; the probes of one check run at the same time.</para>
/// </remarks>
internal sealed class ProactiveMessagingHealthCheck : IHealthCheck
{
    /// <summary>The workspace, visitor, visit and message id of the probes.</summary>
    public const string ProbeId = "proactive-messaging-health-probe";

    private const int MaxFailedIdsShown = 5;

    private readonly IMessageStore _messages;
    private readonly IFrequencyStore _frequency;
    private readonly IMetricsStore _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _probeTimeout;
    private readonly LiveSetTracker? _tracker;

    public ProactiveMessagingHealthCheck(
        IMessageStore messages,
        IFrequencyStore frequency,
        IMetricsStore metrics,
        TimeProvider timeProvider,
        TimeSpan probeTimeout,
        LiveSetTracker? tracker)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _messages = messages;
        _frequency = frequency;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _probeTimeout = probeTimeout;
        _tracker = tracker;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var message = ProbeAsync(ct => _messages.GetAsync(ProbeId, ProbeId, ct), cancellationToken);
        var frequency = ProbeAsync(ct => _frequency.RecordOutcomeAsync(ProbeId, ProbeId, ProbeId, null, VisitorOutcome.ConversationEnded, NodaTime.Instant.FromDateTimeOffset(_timeProvider.GetUtcNow()), ct), cancellationToken);
        var metrics = ProbeAsync(ct => _metrics.GetAsync(ProbeId, ProbeId, ct), cancellationToken);
        Probe[] probes = [new("message", await message.ConfigureAwait(false)), new("frequency", await frequency.ConfigureAwait(false)), new("metrics", await metrics.ConfigureAwait(false))];

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            data[probe.Store + "Store"] = probe.Failure is null ? "reachable" : probe.Failure.Reason;
        }

        var unreachable = probes.Where(static p => p.Failure is not null).ToArray();
        LiveSetStatus? status = _tracker?.GetStatus();
        if (status is { } loading)
        {
            data["loading"] = loading.Phase.ToString();
            data["workspacesLoaded"] = loading.Loaded;
            data["workspacesFailed"] = loading.Failed;
            data["workspacesUnknown"] = loading.Unknown;
            data["workspacesPending"] = loading.Pending;
            if (loading.LastRefresh is { } last)
            {
                data["lastRefresh"] = last;
            }
        }

        if (unreachable.Length > 0)
        {
            var names = string.Join(" and ", unreachable.Select(static p => p.Store));
            var reasons = string.Join("; ", unreachable.Select(static p => $"{p.Store}: {p.Failure!.Reason}"));
            var description = $"The {names} store{(unreachable.Length > 1 ? "s" : "")} cannot be reached ({reasons}).";
            return new HealthCheckResult(failureStatus, description, unreachable[0].Failure!.Exception, data);
        }

        return status is { } state ? Judge(state, failureStatus, data) : HealthCheckResult.Healthy("Every store answered.", data);
    }

    private static HealthCheckResult Judge(LiveSetStatus status, HealthStatus failureStatus, Dictionary<string, object> data)
    {
        switch (status.Phase)
        {
            case LoadingPhase.NotStarted:
                return new HealthCheckResult(failureStatus, "Every store answered, but Live set loading has not started.", data: data);
            case LoadingPhase.Loading:
                return new HealthCheckResult(failureStatus, "Every store answered, but start-up loading of the Live sets has not finished.", data: data);
            case LoadingPhase.Stopped:
                return new HealthCheckResult(failureStatus, "Live set loading has stopped: the engine no longer follows the catalog.", data: data);
        }

        if (!status.Listed)
        {
            return new HealthCheckResult(failureStatus, $"The workspace list could not be read ({status.ListingFailure}): no Live set was loaded.", data: data);
        }

        if (status.Failed > 0)
        {
            var shown = string.Join(", ", status.FailedIds.Take(MaxFailedIdsShown));
            var more = status.Failed > MaxFailedIdsShown ? string.Create(CultureInfo.InvariantCulture, $" and {status.Failed - MaxFailedIdsShown} more") : "";
            var text = string.Create(CultureInfo.InvariantCulture, $"{status.Failed} of {status.Loaded + status.Failed} workspaces failed to load or refresh ({shown}{more}).");

            // Some workspaces serve their Live messages: degraded. None does: the node cannot do its work.
            return new HealthCheckResult(status.Loaded > 0 ? HealthStatus.Degraded : failureStatus, text, data: data);
        }

        if (status.ListingFailure is not null)
        {
            return HealthCheckResult.Degraded($"The workspace list could not be read again ({status.ListingFailure}); the known workspaces are still refreshed.", data: data);
        }

        return HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Every store answered; {status.Loaded} workspaces loaded."), data);
    }

    private Task<ProbeFailure?> ProbeAsync<T>(Func<CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken) =>
        ProbeAsync(async ct => { _ = await read(ct).ConfigureAwait(false); }, cancellationToken);

    private async Task<ProbeFailure?> ProbeAsync(Func<CancellationToken, ValueTask> probe, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_probeTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // The wait is cancelled too: a store that ignores its token still cannot hold the check.
            await probe(linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new ProbeFailure(string.Create(CultureInfo.InvariantCulture, $"no answer within {_probeTimeout.TotalSeconds:0.###} s"), null);
        }
#pragma warning disable CA1031 // Any failure of a store is the answer the check reports, not an error of the check.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new ProbeFailure($"{exception.GetType().Name}: {exception.Message}", exception);
        }
    }

    private sealed record ProbeFailure(string Reason, Exception? Exception);

    private sealed record Probe(string Store, ProbeFailure? Failure);
}
