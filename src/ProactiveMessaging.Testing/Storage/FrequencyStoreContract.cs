using System.Collections.Concurrent;
using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Internal;
using ProactiveMessaging.Testing.Storage.Internal;

namespace ProactiveMessaging.Testing.Storage;

/// <summary>
/// The contract every <see cref="IFrequencyStore"/> passes: each message's own frequency, the
/// message showing, the open conversation, the workspace caps and their order, outcomes, previews
/// that record nothing, workspaces kept apart, and exact answers under concurrency.
/// </summary>
/// <remarks>
/// <para>
/// Run each case as its own test in any framework (for xunit, a <c>[Theory]</c> over
/// <see cref="CaseNames"/> calling <see cref="RunAsync"/>), or every case at once with
/// <see cref="RunAllAsync"/>. Each case run uses workspace ids of its own, so a shared server needs
/// no cleaning. Every instant is given to the store in the requests, as the engine gives it; the
/// store must read no clock.
/// </para>
/// <para>Thread-safe: cases may run in parallel.</para>
/// </remarks>
public static class FrequencyStoreContract
{
    private const string V = FrequencyStoreSession.Visitor;
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 10, 9, 0);
    private static readonly FrequencyCandidate OnceA = new("a", MessageFrequency.Once);
    private static readonly FrequencyCandidate OnceB = new("b", MessageFrequency.Once);
    private static readonly FrequencyCandidate PerVisitA = new("a", MessageFrequency.OncePerVisit);
    private static readonly FrequencyCandidate EveryTimeA = new("a", MessageFrequency.EveryTime);
    private static readonly FrequencyCandidate EveryTimeB = new("b", MessageFrequency.EveryTime);

    private static readonly ContractSuite<IFrequencyStore> Suite = new(
        "frequency store contract",
        [
            // Each message's own frequency.
            Case("Once_IsNeverReservedAgain_InLaterPageViewsOrVisits", "A Once message sent to a visitor is refused (FrequencyCapped) in every later page view and visit.", OnceIsNeverReservedAgain),
            Case("OncePerVisit_IsReservedAgainInANewVisitOnly", "A OncePerVisit message is refused for the rest of the visit and reserved again in a new one.", OncePerVisitIsReservedAgainInANewVisitOnly),
            Case("EveryTime_IsReservedOncePerPageView_AndAgainOnTheNextPageView", "An EveryTime message is refused for the rest of the page view and reserved again on the next.", EveryTimeIsReservedOncePerPageView),
            Case("Priority_TheFirstAllowedCandidateWins_WithItsIndex", "The first candidate (in the order given) that its frequency allows is reserved, and its index answered.", PriorityTheFirstAllowedCandidateWins),
            Case("HeldOut_TheFirstAllowedCandidateHeldOut_IsAnsweredHeldOut_AndNothingIsSent", "A held-out candidate that its frequency allows is answered HeldOut with its index; nothing shows, no cap counts it, and its own frequency counts it as sent.", HeldOutIsAnsweredAndNothingIsSent),

            // The message showing.
            Case("Showing_BlocksEveryCandidateInTheSameVisit", "While a message shows, every reservation in the same visit is refused (AnotherMessageShowing).", ShowingBlocksEveryCandidate),
            Case("Showing_StopsBlockingAfterAnOutcomeThatHidesIt", "Opened, Dismissed and WindowClosed about the showing message end the block.", ShowingStopsBlockingAfterAnOutcomeThatHidesIt),
            Case("Showing_KeepsBlockingAfterRepliedOrAnOutcomeAboutAnotherMessage", "Replied, or an outcome about another message, does not end the block.", ShowingKeepsBlocking),
            Case("Showing_StopsBlockingInANewVisit", "A message showing in one visit does not block the next.", ShowingStopsBlockingInANewVisit),

            // The conversation.
            Case("ConversationOpen_Refuses_UntilItEnds", "An open conversation refuses every reservation (ConversationOpen) until it ends.", ConversationOpenRefusesUntilItEnds),
            Case("ConversationOpen_IsAllowed_WhenThePolicySaysSo", "AllowWhileConversationOpen lets a reservation through an open conversation.", ConversationOpenIsAllowedWhenThePolicySaysSo),

            // Workspace caps.
            Case("LifetimeCap_RefusesOnceReached_AcrossVisits", "The lifetime cap counts sends across visits and refuses once reached (FatigueCapped).", LifetimeCapRefusesOnceReached),
            Case("PerVisitCap_RefusesOnceReached_AndStartsOverInANewVisit", "The per-visit cap refuses once reached and starts over in a new visit.", PerVisitCapRefusesOnceReached),
            Case("Windows_AtMostTwoPerVisitAndThreePerDay_SlideWithNow", "Fatigue windows count the sends of the last period, measured with the requests' instants.", WindowsSlideWithNow),
            Case("RuleOrder_ConversationThenShowingThenCapsThenFrequency", "Refusals come in order: open conversation, message showing, caps, then the message's own frequency.", RuleOrder),

            // Outcomes about messages.
            Case("RecordOutcome_AboutAMessageNeverSentToTheVisitor_ReturnsFalse_AndChangesNothing", "An outcome naming a message never sent to the visitor answers false and changes nothing.", RecordOutcomeAboutAMessageNeverSent),
            Case("RecordOutcome_AboutASentMessageOrTheConversation_ReturnsTrue", "An outcome about a message sent to the visitor, or naming no message, answers true.", RecordOutcomeAboutASentMessage),

            // Idle time.
            Case("Once_IsNeverReservedAgain_AfterEightOrFourHundredIdleDays", "Idle time never makes the store forget that a Once message was sent.", OnceIsNeverReservedAgainAfterIdleDays),

            // Preview.
            Case("Preview_AnswersEachCandidateAsItsReservationAloneWould_AndRecordsNothing", "A preview answers per candidate what a reservation of it alone would, and records nothing.", PreviewAnswersEachCandidate),
            Case("Preview_VisitorWideRefusals_ApplyToEveryCandidate", "A preview gives every candidate the visitor-wide refusal: showing, capped or conversation open.", PreviewVisitorWideRefusals),
            Case("Preview_AgreesWithTheReservationMadeRightAfter_AndChangesNoLaterAnswer", "Over a random history, each preview predicts the reservation made right after it, and a store previewed answers as one never previewed.", PreviewAgreesWithTheReservation),

            // Isolation.
            Case("Workspaces_AreIsolated", "A send in one workspace does not count in another.", WorkspacesAreIsolated),

            // Concurrency.
            Case("Concurrency_OnceIsReservedAtMostOncePerVisitor_AndCountsAreExact", "Under concurrent reservations each Once message is reserved exactly once per visitor.", ConcurrencyOnceIsReservedAtMostOnce),
            Case("Concurrency_CapsHoldForOneVisitorUnderContention", "Under concurrent reservations for one visitor the lifetime cap holds exactly.", ConcurrencyCapsHold),
        ]);

    /// <summary>Gets every case, in a stable order.</summary>
    public static ImmutableArray<StoreContractCase<IFrequencyStore>> Cases => Suite.Cases;

    /// <summary>Gets the names of every case, in the order of <see cref="Cases"/>: the data of a parameterised test.</summary>
    public static ImmutableArray<string> CaseNames => Suite.Names;

    /// <summary>Finds a case by name (ordinal).</summary>
    /// <param name="caseName">The case's name.</param>
    /// <returns>The case.</returns>
    /// <exception cref="ArgumentException">No case has that name; the message lists the names.</exception>
    public static StoreContractCase<IFrequencyStore> GetCase(string caseName) => Suite.Get(caseName);

    /// <summary>Runs one case against stores from <paramref name="factory"/>.</summary>
    /// <param name="caseName">The case's name, one of <see cref="CaseNames"/>.</param>
    /// <param name="factory">Creates each store the case uses; they are disposed when it ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when the case passed.</returns>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    /// <exception cref="StoreContractException">The store broke the case's rule.</exception>
    public static Task RunAsync(string caseName, StoreFactory<IFrequencyStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAsync(caseName, factory, cancellationToken);

    /// <summary>Runs every case, one after the other, even after a failure.</summary>
    /// <param name="factory">Creates each store the cases use; they are disposed when each case ends.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every case passed.</returns>
    /// <exception cref="AggregateException">One or more cases failed: one <see cref="StoreContractException"/> per failed case, in case order.</exception>
    public static Task RunAllAsync(StoreFactory<IFrequencyStore> factory, CancellationToken cancellationToken = default) =>
        Suite.RunAllAsync(factory, cancellationToken);

    private static StoreContractCase<IFrequencyStore> Case(string name, string description, Func<ContractRun<IFrequencyStore>, Task> body) =>
        new(name, description, body);

    private static async Task OnceIsNeverReservedAgain(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v1", "p1", Start, OnceA).ConfigureAwait(false)).Status, "the first reservation of a Once message");
        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.FrequencyCapped, (await s.Reserve("v1", "p2", Start, OnceA).ConfigureAwait(false)).Status, "the Once message on the next page view");
        Expect.Equal(ReservationStatus.FrequencyCapped, (await s.Reserve("v2", "p1", Start + Duration.FromDays(1), OnceA).ConfigureAwait(false)).Status, "the Once message in the next visit, a day later");
    }

    private static async Task OncePerVisitIsReservedAgainInANewVisitOnly(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v1", "p1", Start, PerVisitA).ConfigureAwait(false)).Status, "the first reservation of a OncePerVisit message");
        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.FrequencyCapped, (await s.Reserve("v1", "p2", Start, PerVisitA).ConfigureAwait(false)).Status, "the OncePerVisit message on the next page view of the same visit");
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v2", "p1", Start, PerVisitA).ConfigureAwait(false)).Status, "the OncePerVisit message in a new visit");
    }

    private static async Task EveryTimeIsReservedOncePerPageView(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false)).Status, "the first reservation of an EveryTime message");
        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.FrequencyCapped, (await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false)).Status, "the EveryTime message again in the same page view");
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v1", "p2", Start, EveryTimeA).ConfigureAwait(false)).Status, "the EveryTime message on the next page view");
    }

    private static async Task PriorityTheFirstAllowedCandidateWins(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, OnceA).ConfigureAwait(false);
        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);

        var result = await s.Reserve("v1", "p2", Start, OnceA, EveryTimeB, new FrequencyCandidate("c", MessageFrequency.Once)).ConfigureAwait(false);

        Expect.Equal(new ReservationResult(ReservationStatus.Reserved, 1), result, "reserving [a (sent, Once), b (EveryTime), c (Once)]");
    }

    private static async Task HeldOutIsAnsweredAndNothingIsSent(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var heldOutA = OnceA with { HeldOut = true };
        await s.Reserve("v1", "p1", Start, EveryTimeB).ConfigureAwait(false);
        await s.Dismiss("v1", "b", Start).ConfigureAwait(false);

        Expect.Equal(new ReservationResult(ReservationStatus.HeldOut, 1), await s.Reserve("v1", "p1", Start, EveryTimeB, heldOutA, OnceB).ConfigureAwait(false), "reserving [b (EveryTime, sent in this page view), a (Once, held out), b]");
        Expect.Equal(new ReservationResult(ReservationStatus.Reserved, 0), await s.Reserve("v1", "p2", Start, EveryTimeB).ConfigureAwait(false), "reserving b after the hold-out: nothing was showing");
        await s.Dismiss("v1", "b", Start).ConfigureAwait(false);
        Expect.Equal(ReservationResult.Refused(ReservationStatus.FrequencyCapped), await s.Reserve("v1", "p3", Start, heldOutA).ConfigureAwait(false), "the held-out Once message again: held out once, as it would have been sent once");
        Expect.Equal(new ReservationResult(ReservationStatus.HeldOut, 0), await s.Reserve("v1", "p3", Start, heldOutA with { MessageId = "c" }).ConfigureAwait(false), "another held-out Once message: the workspace caps did not count the first hold-out");
    }

    private static async Task ShowingBlocksEveryCandidate(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false);

        var result = await s.Reserve("v1", "p2", Start, EveryTimeB).ConfigureAwait(false);

        Expect.Equal(ReservationResult.Refused(ReservationStatus.AnotherMessageShowing), result, "reserving b while a shows");
    }

    private static async Task ShowingStopsBlockingAfterAnOutcomeThatHidesIt(ContractRun<IFrequencyStore> run)
    {
        foreach (var outcome in new[] { VisitorOutcome.Opened, VisitorOutcome.Dismissed, VisitorOutcome.WindowClosed })
        {
            // A store and a workspace per outcome, so that one outcome's history cannot help another.
            var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
            await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false);
            await s.Outcome(V, "v1", "a", outcome, Start).ConfigureAwait(false);

            Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v1", "p1", Start, EveryTimeB).ConfigureAwait(false)).Status, $"reserving b after {outcome} about the showing message a");
        }
    }

    private static async Task ShowingKeepsBlocking(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false);
        await s.Outcome(V, "v1", "a", VisitorOutcome.Replied, Start).ConfigureAwait(false);
        await s.Outcome(V, "v1", "b", VisitorOutcome.Dismissed, Start).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.AnotherMessageShowing, (await s.Reserve("v1", "p2", Start, EveryTimeB).ConfigureAwait(false)).Status, "reserving b after Replied about a and Dismissed about b");
    }

    private static async Task ShowingStopsBlockingInANewVisit(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v2", "p1", Start, EveryTimeB).ConfigureAwait(false)).Status, "reserving b in a new visit while a showed in the last");
    }

    private static async Task ConversationOpenRefusesUntilItEnds(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Outcome(V, "v1", null, VisitorOutcome.ConversationStarted, Start).ConfigureAwait(false);

        Expect.Equal(ReservationResult.Refused(ReservationStatus.ConversationOpen), await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false), "reserving while the conversation is open");

        await s.Outcome(V, "v1", null, VisitorOutcome.ConversationEnded, Start).ConfigureAwait(false);
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false)).Status, "reserving after the conversation ended");
    }

    private static async Task ConversationOpenIsAllowedWhenThePolicySaysSo(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Outcome(V, "v1", null, VisitorOutcome.ConversationStarted, Start).ConfigureAwait(false);

        var result = await s.Reserve("v1", "p1", Start, EveryTimeA, new FrequencyPolicy { AllowWhileConversationOpen = true }).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.Reserved, result.Status, "reserving with AllowWhileConversationOpen while the conversation is open");
    }

    private static async Task LifetimeCapRefusesOnceReached(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var policy = new FrequencyPolicy { LifetimeCap = 2 };
        for (var visit = 1; visit <= 2; visit++)
        {
            Expect.Equal(ReservationStatus.Reserved, (await s.Reserve($"v{visit}", "p1", Start, EveryTimeA, policy).ConfigureAwait(false)).Status, $"send {visit} of a lifetime cap of 2");
        }

        var result = await s.Reserve("v3", "p1", Start + Duration.FromHours(5), EveryTimeA, policy).ConfigureAwait(false);

        Expect.Equal(ReservationResult.Refused(ReservationStatus.FatigueCapped), result, "send 3 of a lifetime cap of 2, in a third visit");
    }

    private static async Task PerVisitCapRefusesOnceReached(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var policy = new FrequencyPolicy { PerVisitCap = 1 };
        await s.Reserve("v1", "p1", Start, EveryTimeA, policy).ConfigureAwait(false);
        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.FatigueCapped, (await s.Reserve("v1", "p2", Start, EveryTimeB, policy).ConfigureAwait(false)).Status, "a second send in the visit with a per-visit cap of 1");
        Expect.Equal(ReservationStatus.Reserved, (await s.Reserve("v2", "p1", Start, EveryTimeB, policy).ConfigureAwait(false)).Status, "the first send of a new visit");
    }

    private static async Task WindowsSlideWithNow(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var policy = new FrequencyPolicy { PerVisitCap = 2, Windows = [new FatigueWindow(3, Duration.FromDays(1))] };
        var hour = Duration.FromHours(1);

        // Visit 1 at 9:00 and 10:00: two sends, then the per-visit cap.
        Expect.Equal(ReservationStatus.Reserved, await ReserveShown(s, "v1", "p1", Start, policy).ConfigureAwait(false), "visit 1, 9:00");
        Expect.Equal(ReservationStatus.Reserved, await ReserveShown(s, "v1", "p2", Start + hour, policy).ConfigureAwait(false), "visit 1, 10:00");
        Expect.Equal(ReservationStatus.FatigueCapped, await ReserveShown(s, "v1", "p3", Start + (2 * hour), policy).ConfigureAwait(false), "visit 1, 11:00 (over two per visit)");

        // Visit 2 at 12:00: a third send; the fourth is over three per day.
        Expect.Equal(ReservationStatus.Reserved, await ReserveShown(s, "v2", "p1", Start + (3 * hour), policy).ConfigureAwait(false), "visit 2, 12:00");
        Expect.Equal(ReservationStatus.FatigueCapped, await ReserveShown(s, "v2", "p2", Start + (4 * hour), policy).ConfigureAwait(false), "visit 2, 13:00 (over three per day)");

        // The next day at 8:59 the 9:00 send is still in the window; at 9:00 it slides out.
        Expect.Equal(ReservationStatus.FatigueCapped, await ReserveShown(s, "v3", "p1", Start + Duration.FromDays(1) - Duration.FromMinutes(1), policy).ConfigureAwait(false), "visit 3, 8:59 the next day");
        Expect.Equal(ReservationStatus.Reserved, await ReserveShown(s, "v3", "p2", Start + Duration.FromDays(1), policy).ConfigureAwait(false), "visit 3, 9:00 the next day");
        Expect.Equal(ReservationStatus.FatigueCapped, await ReserveShown(s, "v3", "p3", Start + Duration.FromDays(1), policy).ConfigureAwait(false), "visit 3, 9:00 the next day, again");
    }

    private static async Task RuleOrder(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var policy = new FrequencyPolicy { LifetimeCap = 1 };
        await s.Reserve("v1", "p1", Start, OnceA, policy).ConfigureAwait(false);

        Expect.Equal(ReservationStatus.AnotherMessageShowing, (await s.Reserve("v1", "p1", Start, OnceA, policy).ConfigureAwait(false)).Status, "showing, capped and frequency-capped at once");

        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);
        Expect.Equal(ReservationStatus.FatigueCapped, (await s.Reserve("v1", "p1", Start, OnceA, policy).ConfigureAwait(false)).Status, "capped and frequency-capped at once");

        await s.Outcome(V, "v2", null, VisitorOutcome.ConversationStarted, Start).ConfigureAwait(false);
        Expect.Equal(ReservationStatus.ConversationOpen, (await s.Reserve("v2", "p1", Start, OnceA, policy).ConfigureAwait(false)).Status, "conversation open, capped and frequency-capped at once");
    }

    private static async Task RecordOutcomeAboutAMessageNeverSent(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, EveryTimeA).ConfigureAwait(false);

        foreach (var outcome in new[] { VisitorOutcome.Opened, VisitorOutcome.Dismissed, VisitorOutcome.WindowClosed, VisitorOutcome.Replied })
        {
            Expect.Equal(false, await s.Outcome(V, "v1", "b", outcome, Start).ConfigureAwait(false), $"{outcome} about a message never sent to the visitor");
            Expect.Equal(false, await s.Outcome("stranger", "v1", "a", outcome, Start).ConfigureAwait(false), $"{outcome} about a message sent to another visitor");
        }

        Expect.Equal(ReservationStatus.AnotherMessageShowing, (await s.Reserve("v1", "p2", Start, EveryTimeB).ConfigureAwait(false)).Status, "reserving while a still shows after the ignored outcomes");
    }

    private static async Task RecordOutcomeAboutASentMessage(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, OnceA).ConfigureAwait(false);

        Expect.Equal(true, await s.Outcome(V, "v1", "a", VisitorOutcome.Opened, Start).ConfigureAwait(false), "Opened about the sent message");
        Expect.Equal(true, await s.Outcome(V, "v1", "a", VisitorOutcome.Opened, Start).ConfigureAwait(false), "Opened again about the sent message");
        Expect.Equal(true, await s.Outcome(V, "v2", "a", VisitorOutcome.Replied, Start).ConfigureAwait(false), "Replied about the sent message, in a later visit");
        Expect.Equal(true, await s.Outcome(V, "v2", null, VisitorOutcome.WindowClosed, Start).ConfigureAwait(false), "WindowClosed naming no message");
        Expect.Equal(true, await s.Outcome("stranger", "v1", null, VisitorOutcome.WindowClosed, Start).ConfigureAwait(false), "WindowClosed naming no message, for a visitor never sent anything");
        Expect.Equal(true, await s.Outcome("stranger", "v1", "b", VisitorOutcome.ConversationStarted, Start).ConfigureAwait(false), "ConversationStarted naming a message never sent");
        Expect.Equal(true, await s.Outcome("nobody", "v1", null, VisitorOutcome.ConversationEnded, Start).ConfigureAwait(false), "ConversationEnded for a visitor never seen");
        Expect.Equal(ReservationStatus.ConversationOpen, (await s.Send("stranger", "v1", "p1", Start, FrequencyPolicy.Default, [OnceA]).ConfigureAwait(false)).Status, "reserving for the visitor whose conversation started");
    }

    private static async Task OnceIsNeverReservedAgainAfterIdleDays(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        foreach (var days in new[] { 8, 400 })
        {
            var visitor = $"idle-{days}";
            Expect.Equal(ReservationStatus.Reserved, (await s.Send(visitor, "v1", "p1", Start, FrequencyPolicy.Default, [OnceA]).ConfigureAwait(false)).Status, $"the first send to the visitor who will be idle {days} days");
            var late = Start + Duration.FromDays(days);

            // Other visitors arriving late give a bounded store its chance to drop idle ones.
            for (var i = 0; i < 10; i++)
            {
                await s.Send($"late-{days}-{i}", "v1", "p1", late, FrequencyPolicy.Default, [OnceB]).ConfigureAwait(false);
            }

            Expect.Equal(ReservationStatus.FrequencyCapped, (await s.Send(visitor, "v2", "p1", late, FrequencyPolicy.Default, [OnceA]).ConfigureAwait(false)).Status, $"the Once message after {days} idle days");
        }
    }

    private static async Task PreviewAnswersEachCandidate(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var onceC = new FrequencyCandidate("c", MessageFrequency.Once);
        await s.Reserve("v1", "p1", Start, OnceA).ConfigureAwait(false);
        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, PerVisitA with { MessageId = "b" }).ConfigureAwait(false);
        await s.Dismiss("v1", "b", Start).ConfigureAwait(false);
        await s.Reserve("v1", "p1", Start, EveryTimeA with { MessageId = "d" }).ConfigureAwait(false);
        await s.Dismiss("v1", "d", Start).ConfigureAwait(false);
        FrequencyCandidate[] all = [OnceA, PerVisitA with { MessageId = "b" }, onceC, EveryTimeA with { MessageId = "d" }];
        const ReservationStatus Capped = ReservationStatus.FrequencyCapped;
        const ReservationStatus Sent = ReservationStatus.Reserved;

        Expect.Sequence([Capped, Capped, Sent, Capped], await s.Preview("v1", "p1", Start, FrequencyPolicy.Default, all).ConfigureAwait(false), "previewing [a Once, b OncePerVisit, c Once, d EveryTime] in the page view that sent a, b and d");
        Expect.Sequence([Capped, Capped, Sent, Capped], await s.Preview("v1", "p1", Start, FrequencyPolicy.Default, all).ConfigureAwait(false), "the same preview again");
        Expect.Sequence([Capped, Capped, Sent, Sent], await s.Preview("v1", "p2", Start, FrequencyPolicy.Default, all).ConfigureAwait(false), "previewing on the next page view");
        Expect.Sequence([Capped, Sent, Sent, Sent], await s.Preview("v2", "p1", Start, FrequencyPolicy.Default, all).ConfigureAwait(false), "previewing in the next visit");

        // Nothing was recorded: c was never sent, and the visit and page view are still v1 and p1.
        Expect.Equal(new ReservationResult(Sent, 2), await s.Reserve("v1", "p1", Start, all).ConfigureAwait(false), "reserving after the previews (c, never sent)");
        await s.Dismiss("v1", "c", Start).ConfigureAwait(false);
        Expect.Equal(ReservationResult.Refused(Capped), await s.Reserve("v1", "p1", Start, all).ConfigureAwait(false), "reserving again in the page view v1/p1 (the previews moved neither)");
    }

    private static async Task PreviewVisitorWideRefusals(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        FrequencyCandidate[] both = [OnceB, EveryTimeB with { MessageId = "c" }];
        await s.Reserve("v1", "p1", Start, OnceA).ConfigureAwait(false);
        Expect.Sequence([ReservationStatus.AnotherMessageShowing, ReservationStatus.AnotherMessageShowing], await s.Preview("v1", "p2", Start, FrequencyPolicy.Default, both).ConfigureAwait(false), "previewing while a shows");

        await s.Dismiss("v1", "a", Start).ConfigureAwait(false);
        Expect.Sequence([ReservationStatus.FatigueCapped, ReservationStatus.FatigueCapped], await s.Preview("v1", "p2", Start, new FrequencyPolicy { LifetimeCap = 1 }, both).ConfigureAwait(false), "previewing with a lifetime cap of 1 reached");

        await s.Outcome(V, "v1", null, VisitorOutcome.ConversationStarted, Start).ConfigureAwait(false);
        Expect.Sequence([ReservationStatus.ConversationOpen, ReservationStatus.ConversationOpen], await s.Preview("v1", "p2", Start, FrequencyPolicy.Default, both).ConfigureAwait(false), "previewing while the conversation is open");
    }

    private static async Task PreviewAgreesWithTheReservation(ContractRun<IFrequencyStore> run)
    {
        // Two stores live the same random history, each in a workspace of its own; one is also
        // asked for a preview before every step. The preview must predict each reservation, and
        // the two stores must never differ.
        var previewed = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var plain = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var random = new Random(10);
        FrequencyCandidate[] messages = [OnceA, OnceB, PerVisitA with { MessageId = "c" }, EveryTimeA with { MessageId = "d" }, EveryTimeB with { MessageId = "e" }];
        var policy = new FrequencyPolicy { PerVisitCap = 3, Windows = [new FatigueWindow(4, Duration.FromHours(6))] };
        var now = Start;
        for (var step = 0; step < 3_000; step++)
        {
            now += Duration.FromMinutes(random.Next(0, 90));
            var visitor = $"visitor-{random.Next(4)}";
            var visit = $"v{random.Next(3)}";
            var pageView = $"p{random.Next(3)}";
            var offered = messages.Where(_ => random.Next(3) > 0).ToArray();
            if (offered.Length == 0 || random.Next(4) == 0)
            {
                var outcome = (VisitorOutcome)random.Next(6);
                var messageId = random.Next(3) == 0 ? null : messages[random.Next(messages.Length)].MessageId;
                var applied = await previewed.Outcome(visitor, visit, messageId, outcome, now).ConfigureAwait(false);
                Expect.Equal(await plain.Outcome(visitor, visit, messageId, outcome, now).ConfigureAwait(false), applied, $"step {step}: {outcome} about {messageId ?? "no message"} in the previewed store (expected: the plain store's answer)");
                continue;
            }

            var statuses = await previewed.Store.PreviewAsync(previewed.Request(visitor, visit, pageView, now, policy, offered), run.Token).ConfigureAwait(false);
            var result = await previewed.Store.TryReserveAsync(previewed.Request(visitor, visit, pageView, now, policy, offered), run.Token).ConfigureAwait(false);

            Expect.Equal(await plain.Store.TryReserveAsync(plain.Request(visitor, visit, pageView, now, policy, offered), run.Token).ConfigureAwait(false), result, $"step {step}: the previewed store's reservation (expected: the plain store's)");
            Expect.Equal(offered.Length, statuses.Length, $"step {step}: the number of statuses previewed for {offered.Length} candidates");
            var first = statuses.IndexOf(ReservationStatus.Reserved);
            Expect.Equal(first >= 0 ? ReservationStatus.Reserved : statuses[0], result.Status, $"step {step}: the reservation's status (expected: as previewed)");
            Expect.Equal(first, result.CandidateIndex, $"step {step}: the reserved candidate (expected: the first previewed as reserved)");
        }
    }

    private static async Task WorkspacesAreIsolated(ContractRun<IFrequencyStore> run)
    {
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var other = ContractRun<IFrequencyStore>.NewWorkspaceId();
        await s.Reserve("v1", "p1", Start, OnceA).ConfigureAwait(false);

        var result = await s.Store.TryReserveAsync(
            new ReservationRequest(other, V, "v1", "p1", Start, new[] { OnceA }, FrequencyPolicy.Default),
            run.Token).ConfigureAwait(false);

        Expect.Equal(new ReservationResult(ReservationStatus.Reserved, 0), result, "reserving the same Once message for the same visitor in another workspace");
    }

    private static async Task ConcurrencyOnceIsReservedAtMostOnce(ContractRun<IFrequencyStore> run)
    {
        const int Threads = 8;
        const int Visitors = 200;
        const int Rounds = 50;
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var candidates = new[] { OnceA, OnceB };
        var reserved = new ConcurrentDictionary<(string Visitor, int Index), int>();
        var refusals = 0;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(
            async () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    for (var v = 0; v < Visitors; v++)
                    {
                        // Every thread walks the visitors in its own order, so that they collide.
                        var visitor = $"visitor-{(v + (thread * 37)) % Visitors}";
                        var result = await s.Send(visitor, "v1", $"p{round}", Start, FrequencyPolicy.Default, candidates).ConfigureAwait(false);
                        if (result.Status == ReservationStatus.Reserved)
                        {
                            reserved.AddOrUpdate((visitor, result.CandidateIndex), 1, static (_, n) => n + 1);
                            await s.Outcome(visitor, "v1", candidates[result.CandidateIndex].MessageId, VisitorOutcome.Dismissed, Start).ConfigureAwait(false);
                        }
                        else
                        {
                            Interlocked.Increment(ref refusals);
                        }
                    }
                }
            },
            run.Token))).ConfigureAwait(false);

        // Each visitor got a once and b once, never more; every other call was refused.
        Expect.Equal(Visitors * 2, reserved.Count, "the number of (visitor, message) pairs reserved");
        Expect.Equal(0, reserved.Count(static pair => pair.Value != 1), "the number of pairs reserved more than once");
        Expect.Equal((Threads * Visitors * Rounds) - (Visitors * 2), refusals, "the number of refused reservations");
    }

    private static async Task ConcurrencyCapsHold(ContractRun<IFrequencyStore> run)
    {
        const int Threads = 8;
        var s = await FrequencyStoreSession.CreateAsync(run).ConfigureAwait(false);
        var policy = new FrequencyPolicy { LifetimeCap = 25, AllowWhileConversationOpen = true };
        var reservedCount = 0;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(
            async () =>
            {
                for (var i = 0; i < 500; i++)
                {
                    // Each call is a new page view, so only the showing message and the cap refuse.
                    if ((await s.Send(V, "v1", $"p{thread}-{i}", Start, policy, [EveryTimeA]).ConfigureAwait(false)).Status == ReservationStatus.Reserved)
                    {
                        Interlocked.Increment(ref reservedCount);
                        await s.Outcome(V, "v1", "a", VisitorOutcome.Opened, Start).ConfigureAwait(false);
                    }
                }
            },
            run.Token))).ConfigureAwait(false);

        Expect.Equal(25, reservedCount, "the number of sends reserved under a lifetime cap of 25");
    }

    // Reserves an EveryTime message, then dismisses it so that only the caps decide the next call.
    private static async Task<ReservationStatus> ReserveShown(FrequencyStoreSession s, string visit, string pageView, Instant now, FrequencyPolicy policy)
    {
        var result = await s.Reserve(visit, pageView, now, EveryTimeA, policy).ConfigureAwait(false);
        await s.Outcome(V, visit, "a", VisitorOutcome.Dismissed, now).ConfigureAwait(false);
        return result.Status;
    }
}
