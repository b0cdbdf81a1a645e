using System.Runtime.CompilerServices;
using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The last step of a decision: one frequency-store round trip reserves the first candidate the
/// frequency rules allow, the answer becomes the decision, and a send is counted in the metrics store
/// (and, for a message with experiment arms, in its arm).
/// </summary>
/// <remarks>
/// <para>
/// A candidate of a visitor in a message's control group is offered flagged as held out. When the
/// rules would reserve it, the store answers <see cref="ReservationStatus.HeldOut"/> instead (it
/// records the hold-out for the message's own frequency only, nothing showing): the visitor is
/// counted in the control arm, exactly where a send would have
/// been counted, and the store is asked again with the candidates after it, so that the next
/// qualifying message in priority order may still be shown.
/// </para>
/// <para>Thread-safe. With stores that complete synchronously it neither awaits nor allocates.</para>
/// </remarks>
internal sealed class SendStep(EngineStores stores)
{
    public ValueTask<Decision> SendAsync(ReservationRequest request, CandidateBuffer candidates, PlannedMessage[] messages, VisitorEvent visitorEvent, CancellationToken cancellationToken)
    {
        var reserving = stores.ReserveAsync(request, cancellationToken);
        if (!reserving.IsCompletedSuccessfully)
        {
            return SendSlowAsync(reserving, request, candidates, messages, visitorEvent, cancellationToken);
        }

        var answer = reserving.Result;
        if (answer is { Status: ReservationStatus.HeldOut } heldOut)
        {
            return AfterHoldOutAsync(heldOut, request, candidates, messages, visitorEvent, cancellationToken);
        }

        var chosen = answer is { Status: ReservationStatus.Reserved } reserved ? candidates.Reserved(reserved, messages) : null;
        candidates.Return();
        return Decide(answer, chosen, heldOut: false, visitorEvent, request.Now, cancellationToken);
    }

    /// <summary>The decision outcome of a frequency store's refusal.</summary>
    public static DecisionOutcome RefusalOutcome(ReservationStatus status) => status switch
    {
        ReservationStatus.FrequencyCapped => DecisionOutcome.FrequencyCapped,
        ReservationStatus.FatigueCapped => DecisionOutcome.FatigueCapped,
        ReservationStatus.AnotherMessageShowing => DecisionOutcome.AnotherMessageShowing,
        ReservationStatus.ConversationOpen => DecisionOutcome.ConversationOpen,
        ReservationStatus.HeldOut => DecisionOutcome.HeldOut,
        _ => DecisionOutcome.StoreUnavailable,
    };

    // Out of line: inlined, the state machine of the slow path would be zeroed on every decision.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Decision> SendSlowAsync(ValueTask<ReservationResult?> reserving, ReservationRequest request, CandidateBuffer candidates, PlannedMessage[] messages, VisitorEvent visitorEvent, CancellationToken cancellationToken)
    {
        // A store that failed after going asynchronous (a time-out, say) may still read the
        // candidates: then the buffers are left to the collector rather than returned to the pool.
        if (await reserving.ConfigureAwait(false) is not { } answer)
        {
            return Decision.Nothing(DecisionOutcome.StoreUnavailable);
        }

        if (answer.Status == ReservationStatus.HeldOut)
        {
            return await AfterHoldOutAsync(answer, request, candidates, messages, visitorEvent, cancellationToken).ConfigureAwait(false);
        }

        var chosen = answer.Status == ReservationStatus.Reserved ? candidates.Reserved(answer, messages) : null;
        candidates.Return();
        return await Decide(answer, chosen, heldOut: false, visitorEvent, request.Now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After the store held out a candidate: the visitor is counted in that message's control arm,
    /// and the store is asked again with the candidates after it, until one is reserved, none is
    /// left, or the store refuses.
    /// </summary>
    /// <remarks>Out of line and completes synchronously (without allocating) with synchronous stores.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Decision> AfterHoldOutAsync(ReservationResult heldOut, ReservationRequest request, CandidateBuffer candidates, PlannedMessage[] messages, VisitorEvent visitorEvent, CancellationToken cancellationToken)
    {
        var offset = 0;
        ReservationResult? answer = heldOut;
        while (answer is { Status: ReservationStatus.HeldOut } held)
        {
            var index = offset + held.CandidateIndex;
            var message = candidates.At(index, messages).Message;
            await stores.ExposeAsync(request.WorkspaceId, message.Id, ExperimentArms.Control, request.VisitorId, request.Now, cancellationToken).ConfigureAwait(false);
            offset = index + 1;
            if (offset >= candidates.Count)
            {
                candidates.Return();
                return Decision.Nothing(DecisionOutcome.HeldOut);
            }

            var rest = new ReservationRequest(request.WorkspaceId, request.VisitorId, request.VisitId, request.PageViewId, request.Now, request.Candidates[offset..], request.Policy);
            var reserving = stores.ReserveAsync(rest, cancellationToken);
            answer = reserving.IsCompletedSuccessfully ? reserving.Result : await reserving.ConfigureAwait(false);
            if (answer is null && !reserving.IsCompletedSuccessfully)
            {
                // As in SendSlowAsync: a store that failed after going asynchronous may still read the candidates.
                return Decision.Nothing(DecisionOutcome.StoreUnavailable);
            }
        }

        var chosen = answer is { Status: ReservationStatus.Reserved } reserved ? candidates.At(offset + reserved.CandidateIndex, messages) : null;
        candidates.Return();
        return await Decide(answer, chosen, heldOut: true, visitorEvent, request.Now, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<Decision> Decide(ReservationResult? answer, PlannedMessage? chosen, bool heldOut, VisitorEvent visitorEvent, Instant now, CancellationToken cancellationToken)
    {
        if (chosen is null)
        {
            // Held out from one message and no other sent: the visitor's answer is the hold-out
            // (a failing store still says so: the control was counted before it failed).
            return new ValueTask<Decision>(Decision.Nothing(
                heldOut ? DecisionOutcome.HeldOut
                : answer is { } refusal ? RefusalOutcome(refusal.Status)
                : DecisionOutcome.StoreUnavailable));
        }

        var shown = chosen.ShownTo(visitorEvent.VisitorId);
        var decision = PlannedMessage.ShowTo(visitorEvent.Visitor, shown);

        // Sent is counted at every send, not only the first to this visitor: the count is once per
        // visitor anyway, and a second send racing the first must not return before the visitor
        // counts as sent, or an open reported right after it would not count. The message is shown
        // even when the count failed: the send is already recorded.
        var counting = stores.CountAsync(visitorEvent.WorkspaceId, chosen.Candidate.MessageId, visitorEvent.VisitorId, MessageMetric.Sent, now, cancellationToken);
        if (chosen.Experiment is { HasArms: true })
        {
            return CountExposureAsync(counting, visitorEvent, shown, now, decision, cancellationToken);
        }

        if (!counting.IsCompleted)
        {
            return DecideAfterCountAsync(counting, decision);
        }

        // Read so that the caller's own cancellation, the one exception the count lets through, still surfaces.
        _ = counting.Result;
        return new ValueTask<Decision>(decision);
    }

    /// <summary>The send counted in the metrics store, then the exposure in the visitor's arm (its variant, or the treatment).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Decision> CountExposureAsync(ValueTask<bool> counting, VisitorEvent visitorEvent, ShownMessage shown, Instant now, Decision decision, CancellationToken cancellationToken)
    {
        await counting.ConfigureAwait(false);
        await stores.ExposeAsync(visitorEvent.WorkspaceId, shown.MessageId, PlannedExperiment.ArmOf(shown), visitorEvent.VisitorId, now, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async ValueTask<Decision> DecideAfterCountAsync(ValueTask<bool> counting, Decision decision)
    {
        await counting.ConfigureAwait(false);
        return decision;
    }
}
