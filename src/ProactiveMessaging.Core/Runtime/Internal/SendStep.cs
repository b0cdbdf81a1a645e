using System.Runtime.CompilerServices;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The last step of a decision: one frequency-store round trip reserves the first candidate the
/// frequency rules allow, the answer becomes the decision, and a send is counted in the metrics store.
/// </summary>
/// <remarks>Thread-safe. With stores that complete synchronously it neither awaits nor allocates.</remarks>
internal sealed class SendStep(EngineStores stores)
{
    public ValueTask<Decision> SendAsync(ReservationRequest request, CandidateBuffer candidates, PlannedMessage[] messages, VisitorEvent visitorEvent, CancellationToken cancellationToken)
    {
        var reserving = stores.ReserveAsync(request, cancellationToken);
        if (!reserving.IsCompletedSuccessfully)
        {
            return SendSlowAsync(reserving, candidates, messages, visitorEvent, request.Now, cancellationToken);
        }

        var answer = reserving.Result;
        var chosen = answer is { Status: ReservationStatus.Reserved } reserved ? candidates.Reserved(reserved, messages) : null;
        candidates.Return();
        return Decide(answer, chosen, visitorEvent, request.Now, cancellationToken);
    }

    /// <summary>The decision outcome of a frequency store's refusal.</summary>
    public static DecisionOutcome RefusalOutcome(ReservationStatus status) => status switch
    {
        ReservationStatus.FrequencyCapped => DecisionOutcome.FrequencyCapped,
        ReservationStatus.FatigueCapped => DecisionOutcome.FatigueCapped,
        ReservationStatus.AnotherMessageShowing => DecisionOutcome.AnotherMessageShowing,
        ReservationStatus.ConversationOpen => DecisionOutcome.ConversationOpen,
        _ => DecisionOutcome.StoreUnavailable,
    };

    // Out of line: inlined, the state machine of the slow path would be zeroed on every decision.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Decision> SendSlowAsync(ValueTask<ReservationResult?> reserving, CandidateBuffer candidates, PlannedMessage[] messages, VisitorEvent visitorEvent, Instant now, CancellationToken cancellationToken)
    {
        // A store that failed after going asynchronous (a time-out, say) may still read the
        // candidates: then the buffers are left to the collector rather than returned to the pool.
        if (await reserving.ConfigureAwait(false) is not { } answer)
        {
            return Decision.Nothing(DecisionOutcome.StoreUnavailable);
        }

        var chosen = answer.Status == ReservationStatus.Reserved ? candidates.Reserved(answer, messages) : null;
        candidates.Return();
        return await Decide(answer, chosen, visitorEvent, now, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<Decision> Decide(ReservationResult? answer, PlannedMessage? chosen, VisitorEvent visitorEvent, Instant now, CancellationToken cancellationToken)
    {
        if (chosen is null)
        {
            return new ValueTask<Decision>(Decision.Nothing(answer is { } refusal ? RefusalOutcome(refusal.Status) : DecisionOutcome.StoreUnavailable));
        }

        var decision = chosen.ShowTo(visitorEvent.Visitor);

        // Sent is counted at every send, not only the first to this visitor: the count is once per
        // visitor anyway, and a second send racing the first must not return before the visitor
        // counts as sent, or an open reported right after it would not count. The message is shown
        // even when the count failed: the send is already recorded.
        var counting = stores.CountAsync(visitorEvent.WorkspaceId, chosen.Candidate.MessageId, visitorEvent.VisitorId, MessageMetric.Sent, now, cancellationToken);
        if (!counting.IsCompleted)
        {
            return DecideAfterCountAsync(counting, decision);
        }

        // Read so that the caller's own cancellation, the one exception the count lets through, still surfaces.
        _ = counting.Result;
        return new ValueTask<Decision>(decision);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async ValueTask<Decision> DecideAfterCountAsync(ValueTask<bool> counting, Decision decision)
    {
        await counting.ConfigureAwait(false);
        return decision;
    }
}
