using System.Collections.Concurrent;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>The rules every <see cref="IFrequencyStore"/> must keep, run against each store kind.</summary>
public sealed class FrequencyStoreContractTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 10, 9, 0);
    private static readonly FrequencyCandidate OnceA = new("a", MessageFrequency.Once);
    private static readonly FrequencyCandidate OnceB = new("b", MessageFrequency.Once);
    private static readonly FrequencyCandidate PerVisitA = new("a", MessageFrequency.OncePerVisit);
    private static readonly FrequencyCandidate EveryTimeA = new("a", MessageFrequency.EveryTime);
    private static readonly FrequencyCandidate EveryTimeB = new("b", MessageFrequency.EveryTime);

    // Each test uses its own workspace, so that a shared store needs no cleaning between tests.
    private readonly string _workspace = "ws-" + Guid.NewGuid().ToString("N");

    public static TheoryData<StoreKind> Kinds() => StoreFactories.FrequencyStoreKinds();

    // --- Each message's own frequency ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Once_IsNeverReservedAgain_InLaterPageViewsOrVisits(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v1", "p1", Start, OnceA)).Status);
        await Dismiss(store, "v1", "a");

        Assert.Equal(ReservationStatus.FrequencyCapped, (await Reserve(store, "v1", "p2", Start, OnceA)).Status);
        Assert.Equal(ReservationStatus.FrequencyCapped, (await Reserve(store, "v2", "p1", Start + Duration.FromDays(1), OnceA)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task OncePerVisit_IsReservedAgainInANewVisitOnly(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v1", "p1", Start, PerVisitA)).Status);
        await Dismiss(store, "v1", "a");

        Assert.Equal(ReservationStatus.FrequencyCapped, (await Reserve(store, "v1", "p2", Start, PerVisitA)).Status);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v2", "p1", Start, PerVisitA)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryTime_IsReservedOncePerPageView_AndAgainOnTheNextPageView(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v1", "p1", Start, EveryTimeA)).Status);
        await Dismiss(store, "v1", "a");

        Assert.Equal(ReservationStatus.FrequencyCapped, (await Reserve(store, "v1", "p1", Start, EveryTimeA)).Status);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v1", "p2", Start, EveryTimeA)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Priority_TheFirstAllowedCandidateWins_WithItsIndex(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await Reserve(store, "v1", "p1", Start, OnceA);
        await Dismiss(store, "v1", "a");

        var result = await Reserve(store, "v1", "p2", Start, OnceA, EveryTimeB, new FrequencyCandidate("c", MessageFrequency.Once));

        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 1), result);
    }

    // --- The message showing ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Showing_BlocksEveryCandidateInTheSameVisit(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await Reserve(store, "v1", "p1", Start, EveryTimeA);

        var result = await Reserve(store, "v1", "p2", Start, EveryTimeB);

        Assert.Equal(ReservationResult.Refused(ReservationStatus.AnotherMessageShowing), result);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Showing_StopsBlockingAfterAnOutcomeThatHidesIt(StoreKind kind)
    {
        foreach (var outcome in new[] { VisitorOutcome.Opened, VisitorOutcome.Dismissed, VisitorOutcome.WindowClosed })
        {
            var store = StoreFactories.CreateFrequencyStore(kind);
            await Reserve(store, "v1", "p1", Start, EveryTimeA);
            await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "a", outcome, Start, TestContext.Current.CancellationToken);

            Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v1", "p1", Start, EveryTimeB)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Showing_KeepsBlockingAfterRepliedOrAnOutcomeAboutAnotherMessage(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await Reserve(store, "v1", "p1", Start, EveryTimeA);
        await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "a", VisitorOutcome.Replied, Start, TestContext.Current.CancellationToken);
        await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "b", VisitorOutcome.Dismissed, Start, TestContext.Current.CancellationToken);

        Assert.Equal(ReservationStatus.AnotherMessageShowing, (await Reserve(store, "v1", "p2", Start, EveryTimeB)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Showing_StopsBlockingInANewVisit(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await Reserve(store, "v1", "p1", Start, EveryTimeA);

        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v2", "p1", Start, EveryTimeB)).Status);
    }

    // --- The conversation ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ConversationOpen_Refuses_UntilItEnds(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await store.RecordOutcomeAsync(_workspace, "visitor", "v1", null, VisitorOutcome.ConversationStarted, Start, TestContext.Current.CancellationToken);

        Assert.Equal(ReservationResult.Refused(ReservationStatus.ConversationOpen), await Reserve(store, "v1", "p1", Start, EveryTimeA));

        await store.RecordOutcomeAsync(_workspace, "visitor", "v1", null, VisitorOutcome.ConversationEnded, Start, TestContext.Current.CancellationToken);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v1", "p1", Start, EveryTimeA)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ConversationOpen_IsAllowed_WhenThePolicySaysSo(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await store.RecordOutcomeAsync(_workspace, "visitor", "v1", null, VisitorOutcome.ConversationStarted, Start, TestContext.Current.CancellationToken);

        var result = await Reserve(store, "v1", "p1", Start, EveryTimeA, new FrequencyPolicy { AllowWhileConversationOpen = true });

        Assert.Equal(ReservationStatus.Reserved, result.Status);
    }

    // --- Workspace caps ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task LifetimeCap_RefusesOnceReached_AcrossVisits(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var policy = new FrequencyPolicy { LifetimeCap = 2 };
        for (var visit = 1; visit <= 2; visit++)
        {
            Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, $"v{visit}", "p1", Start, EveryTimeA, policy)).Status);
        }

        var result = await Reserve(store, "v3", "p1", Start + Duration.FromHours(5), EveryTimeA, policy);

        Assert.Equal(ReservationResult.Refused(ReservationStatus.FatigueCapped), result);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task PerVisitCap_RefusesOnceReached_AndStartsOverInANewVisit(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var policy = new FrequencyPolicy { PerVisitCap = 1 };
        await Reserve(store, "v1", "p1", Start, EveryTimeA, policy);
        await Dismiss(store, "v1", "a");

        Assert.Equal(ReservationStatus.FatigueCapped, (await Reserve(store, "v1", "p2", Start, EveryTimeB, policy)).Status);
        Assert.Equal(ReservationStatus.Reserved, (await Reserve(store, "v2", "p1", Start, EveryTimeB, policy)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Windows_AtMostTwoPerVisitAndThreePerDay_SlideWithNow(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var policy = new FrequencyPolicy { PerVisitCap = 2, Windows = [new FatigueWindow(3, Duration.FromDays(1))] };
        var hour = Duration.FromHours(1);

        // Visit 1 at 9:00 and 10:00: two sends, then the per-visit cap.
        Assert.Equal(ReservationStatus.Reserved, (await ReserveShown(store, "v1", "p1", Start, policy)).Status);
        Assert.Equal(ReservationStatus.Reserved, (await ReserveShown(store, "v1", "p2", Start + hour, policy)).Status);
        Assert.Equal(ReservationStatus.FatigueCapped, (await ReserveShown(store, "v1", "p3", Start + (2 * hour), policy)).Status);

        // Visit 2 at 12:00: a third send; the fourth is over three per day.
        Assert.Equal(ReservationStatus.Reserved, (await ReserveShown(store, "v2", "p1", Start + (3 * hour), policy)).Status);
        Assert.Equal(ReservationStatus.FatigueCapped, (await ReserveShown(store, "v2", "p2", Start + (4 * hour), policy)).Status);

        // The next day at 8:59 the 9:00 send is still in the window; at 9:00 it slides out.
        Assert.Equal(ReservationStatus.FatigueCapped, (await ReserveShown(store, "v3", "p1", Start + Duration.FromDays(1) - Duration.FromMinutes(1), policy)).Status);
        Assert.Equal(ReservationStatus.Reserved, (await ReserveShown(store, "v3", "p2", Start + Duration.FromDays(1), policy)).Status);
        Assert.Equal(ReservationStatus.FatigueCapped, (await ReserveShown(store, "v3", "p3", Start + Duration.FromDays(1), policy)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RuleOrder_ConversationThenShowingThenCapsThenFrequency(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var policy = new FrequencyPolicy { LifetimeCap = 1 };
        await Reserve(store, "v1", "p1", Start, OnceA, policy);

        // Showing, capped and frequency-capped at once: showing wins.
        Assert.Equal(ReservationStatus.AnotherMessageShowing, (await Reserve(store, "v1", "p1", Start, OnceA, policy)).Status);

        // Capped and frequency-capped: the cap wins.
        await Dismiss(store, "v1", "a");
        Assert.Equal(ReservationStatus.FatigueCapped, (await Reserve(store, "v1", "p1", Start, OnceA, policy)).Status);

        // With the conversation open, the conversation wins over everything.
        await store.RecordOutcomeAsync(_workspace, "visitor", "v2", null, VisitorOutcome.ConversationStarted, Start, TestContext.Current.CancellationToken);
        Assert.Equal(ReservationStatus.ConversationOpen, (await Reserve(store, "v2", "p1", Start, OnceA, policy)).Status);
    }

    // --- Outcomes about messages ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RecordOutcome_AboutAMessageNeverSentToTheVisitor_ReturnsFalse_AndChangesNothing(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        await Reserve(store, "v1", "p1", Start, EveryTimeA);
        var token = TestContext.Current.CancellationToken;

        foreach (var outcome in new[] { VisitorOutcome.Opened, VisitorOutcome.Dismissed, VisitorOutcome.WindowClosed, VisitorOutcome.Replied })
        {
            Assert.False(await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "b", outcome, Start, token));
            Assert.False(await store.RecordOutcomeAsync(_workspace, "stranger", "v1", "a", outcome, Start, token));
        }

        Assert.Equal(ReservationStatus.AnotherMessageShowing, (await Reserve(store, "v1", "p2", Start, EveryTimeB)).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RecordOutcome_AboutASentMessageOrTheConversation_ReturnsTrue(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var token = TestContext.Current.CancellationToken;
        await Reserve(store, "v1", "p1", Start, OnceA);

        Assert.True(await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "a", VisitorOutcome.Opened, Start, token));
        Assert.True(await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "a", VisitorOutcome.Opened, Start, token));
        Assert.True(await store.RecordOutcomeAsync(_workspace, "visitor", "v2", "a", VisitorOutcome.Replied, Start, token));
        Assert.True(await store.RecordOutcomeAsync(_workspace, "visitor", "v2", null, VisitorOutcome.WindowClosed, Start, token));
        Assert.True(await store.RecordOutcomeAsync(_workspace, "stranger", "v1", null, VisitorOutcome.WindowClosed, Start, token));
        Assert.True(await store.RecordOutcomeAsync(_workspace, "stranger", "v1", "b", VisitorOutcome.ConversationStarted, Start, token));
        Assert.True(await store.RecordOutcomeAsync(_workspace, "nobody", "v1", null, VisitorOutcome.ConversationEnded, Start, token));
        Assert.Equal(ReservationStatus.ConversationOpen, (await Send(store, "stranger", "v1", "p1", Start, FrequencyPolicy.Default, [OnceA])).Status);
    }

    // --- Idle time ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Once_IsNeverReservedAgain_AfterEightOrFourHundredIdleDays(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        foreach (var days in new[] { 8, 400 })
        {
            var visitor = $"idle-{days}";
            Assert.Equal(ReservationStatus.Reserved, (await Send(store, visitor, "v1", "p1", Start, FrequencyPolicy.Default, [OnceA])).Status);
            var late = Start + Duration.FromDays(days);

            // Other visitors arriving late give a bounded store its chance to drop idle ones.
            for (var i = 0; i < 10; i++)
            {
                await Send(store, $"late-{days}-{i}", "v1", "p1", late, FrequencyPolicy.Default, [OnceB]);
            }

            Assert.Equal(ReservationStatus.FrequencyCapped, (await Send(store, visitor, "v2", "p1", late, FrequencyPolicy.Default, [OnceA])).Status);
        }
    }

    // --- Preview ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Preview_AnswersEachCandidateAsItsReservationAloneWould_AndRecordsNothing(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var onceC = new FrequencyCandidate("c", MessageFrequency.Once);
        await Reserve(store, "v1", "p1", Start, OnceA);
        await Dismiss(store, "v1", "a");
        await Reserve(store, "v1", "p1", Start, PerVisitA with { MessageId = "b" });
        await Dismiss(store, "v1", "b");
        await Reserve(store, "v1", "p1", Start, EveryTimeA with { MessageId = "d" });
        await Dismiss(store, "v1", "d");
        FrequencyCandidate[] all = [OnceA, PerVisitA with { MessageId = "b" }, onceC, EveryTimeA with { MessageId = "d" }];
        const ReservationStatus Capped = ReservationStatus.FrequencyCapped;
        const ReservationStatus Sent = ReservationStatus.Reserved;

        Assert.Equal([Capped, Capped, Sent, Capped], await Preview(store, "v1", "p1", all));
        Assert.Equal([Capped, Capped, Sent, Capped], await Preview(store, "v1", "p1", all));
        Assert.Equal([Capped, Capped, Sent, Sent], await Preview(store, "v1", "p2", all));
        Assert.Equal([Capped, Sent, Sent, Sent], await Preview(store, "v2", "p1", all));

        // Nothing was recorded: "c" was never sent, and the visit and page view are still v1 and p1.
        Assert.Equal(new ReservationResult(Sent, 2), await Reserve(store, "v1", "p1", Start, all));
        await Dismiss(store, "v1", "c");
        Assert.Equal(ReservationResult.Refused(Capped), await Reserve(store, "v1", "p1", Start, all));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Preview_VisitorWideRefusals_ApplyToEveryCandidate(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        FrequencyCandidate[] both = [OnceB, EveryTimeB with { MessageId = "c" }];
        await Reserve(store, "v1", "p1", Start, OnceA);
        Assert.Equal([ReservationStatus.AnotherMessageShowing, ReservationStatus.AnotherMessageShowing], await Preview(store, "v1", "p2", both));

        await Dismiss(store, "v1", "a");
        var capped = await store.PreviewAsync(new ReservationRequest(_workspace, "visitor", "v1", "p2", Start, both, new FrequencyPolicy { LifetimeCap = 1 }), TestContext.Current.CancellationToken);
        Assert.Equal([ReservationStatus.FatigueCapped, ReservationStatus.FatigueCapped], capped);

        await store.RecordOutcomeAsync(_workspace, "visitor", "v1", null, VisitorOutcome.ConversationStarted, Start, TestContext.Current.CancellationToken);
        Assert.Equal([ReservationStatus.ConversationOpen, ReservationStatus.ConversationOpen], await Preview(store, "v1", "p2", both));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Preview_AgreesWithTheReservationMadeRightAfter_AndChangesNoLaterAnswer(StoreKind kind)
    {
        // Two stores live the same random history; one is also asked for a preview before every
        // step. The preview must predict each reservation, and the two stores must never differ.
        var previewed = StoreFactories.CreateFrequencyStore(kind);
        var plain = StoreFactories.CreateFrequencyStore(kind);
        var random = new Random(10);
        FrequencyCandidate[] messages = [OnceA, OnceB, PerVisitA with { MessageId = "c" }, EveryTimeA with { MessageId = "d" }, EveryTimeB with { MessageId = "e" }];
        var policy = new FrequencyPolicy { PerVisitCap = 3, Windows = [new FatigueWindow(4, Duration.FromHours(6))] };
        var now = Start;
        var token = TestContext.Current.CancellationToken;
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
                var applied = await previewed.RecordOutcomeAsync(_workspace, visitor, visit, messageId, outcome, now, token);
                Assert.Equal(await plain.RecordOutcomeAsync(_workspace, visitor, visit, messageId, outcome, now, token), applied);
                continue;
            }

            var request = new ReservationRequest(_workspace, visitor, visit, pageView, now, offered, policy);
            var statuses = await previewed.PreviewAsync(request, token);
            var result = await previewed.TryReserveAsync(request, token);

            Assert.Equal(await plain.TryReserveAsync(request, token), result);
            Assert.Equal(offered.Length, statuses.Length);
            var first = statuses.IndexOf(ReservationStatus.Reserved);
            Assert.Equal(first >= 0 ? ReservationStatus.Reserved : statuses[0], result.Status);
            Assert.Equal(first, result.CandidateIndex);
        }
    }

    // --- Isolation ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Workspaces_AreIsolated(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        var other = _workspace + "-other";
        await Reserve(store, "v1", "p1", Start, OnceA);

        var result = await store.TryReserveAsync(
            new ReservationRequest(other, "visitor", "v1", "p1", Start, new[] { OnceA }, FrequencyPolicy.Default),
            TestContext.Current.CancellationToken);

        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 0), result);
    }

    // --- Concurrency ---

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrency_OnceIsReservedAtMostOncePerVisitor_AndCountsAreExact(StoreKind kind)
    {
        const int Threads = 8;
        const int Visitors = 200;
        const int Rounds = 50;
        var store = StoreFactories.CreateFrequencyStore(kind);
        var candidates = new[] { OnceA, OnceB };
        var reserved = new ConcurrentDictionary<(string Visitor, int Index), int>();
        var refusals = 0;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                for (var v = 0; v < Visitors; v++)
                {
                    // Every thread walks the visitors in its own order, so that they collide.
                    var visitor = $"visitor-{(v + (thread * 37)) % Visitors}";
                    var request = new ReservationRequest(_workspace, visitor, "v1", $"p{round}", Start, candidates, FrequencyPolicy.Default);
                    var result = await store.TryReserveAsync(request, CancellationToken.None);
                    if (result.Status == ReservationStatus.Reserved)
                    {
                        reserved.AddOrUpdate((visitor, result.CandidateIndex), 1, static (_, n) => n + 1);
                        await store.RecordOutcomeAsync(_workspace, visitor, "v1", candidates[result.CandidateIndex].MessageId, VisitorOutcome.Dismissed, Start, CancellationToken.None);
                    }
                    else
                    {
                        Interlocked.Increment(ref refusals);
                    }
                }
            }
        }, TestContext.Current.CancellationToken)));

        // Each visitor got a once and b once, never more; every other call was refused.
        Assert.Equal(Visitors * 2, reserved.Count);
        Assert.All(reserved.Values, n => Assert.Equal(1, n));
        Assert.Equal((Threads * Visitors * Rounds) - (Visitors * 2), refusals);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrency_CapsHoldForOneVisitorUnderContention(StoreKind kind)
    {
        const int Threads = 8;
        var store = StoreFactories.CreateFrequencyStore(kind);
        var policy = new FrequencyPolicy { LifetimeCap = 25, AllowWhileConversationOpen = true };
        var candidates = new[] { EveryTimeA };
        var reservedCount = 0;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                // Each call is a new page view, so only the showing message and the cap refuse.
                var request = new ReservationRequest(_workspace, "visitor", "v1", $"p{thread}-{i}", Start, candidates, policy);
                if ((await store.TryReserveAsync(request, CancellationToken.None)).Status == ReservationStatus.Reserved)
                {
                    Interlocked.Increment(ref reservedCount);
                    await store.RecordOutcomeAsync(_workspace, "visitor", "v1", "a", VisitorOutcome.Opened, Start, CancellationToken.None);
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(25, reservedCount);
    }

    private ValueTask<ReservationResult> Reserve(IFrequencyStore store, string visit, string pageView, Instant now, params FrequencyCandidate[] candidates) =>
        Send(store, "visitor", visit, pageView, now, FrequencyPolicy.Default, candidates);

    private ValueTask<ReservationResult> Reserve(IFrequencyStore store, string visit, string pageView, Instant now, FrequencyCandidate candidate, FrequencyPolicy policy) =>
        Send(store, "visitor", visit, pageView, now, policy, [candidate]);

    private ValueTask<ReservationResult> Send(IFrequencyStore store, string visitor, string visit, string pageView, Instant now, FrequencyPolicy policy, FrequencyCandidate[] candidates) =>
        store.TryReserveAsync(
            new ReservationRequest(_workspace, visitor, visit, pageView, now, candidates, policy),
            TestContext.Current.CancellationToken);

    // Reserves an EveryTime message, then dismisses it so that only the caps decide the next call.
    private async Task<ReservationResult> ReserveShown(IFrequencyStore store, string visit, string pageView, Instant now, FrequencyPolicy policy)
    {
        var result = await Reserve(store, visit, pageView, now, EveryTimeA, policy);
        await store.RecordOutcomeAsync(_workspace, "visitor", visit, "a", VisitorOutcome.Dismissed, now, TestContext.Current.CancellationToken);
        return result;
    }

    private async Task<ReservationStatus[]> Preview(IFrequencyStore store, string visit, string pageView, FrequencyCandidate[] candidates) =>
        [.. await store.PreviewAsync(new ReservationRequest(_workspace, "visitor", visit, pageView, Start, candidates, FrequencyPolicy.Default), TestContext.Current.CancellationToken)];

    private ValueTask<bool> Dismiss(IFrequencyStore store, string visit, string messageId) =>
        store.RecordOutcomeAsync(_workspace, "visitor", visit, messageId, VisitorOutcome.Dismissed, Start, TestContext.Current.CancellationToken);
}
