using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Testing.Storage.Internal;

/// <summary>
/// A frequency store and a workspace of the case's own, with the calls the frequency contract's
/// cases make in short form; the visitor is <c>visitor</c> unless named.
/// </summary>
internal sealed class FrequencyStoreSession(IFrequencyStore store, string workspaceId, CancellationToken cancellationToken)
{
    internal const string Visitor = "visitor";

    internal IFrequencyStore Store { get; } = store;

    internal string WorkspaceId { get; } = workspaceId;

    internal static async Task<FrequencyStoreSession> CreateAsync(ContractRun<IFrequencyStore> run) =>
        new(await run.CreateStoreAsync().ConfigureAwait(false), ContractRun<IFrequencyStore>.NewWorkspaceId(), run.Token);

    internal ValueTask<ReservationResult> Reserve(string visit, string pageView, Instant now, params FrequencyCandidate[] candidates) =>
        Send(Visitor, visit, pageView, now, FrequencyPolicy.Default, candidates);

    internal ValueTask<ReservationResult> Reserve(string visit, string pageView, Instant now, FrequencyCandidate candidate, FrequencyPolicy policy) =>
        Send(Visitor, visit, pageView, now, policy, [candidate]);

    internal ValueTask<ReservationResult> Send(string visitor, string visit, string pageView, Instant now, FrequencyPolicy policy, FrequencyCandidate[] candidates) =>
        Store.TryReserveAsync(Request(visitor, visit, pageView, now, policy, candidates), cancellationToken);

    internal ReservationRequest Request(string visitor, string visit, string pageView, Instant now, FrequencyPolicy policy, FrequencyCandidate[] candidates) =>
        new(WorkspaceId, visitor, visit, pageView, now, candidates, policy);

    internal ValueTask<bool> Outcome(string visitor, string visit, string? messageId, VisitorOutcome outcome, Instant now) =>
        Store.RecordOutcomeAsync(WorkspaceId, visitor, visit, messageId, outcome, now, cancellationToken);

    internal ValueTask<bool> Dismiss(string visit, string messageId, Instant now) =>
        Outcome(Visitor, visit, messageId, VisitorOutcome.Dismissed, now);

    internal async Task<ImmutableArray<ReservationStatus>> Preview(string visit, string pageView, Instant now, FrequencyPolicy policy, FrequencyCandidate[] candidates) =>
        await Store.PreviewAsync(Request(Visitor, visit, pageView, now, policy, candidates), cancellationToken).ConfigureAwait(false);
}
