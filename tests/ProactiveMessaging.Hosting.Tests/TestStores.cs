using System.Collections.Immutable;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Hosting.Tests;

/// <summary>An in-memory message store that throws on every call while <see cref="Failing"/> is set.</summary>
internal sealed class FailingMessageStore : IMessageStore
{
    public InMemoryMessageStore Inner { get; } = new();

    public bool Failing { get; set; }

    public ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.GetAsync(workspaceId, messageId, cancellationToken);

    public ValueTask<ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.ListAsync(workspaceId, cancellationToken);

    public ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.InsertAsync(workspaceId, message, cancellationToken);

    public ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.InsertIfNameUnusedAsync(workspaceId, message, cancellationToken);

    public ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.ReplaceAsync(workspaceId, message, expectedVersion, cancellationToken);

    public ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.DeleteAsync(workspaceId, messageId, expectedVersion, cancellationToken);

    public ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.InitializeWorkspaceAsync(workspaceId, messages, cancellationToken);

    public ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.GetSettingsAsync(workspaceId, cancellationToken);

    public ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.SetSettingsAsync(workspaceId, settings, cancellationToken);

    public ValueTask ImportWorkspaceAsync(string workspaceId, WorkspaceSettings settings, IReadOnlyList<ProactiveMessage> inserted, IReadOnlyList<ProactiveMessage> replaced, CancellationToken cancellationToken = default) =>
        Failing ? throw Down() : Inner.ImportWorkspaceAsync(workspaceId, settings, inserted, replaced, cancellationToken);

    private static TimeoutException Down() => new("The message database does not answer.");
}

/// <summary>A frequency store that throws on every call.</summary>
internal sealed class ThrowingFrequencyStore : IFrequencyStore
{
    public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The frequency cluster is down.");

    public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The frequency cluster is down.");

    public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, NodaTime.Instant now, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The frequency cluster is down.");
}

/// <summary>A metrics store that throws on every call.</summary>
internal sealed class ThrowingMetricsStore : IMetricsStore
{
    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The metrics database is down.");

    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The metrics database is down.");
}

/// <summary>A metrics store whose reads never answer (and ignore cancellation), counting what the probe sees.</summary>
internal sealed class SilentMetricsStore : IMetricsStore
{
    private readonly TaskCompletionSource<MessageMetrics> _never = new();

    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken) =>
        new(true);

    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) => new(_never.Task);
}
