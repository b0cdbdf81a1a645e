using System.Buffers;
using System.Runtime.CompilerServices;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Model.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The decision loop: the messages of a channel plan whose timing allows sending and whose compiled
/// conditions the visitor meets, collected in priority order for the frequency store; or, when there
/// is none, whether the timing or the conditions left the visitor without a message.
/// </summary>
/// <remarks>Stateless; allocates nothing (the candidate buffers are pooled).</remarks>
internal static class CandidateSearch
{
    /// <summary>Collects the candidates; <see langword="false"/> with the outcome when there is none.</summary>
    /// <remarks>
    /// A message with a rollout is a candidate only for the visitors inside it (<paramref name="visitorId"/>
    /// gives the visitor's position); one with a holdout is offered flagged as held out for the
    /// visitors of its control group.
    /// </remarks>
    public static bool TryFind(ChannelPlan plan, VisitorContext visitor, string visitorId, ref EventTiming timing, out CandidateBuffer candidates, out DecisionOutcome nothing)
    {
        candidates = default;
        nothing = DecisionOutcome.NoLiveMessage;
        if (plan.Messages.Length == 0)
        {
            return false;
        }

        // The index hands over the residue and the lists the visitor's values select; every
        // message it leaves out has a necessary condition that fails.
        var pass = new CandidatePass(plan, visitor, visitorId, timing);
        plan.Index.Select(visitor, ref pass);
        timing = pass.Timing;
        if (pass.Candidates.Count > 0)
        {
            // The store takes the candidates in priority (plan) order.
            candidates = pass.Candidates;
            candidates.SortByPlanIndex();
            return true;
        }

        // A message met its timing, window and conditions, and only its rollout left the visitor out.
        if (pass.LeftOut)
        {
            nothing = DecisionOutcome.NotInRollout;
            return false;
        }

        // Messages the index left out still count for "was any message's timing (and window) open?".
        var timingAllowsAny = pass.TimingAllowsAny || plan.TimingAllowsAny(ref timing);
        if (!timingAllowsAny)
        {
            nothing = DecisionOutcome.OutsideTiming;
            return false;
        }

        var windowAllowsAny = pass.WindowAllowsAny || plan.TimingAndWindowAllowAny(ref timing);
        if (pass.Skipped == 0)
        {
            // No selected message was passed over for its timing or window: the conditions decided.
            nothing = NothingOutcome(timingAllowsAny: true, windowAllowsAny, conditionsHoldOutsideTiming: false, conditionsHoldOutsideWindow: false);
            return false;
        }

        // Why nothing: the selected messages passed over are evaluated, each at most once per event.
        pass.StartExplaining(timing);
        plan.Index.Select(visitor, ref pass);
        timing = pass.Timing;
        nothing = NothingOutcome(timingAllowsAny: true, windowAllowsAny, pass.HoldOutsideTiming, pass.HoldOutsideWindow);
        return false;
    }

    /// <summary>
    /// Why nothing is shown when no message is a candidate. The timing is the earlier step and
    /// wins: "outside the timing" when no message's timing allowed sending, or a message the
    /// timing left out would have met its conditions. Then "outside the campaign window" when no
    /// message that the timing allowed was inside its window, or one outside its window would have
    /// met its conditions. Otherwise "no conditions met". Without windows the last two flags are
    /// the first two, so the outcome is the one of the timing alone.
    /// </summary>
    public static DecisionOutcome NothingOutcome(bool timingAllowsAny, bool windowAllowsAny, bool conditionsHoldOutsideTiming, bool conditionsHoldOutsideWindow) =>
        !timingAllowsAny || conditionsHoldOutsideTiming ? DecisionOutcome.OutsideTiming
        : !windowAllowsAny || conditionsHoldOutsideWindow ? DecisionOutcome.OutsideCampaignWindow
        : DecisionOutcome.NoConditionsMet;
}

/// <summary>
/// One event's walk over the lists a <see cref="CandidateIndex"/> selects: first collecting the
/// messages whose timing and window allow sending and whose conditions hold; then, when there is
/// none, finding whether a message passed over for its timing or window would have held.
/// </summary>
/// <remarks>A mutable struct local to one decision, passed by reference to the index's probes.</remarks>
internal struct CandidatePass
{
    private readonly CompiledConditions[] _conditions;
    private readonly MessageTiming[] _timings;
    private readonly ResolvedWindow[] _windows;
    private readonly PlannedMessage[] _messages;
    private readonly PlannedExperiment?[]? _experiments;
    private readonly VisitorContext _visitor;
    private readonly string _visitorId;
    private readonly bool _hasWindows;
    private readonly bool _listsMessagesTwice;
    private bool _explaining;

    public CandidatePass(ChannelPlan plan, VisitorContext visitor, string visitorId, EventTiming timing)
    {
        _experiments = plan.Experiments;
        _visitorId = visitorId;
        _conditions = plan.Conditions;
        _timings = plan.Timings;
        _windows = plan.Windows;
        _messages = plan.Messages;
        _hasWindows = plan.HasWindows;
        _listsMessagesTwice = plan.Index.ListsMessagesTwice;
        _visitor = visitor;
        Timing = timing;
    }

    /// <summary>The event's timing, which caches the schedule's answer: copied back by the caller.</summary>
    public EventTiming Timing;

    /// <summary>The messages that passed, in evaluation order until sorted.</summary>
    public CandidateBuffer Candidates;

    /// <summary>Gets whether a selected message's timing allowed sending.</summary>
    public bool TimingAllowsAny { get; private set; }

    /// <summary>Gets whether a selected message's timing and window both allowed sending.</summary>
    public bool WindowAllowsAny { get; private set; }

    /// <summary>Gets whether a message that met its timing, window and conditions left the visitor out of its rollout.</summary>
    public bool LeftOut { get; private set; }

    /// <summary>Gets how many selected messages were passed over for their timing or window.</summary>
    public int Skipped { get; private set; }

    /// <summary>Gets whether a message passed over for its timing meets its conditions (while explaining).</summary>
    public bool HoldOutsideTiming { get; private set; }

    /// <summary>Gets whether a message passed over for its window meets its conditions (while explaining).</summary>
    public bool HoldOutsideWindow { get; private set; }

    /// <summary>Turns the pass to explaining why nothing was found, with the timing as the first walk left it.</summary>
    public void StartExplaining(EventTiming timing)
    {
        Timing = timing;
        _explaining = true;
    }

    /// <summary>Evaluates one selected list.</summary>
    public void Evaluate(int[] list)
    {
        if (_explaining)
        {
            Explain(list);
            return;
        }

        var now = Timing.Now;
        foreach (var i in list)
        {
            if (!Timing.Allows(_timings[i]))
            {
                Skipped++;
                continue;
            }

            TimingAllowsAny = true;

            // The window was resolved to instants with the plan: two comparisons with the event's clock reading.
            if (_hasWindows && !_windows[i].Contains(now))
            {
                Skipped++;
                continue;
            }

            WindowAllowsAny = true;

            // Every plan is compiled with the workspace's catalog and the visitor was checked against
            // it, so each message skips its own check.
            // A message listed under each item of an 'any' may come twice: it is a candidate once.
            if (_conditions[i].Run(_visitor) && !(_listsMessagesTwice && Candidates.Contains(i)))
            {
                // The buffers are rented only at the first candidate: most events meet no message's
                // conditions and then cost nothing but the evaluations.
                if (_experiments is null || _experiments[i] is not { } experiment)
                {
                    Candidates.Add(i, _messages[i].Candidate, _messages.Length);
                }
                else
                {
                    AddAssigned(i, experiment);
                }
            }
        }
    }

    /// <summary>A candidate with a rollout or a holdout: left out, offered held out, or offered as it is, by the visitor's positions.</summary>
    // Out of line: most plans have no experiment, and the loop above stays small without it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddAssigned(int i, PlannedExperiment experiment)
    {
        var positions = experiment.PositionsOf(_visitorId);
        if (!experiment.InRollout(positions))
        {
            LeftOut = true;
            return;
        }

        var candidate = _messages[i].Candidate;
        Candidates.Add(i, experiment.HeldOut(positions) ? candidate with { HeldOut = true } : candidate, _messages.Length);
    }

    private void Explain(int[] list)
    {
        // The timing wins whatever the windows say: once it has its answer, nothing more is needed.
        if (HoldOutsideTiming)
        {
            return;
        }

        var now = Timing.Now;
        foreach (var i in list)
        {
            if (!Timing.Allows(_timings[i]))
            {
                if (_conditions[i].Run(_visitor))
                {
                    HoldOutsideTiming = true;
                    return;
                }
            }
            else if (_hasWindows && !HoldOutsideWindow && !_windows[i].Contains(now))
            {
                HoldOutsideWindow = _conditions[i].Run(_visitor);
            }
        }
    }
}

/// <summary>
/// The candidates of one decision, each with its plan index so that the reserved one is found
/// without evaluating the conditions again. Both arrays come from the shared pools, rented at the
/// first candidate.
/// </summary>
/// <remarks>A mutable struct local to one decision: fill it by reference, then pass it on and return it once.</remarks>
internal struct CandidateBuffer
{
    private FrequencyCandidate[]? _candidates;
    private int[]? _planIndexes;

    public int Count { get; private set; }

    /// <summary>The candidates to offer the frequency store, in priority order once sorted.</summary>
    public readonly ReadOnlyMemory<FrequencyCandidate> Offered => _candidates.AsMemory(0, Count);

    /// <summary>Adds a candidate; <paramref name="atMost"/> bounds how many may still come, to size the buffers at the first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int planIndex, FrequencyCandidate candidate, int atMost)
    {
        if (_candidates is null)
        {
            Rent(atMost);
        }

        _planIndexes![Count] = planIndex;
        _candidates![Count++] = candidate;
    }

    /// <summary>Whether a plan index is already a candidate (a linear search: there are rarely more than a few).</summary>
    public readonly bool Contains(int planIndex) => Count > 0 && Array.IndexOf(_planIndexes!, planIndex, 0, Count) >= 0;

    /// <summary>An insertion sort by plan index: there are rarely more than a few candidates.</summary>
    public readonly void SortByPlanIndex()
    {
        var (planIndexes, candidates) = (_planIndexes!, _candidates!);
        for (var j = 1; j < Count; j++)
        {
            var index = planIndexes[j];
            var candidate = candidates[j];
            var k = j - 1;
            for (; k >= 0 && planIndexes[k] > index; k--)
            {
                planIndexes[k + 1] = planIndexes[k];
                candidates[k + 1] = candidates[k];
            }

            planIndexes[k + 1] = index;
            candidates[k + 1] = candidate;
        }
    }

    /// <summary>The planned message of the candidate the store reserved (the store checked the index is one offered).</summary>
    public readonly PlannedMessage Reserved(ReservationResult result, PlannedMessage[] messages) => messages[_planIndexes![result.CandidateIndex]];

    /// <summary>The planned message of a candidate by its position among the candidates.</summary>
    public readonly PlannedMessage At(int candidateIndex, PlannedMessage[] messages) => messages[_planIndexes![candidateIndex]];

    /// <summary>Returns the buffers to the pools (the candidates cleared, as they hold strings).</summary>
    public readonly void Return()
    {
        if (_candidates is null)
        {
            return;
        }

        Array.Clear(_candidates, 0, Count);
        ArrayPool<FrequencyCandidate>.Shared.Return(_candidates);
        ArrayPool<int>.Shared.Return(_planIndexes!);
    }

    private void Rent(int atMost)
    {
        _candidates = ArrayPool<FrequencyCandidate>.Shared.Rent(atMost);
        _planIndexes = ArrayPool<int>.Shared.Rent(atMost);
    }
}
