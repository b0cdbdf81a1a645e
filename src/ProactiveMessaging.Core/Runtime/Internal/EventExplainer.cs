using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Explains what a decision would be for an event, message by message, without changing anything:
/// the same checks, plan, timing and store answers as deciding, with the plain reference
/// interpreter for the conditions and a read-only store call.
/// </summary>
/// <remarks>Thread-safe. For tools and support: it allocates.</remarks>
internal sealed class EventExplainer(EnginePlans plans, VisitTracker visits, EngineStores stores, FrequencyPolicy policy, TimeProvider timeProvider)
{
    public async ValueTask<EventExplanation> ExplainAsync(VisitorEvent visitorEvent, CancellationToken cancellationToken)
    {
        var now = Instant.FromDateTimeOffset(timeProvider.GetUtcNow());
        if (EventChecks.Check(visitorEvent, plans.Fields, visits.RequiresHostIds) is { } problem)
        {
            return new EventExplanation(Decision.Invalid(problem), [], now, storeFailure: null);
        }

        if (plans.Find(visitorEvent, out var workspaceFields, out _) is not { } plan)
        {
            return new EventExplanation(Decision.Nothing(plans.NotFound(visitorEvent.WorkspaceId)), [], now, storeFailure: null);
        }

        if (EventChecks.CheckWorkspaceFields(visitorEvent.Visitor, workspaceFields, plans.Fields) is { } mismatch)
        {
            return new EventExplanation(Decision.Invalid(mismatch), [], now, storeFailure: null);
        }

        var messages = plan.Messages;
        if (messages.Length == 0)
        {
            return new EventExplanation(Decision.Nothing(DecisionOutcome.NoLiveMessage), [], now, storeFailure: null);
        }

        var visitor = visitorEvent.Visitor;
        visitor.SetNow(now);
        var timing = new EventTiming(plan.Hours, now);
        var timings = new TimingVerdict[messages.Length];
        var windows = new CampaignWindowVerdict[messages.Length];
        var conditions = new ConditionExplanation[messages.Length];
        var offered = new FrequencyCandidate[messages.Length];
        var experiments = new ExperimentExplanation?[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            timings[i] = timing.Judge(messages[i].Timing);
            windows[i] = JudgeWindow(messages[i], now);
            conditions[i] = messages[i].Conditions.Explain(visitor);
            experiments[i] = ExplainExperiment(messages[i], visitorEvent.VisitorId);
            offered[i] = messages[i].Candidate with { HeldOut = experiments[i]?.HeldOut ?? false };
        }

        // The ids the decision would use, worked out without recording the event's activity.
        var (visitId, pageViewId) = visits.Peek(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitorEvent.VisitId, visitorEvent.PageViewId, visitorEvent.Kind == VisitorEventKind.PageView, now);
        var request = new ReservationRequest(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitId, pageViewId, now, offered, policy);
        var (statuses, storeFailure) = await stores.PreviewAsync(request, cancellationToken).ConfigureAwait(false);

        var (decision, chosen) = Decide(messages, timings, windows, conditions, experiments, statuses, visitorEvent);
        var explained = ImmutableArray.CreateBuilder<MessageExplanation>(messages.Length);
        for (var i = 0; i < messages.Length; i++)
        {
            var frequency = statuses.IsDefault ? FrequencyVerdict.StoreUnavailable : FrequencyVerdictOf(statuses[i], messages[i].Message.Frequency);
            explained.Add(new MessageExplanation(messages[i].Message, timings[i], windows[i], conditions[i], frequency, wouldShow: i == chosen, experiments[i]));
        }

        return new EventExplanation(decision, explained.MoveToImmutable(), now, storeFailure);
    }

    /// <summary>
    /// The decision from the same steps as deciding: the candidates are the messages whose timing,
    /// campaign window and conditions hold, and the store's answer for them is the first one it would send.
    /// </summary>
    private static (Decision Decision, int Chosen) Decide(PlannedMessage[] messages, TimingVerdict[] timings, CampaignWindowVerdict[] windows, ConditionExplanation[] conditions, ExperimentExplanation?[] experiments, ImmutableArray<ReservationStatus> statuses, in VisitorEvent visitorEvent)
    {
        var firstCandidate = -1;
        var leftOut = false;
        var heldOut = false;
        var timingAllowsAny = false;
        var windowAllowsAny = false;
        var holdOutsideTiming = false;
        var holdOutsideWindow = false;
        for (var i = 0; i < messages.Length; i++)
        {
            var timingAllows = timings[i] == TimingVerdict.Allowed;
            var windowAllows = windows[i] is CampaignWindowVerdict.NoWindow or CampaignWindowVerdict.Inside;
            timingAllowsAny |= timingAllows;
            windowAllowsAny |= timingAllows && windowAllows;
            holdOutsideTiming |= !timingAllows && conditions[i].Result;
            holdOutsideWindow |= timingAllows && !windowAllows && conditions[i].Result;
            if (timingAllows && windowAllows && conditions[i].Result)
            {
                if (experiments[i] is { InRollout: false })
                {
                    leftOut = true;
                    continue;
                }

                firstCandidate = firstCandidate < 0 ? i : firstCandidate;

                // A held-out candidate the rules would send counts in the control and the next one is asked.
                if (!statuses.IsDefault && statuses[i] == ReservationStatus.HeldOut)
                {
                    heldOut = true;
                }
                else if (!statuses.IsDefault && statuses[i] == ReservationStatus.Reserved)
                {
                    return (PlannedMessage.ShowTo(visitorEvent.Visitor, messages[i].ShownTo(visitorEvent.VisitorId)), i);
                }
            }
        }

        return firstCandidate < 0
            ? (Decision.Nothing(leftOut ? DecisionOutcome.NotInRollout : CandidateSearch.NothingOutcome(timingAllowsAny, windowAllowsAny, holdOutsideTiming, holdOutsideWindow)), -1)
            : (Decision.Nothing(statuses.IsDefault ? DecisionOutcome.StoreUnavailable : heldOut ? DecisionOutcome.HeldOut : SendStep.RefusalOutcome(statuses[firstCandidate])), -1);
    }

    /// <summary>Where the visitor falls in a message's experiment, or <see langword="null"/> for a message without one.</summary>
    private static ExperimentExplanation? ExplainExperiment(PlannedMessage message, string visitorId)
    {
        if (message.Experiment is not { } experiment)
        {
            return null;
        }

        var positions = experiment.PositionsOf(visitorId);
        var variant = experiment.HasVariants ? experiment.Experiment.Variants[experiment.VariantIndex(positions)].Id : null;
        return new ExperimentExplanation(
            experiment.Experiment.RolloutPercent,
            Percent(positions.Rollout),
            experiment.Experiment.HoldoutPercent,
            Percent(positions.Holdout),
            Percent(positions.Variant),
            variant);
    }

    private static decimal Percent(int basisPoints) => basisPoints / 100m;

    /// <summary>The verdict of a message's campaign window at the explanation's clock reading, from the instants the plan resolved.</summary>
    private static CampaignWindowVerdict JudgeWindow(PlannedMessage message, Instant now) =>
        message.Message.Window is null ? CampaignWindowVerdict.NoWindow
        : !message.Window.IsResolved ? CampaignWindowVerdict.NoSchedule
        : now < message.Window.Start ? CampaignWindowVerdict.NotStarted
        : now >= message.Window.End ? CampaignWindowVerdict.Ended
        : CampaignWindowVerdict.Inside;

    private static FrequencyVerdict FrequencyVerdictOf(ReservationStatus status, MessageFrequency frequency) => status switch
    {
        ReservationStatus.Reserved => FrequencyVerdict.WouldSend,

        // Held out: the rules would send it; the experiment explanation says why it is not.
        ReservationStatus.HeldOut => FrequencyVerdict.WouldSend,
        ReservationStatus.FrequencyCapped => frequency switch
        {
            MessageFrequency.OncePerVisit => FrequencyVerdict.AlreadySentThisVisit,
            MessageFrequency.EveryTime => FrequencyVerdict.AlreadySentThisPageView,
            _ => FrequencyVerdict.AlreadySentOnce,
        },
        ReservationStatus.FatigueCapped => FrequencyVerdict.FatigueCapped,
        ReservationStatus.AnotherMessageShowing => FrequencyVerdict.AnotherMessageShowing,
        ReservationStatus.ConversationOpen => FrequencyVerdict.ConversationOpen,

        // A status the engine does not know is a faulty store, as when deciding.
        _ => FrequencyVerdict.StoreUnavailable,
    };
}
