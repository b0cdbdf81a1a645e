using System.Buffers;
using System.Runtime.CompilerServices;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;

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
    public static bool TryFind(ChannelPlan plan, VisitorContext visitor, ref EventTiming timing, out CandidateBuffer candidates, out DecisionOutcome nothing)
    {
        candidates = default;
        nothing = DecisionOutcome.NoLiveMessage;
        var conditions = plan.Conditions;
        if (conditions.Length == 0)
        {
            return false;
        }

        var timings = plan.Timings;
        var messages = plan.Messages;
        var windows = plan.Windows;
        var hasWindows = plan.HasWindows;
        var now = timing.Now;
        var timingAllowsAny = false;
        var windowAllowsAny = false;

        // The index leaves out the messages tied to other pages. Both lists are in evaluation
        // order (messages of one condition shape together); candidates return to plan order below.
        var narrowed = plan.Index?.Candidates(visitor);
        var order = narrowed ?? plan.AllMessages;
        var total = order.Length;
        for (var k = 0; k < total; k++)
        {
            var i = order[k];
            if (!timing.Allows(timings[i]))
            {
                continue;
            }

            timingAllowsAny = true;

            // The window was resolved to instants with the plan: two comparisons with the event's clock reading.
            if (hasWindows && !windows[i].Contains(now))
            {
                continue;
            }

            windowAllowsAny = true;

            // Every plan is compiled with the workspace's catalog and the visitor was checked against
            // it, so each message skips its own check.
            if (conditions[i].Run(visitor))
            {
                // The buffers are rented only at the first candidate: most events meet no message's
                // conditions and then cost nothing but the evaluations.
                candidates.Add(i, messages[i].Candidate, total - k);
            }
        }

        if (candidates.Count > 0)
        {
            // The store takes the candidates in priority (plan) order.
            candidates.SortByPlanIndex();
            return true;
        }

        // Messages the index left out still count for "was any message's timing (and window) open?".
        if (narrowed is not null)
        {
            timingAllowsAny = timingAllowsAny || plan.TimingAllowsAny(ref timing);
            windowAllowsAny = windowAllowsAny || (timingAllowsAny && plan.TimingAndWindowAllowAny(ref timing));
        }

        nothing = timingAllowsAny ? WhyNothing(plan, order, ref timing, visitor, windowAllowsAny) : DecisionOutcome.OutsideTiming;
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

    /// <summary>
    /// Evaluates the messages the first pass skipped (left out by their timing or their window)
    /// for the outcome. Each message's conditions are still evaluated at most once per event.
    /// </summary>
    private static DecisionOutcome WhyNothing(ChannelPlan plan, int[] order, ref EventTiming timing, VisitorContext visitor, bool windowAllowsAny)
    {
        var now = timing.Now;
        var holdOutsideWindow = false;
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            if (!timing.Allows(plan.Timings[i]))
            {
                if (plan.Conditions[i].Run(visitor))
                {
                    // The timing wins whatever the windows say: no need to look further.
                    return NothingOutcome(timingAllowsAny: true, windowAllowsAny, conditionsHoldOutsideTiming: true, holdOutsideWindow);
                }
            }
            else if (plan.HasWindows && !holdOutsideWindow && !plan.Windows[i].Contains(now))
            {
                holdOutsideWindow = plan.Conditions[i].Run(visitor);
            }
        }

        return NothingOutcome(timingAllowsAny: true, windowAllowsAny, conditionsHoldOutsideTiming: false, holdOutsideWindow);
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
