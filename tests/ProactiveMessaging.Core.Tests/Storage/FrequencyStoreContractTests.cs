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

        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 1, FirstSendToVisitor: true), result);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FirstSendToVisitor_IsTrueOnlyTheFirstTimeTheMessageIsSent(StoreKind kind)
    {
        var store = StoreFactories.CreateFrequencyStore(kind);
        Assert.True((await Reserve(store, "v1", "p1", Start, EveryTimeA)).FirstSendToVisitor);
        await Dismiss(store, "v1", "a");

        var again = await Reserve(store, "v1", "p2", Start, EveryTimeA);

        Assert.Equal(ReservationStatus.Reserved, again.Status);
        Assert.False(again.FirstSendToVisitor);
        Assert.True((await Send(store, "other-visitor", "v1", "p1", Start, FrequencyPolicy.Default, [EveryTimeA])).FirstSendToVisitor);
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

        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 0, FirstSendToVisitor: true), result);
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
                        Assert.True(result.FirstSendToVisitor);
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

    private ValueTask Dismiss(IFrequencyStore store, string visit, string messageId) =>
        store.RecordOutcomeAsync(_workspace, "visitor", visit, messageId, VisitorOutcome.Dismissed, Start, TestContext.Current.CancellationToken);
}
