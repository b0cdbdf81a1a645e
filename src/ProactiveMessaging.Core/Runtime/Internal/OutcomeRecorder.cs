using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Records what happened after a decision: the frequency store first (it knows whether the message
/// was sent to the visitor), then, for an open or a reply it applied, the visitor's count (and, for
/// a Live message with experiment arms, the count in the visitor's arm).
/// </summary>
/// <remarks>Thread-safe. One clock reading per outcome serves both stores.</remarks>
internal sealed class OutcomeRecorder(EngineStores stores, VisitTracker visits, EnginePlans plans, TimeProvider timeProvider)
{
    public async ValueTask<OutcomeRecording> RecordAsync(OutcomeEvent outcomeEvent, CancellationToken cancellationToken)
    {
        if (!EventChecks.IsValid(outcomeEvent, visits.RequiresHostIds))
        {
            return OutcomeRecording.InvalidEvent;
        }

        var now = Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
        var visitId = visits.CurrentVisit(outcomeEvent.WorkspaceId, outcomeEvent.VisitorId, outcomeEvent.VisitId);
        var applied = await stores.RecordOutcomeAsync(outcomeEvent, visitId, now, cancellationToken).ConfigureAwait(false);
        if (applied is null)
        {
            return OutcomeRecording.StoreUnavailable;
        }

        // The frequency store records every send with its reservation and keeps it past idleness,
        // so it knows whether the message was sent to this visitor; the metrics store's answer
        // cannot tell "never sent" from "already counted".
        if (applied == false)
        {
            return OutcomeRecording.Ignored;
        }

        var metric = outcomeEvent.Outcome switch
        {
            VisitorOutcome.Opened => MessageMetric.Opened,
            VisitorOutcome.Replied => MessageMetric.Replied,
            _ => (MessageMetric?)null,
        };
        if (metric is { } measure && !await stores.CountAsync(outcomeEvent.WorkspaceId, outcomeEvent.MessageId!, outcomeEvent.VisitorId, measure, now, cancellationToken).ConfigureAwait(false))
        {
            return OutcomeRecording.StoreUnavailable;
        }

        // A Live message with experiment arms also counts the open or reply in the arm the visitor
        // was last sent (the store remembers it, so an edit of the weights since then changes nothing).
        if (metric is { } armMeasure && plans.ExperimentOf(outcomeEvent.WorkspaceId, outcomeEvent.MessageId!) is not null
            && !await stores.CountInArmAsync(outcomeEvent.WorkspaceId, outcomeEvent.MessageId!, outcomeEvent.VisitorId, armMeasure == MessageMetric.Opened ? ArmMetric.Opened : ArmMetric.Replied, now, Duration.Zero, cancellationToken).ConfigureAwait(false))
        {
            return OutcomeRecording.StoreUnavailable;
        }

        return OutcomeRecording.Recorded;
    }
}
