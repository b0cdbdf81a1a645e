using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Testing.Tests.Storage;

/// <summary>A metrics store that counts correctly but whose reads always answer zero.</summary>
internal sealed class ForgetfulReadsMetricsStore : IMetricsStore
{
    private readonly InMemoryMetricsStore _inner = new();

    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken) =>
        _inner.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);

    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) => new(MessageMetrics.Zero);
}

/// <summary>An experiment store that counts correctly but ignores the conversion window: every conversion after an exposure counts.</summary>
internal sealed class WindowlessExperimentStore : IExperimentStore
{
    private readonly InMemoryExperimentStore _inner = new();

    public ValueTask<bool> RecordExposureAsync(string workspaceId, string messageId, string armId, string visitorId, Instant now, CancellationToken cancellationToken) =>
        _inner.RecordExposureAsync(workspaceId, messageId, armId, visitorId, now, cancellationToken);

    public ValueTask<string?> RecordAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, Duration window, CancellationToken cancellationToken) =>
        _inner.RecordAsync(workspaceId, messageId, visitorId, metric, now, Duration.FromDays(10_000), cancellationToken);

    public ValueTask<ImmutableArray<ArmCounts>> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) =>
        _inner.GetAsync(workspaceId, messageId, cancellationToken);
}

/// <summary>A metrics store that throws on every call, as a store whose server is down.</summary>
internal sealed class ThrowingMetricsStore : IMetricsStore
{
    public static InvalidOperationException Failure { get; } = new("The metrics server is down.");

    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken) =>
        throw Failure;

    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) => throw Failure;
}

/// <summary>A frequency store with no memory: it reserves the first candidate every time.</summary>
internal sealed class AmnesiacFrequencyStore : IFrequencyStore
{
    public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken) =>
        new(new ReservationResult(ReservationStatus.Reserved, 0));

    public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken) =>
        new([.. Enumerable.Repeat(ReservationStatus.Reserved, request.Candidates.Length)]);

    public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken) =>
        new(true);
}

/// <summary>
/// An in-memory metrics store that is also disposable, counting how it was disposed; optionally
/// failing its disposal.
/// </summary>
internal sealed class DisposalTrackingMetricsStore(DisposalLog log, bool failDisposal = false) : IMetricsStore, IAsyncDisposable, IDisposable
{
    private readonly InMemoryMetricsStore _inner = new();

    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken) =>
        _inner.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);

    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) =>
        _inner.GetAsync(workspaceId, messageId, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Interlocked.Increment(ref log.AsyncDisposals);
        return failDisposal ? ValueTask.FromException(new IOException("The connection did not close.")) : ValueTask.CompletedTask;
    }

    public void Dispose() => Interlocked.Increment(ref log.SyncDisposals);
}

/// <summary>How the stores of a run were disposed.</summary>
internal sealed class DisposalLog
{
    public int AsyncDisposals;
    public int SyncDisposals;
    public int Created;
}
