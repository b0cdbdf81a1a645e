using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>What the in-memory frequency store adds to the contract: bounds, eviction, synchronous and allocation-free calls.</summary>
public sealed class InMemoryFrequencyStoreTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 10, 9, 0);
    private static readonly FrequencyCandidate[] OnceA = [new("a", MessageFrequency.Once)];
    private static readonly FrequencyCandidate[] EveryTimeB = [new("b", MessageFrequency.EveryTime)];

    [Fact]
    public void Reserve_CompletesSynchronously()
    {
        var store = new InMemoryFrequencyStore();

        var task = store.TryReserveAsync(Request("visitor", Start), CancellationToken.None);

        Assert.True(task.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Reserve_WhenRefusedForAKnownVisitor_AllocatesNothing()
    {
        var store = new InMemoryFrequencyStore();
        // Caps and windows not reached, so that every check runs on each refused call.
        var policy = new FrequencyPolicy { LifetimeCap = 10, PerVisitCap = 5, Windows = [new FatigueWindow(4, Duration.FromDays(1))] };
        ReadOnlyMemory<FrequencyCandidate> candidates = new FrequencyCandidate[]
        {
            new("a", MessageFrequency.Once),
            new("b", MessageFrequency.OncePerVisit),
            new("c", MessageFrequency.EveryTime),
        };
        var showing = new ReservationRequest("ws", "visitor", "v1", "p1", Start, candidates, policy);
        var capped = new ReservationRequest("ws", "visitor2", "v1", "p1", Start, candidates, policy);
        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, showing).Status);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, capped).Status);
            await store.RecordOutcomeAsync("ws", "visitor2", "v1", null, VisitorOutcome.Dismissed, Start, CancellationToken.None);
        }

        Assert.Equal(ReservationStatus.AnotherMessageShowing, ReserveNow(store, showing).Status);
        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, capped).Status);
        AllocationAssert.ZeroPerCall(() =>
        {
            ReserveNow(store, showing);
            return ReserveNow(store, capped).Status == ReservationStatus.FrequencyCapped;
        });
    }

    [Fact]
    public async Task Visitor_IdleLongerThanTheTimeToLive_StartsAfresh_ButKeepsWhatItWasSent()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.FromHours(1) });
        var policy = new FrequencyPolicy { PerVisitCap = 1 };
        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, Request("visitor", Start, OnceA, policy)).Status);
        await store.RecordOutcomeAsync("ws", "visitor", "v1", null, VisitorOutcome.ConversationStarted, Start, CancellationToken.None);
        Assert.Equal(ReservationStatus.ConversationOpen, ReserveNow(store, Request("visitor", Start + Duration.FromHours(1), EveryTimeB, policy)).Status);

        // The refusal above was a use: the hour starts again from it. Past it, the open
        // conversation, the showing message and the visit (with its per-visit count) are forgotten.
        var late = Start + Duration.FromHours(2) + Duration.FromTicks(1);

        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, Request("visitor", late, OnceA, policy)).Status);
        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 0), ReserveNow(store, Request("visitor", late, EveryTimeB, policy)));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(400)]
    public async Task Once_AfterManyIdleDays_IsNotSentAgain_EvenWhenIdleVisitorsAreSwept(int idleDays)
    {
        var store = new InMemoryFrequencyStore();
        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, Request("visitor", Start)).Status);
        await store.RecordOutcomeAsync("ws", "visitor", "v1", "a", VisitorOutcome.Dismissed, Start, CancellationToken.None);
        var late = Start + Duration.FromDays(idleDays);

        // A new visitor this late runs the sweep of idle visitors.
        ReserveNow(store, Request("newcomer", late));
        Assert.Equal(2, store.VisitorCount);

        var again = ReserveNow(store, new ReservationRequest("ws", "visitor", "v9", "p1", late, OnceA, FrequencyPolicy.Default));

        Assert.Equal(ReservationStatus.FrequencyCapped, again.Status);
    }

    [Fact]
    public async Task Visitors_IdleLongerThanTheTimeToLive_AreDroppedWhenNewVisitorsArrive_UnlessTheyWereSentAMessage()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.FromHours(1) });
        for (var i = 0; i < 100; i++)
        {
            // A conversation outcome remembers a visitor who was never sent a message.
            await store.RecordOutcomeAsync("ws", $"visitor-{i}", "v1", null, VisitorOutcome.ConversationStarted, Start, CancellationToken.None);
        }

        ReserveNow(store, Request("sent", Start));
        Assert.Equal(101, store.VisitorCount);

        ReserveNow(store, Request("late", Start + Duration.FromHours(2)));

        Assert.Equal(2, store.VisitorCount);
        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, Request("sent", Start + Duration.FromHours(2))).Status);
    }

    [Fact]
    public void Once_IsForgottenOnlyByCapacityEviction_LeastRecentlyActiveFirst()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 100, VisitorTimeToLive = TimeSpan.FromHours(1) });
        for (var i = 0; i < 100; i++)
        {
            ReserveNow(store, Request($"visitor-{i}", Start));
        }

        // A month later every visitor is idle; visitor 0 comes back, then a new visitor passes
        // the capacity. Idleness alone drops none of them: the 11 least recently active go.
        var late = Start + Duration.FromDays(30);
        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, Request("visitor-0", late)).Status);
        ReserveNow(store, Request("visitor-100", late));

        Assert.Equal(90, store.VisitorCount);
        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, Request("visitor-0", late)).Status);
        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, Request("visitor-12", late)).Status);
        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, Request("visitor-1", late)).Status);
        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, Request("visitor-11", late)).Status);
    }

    [Fact]
    public void Capacity_WhenExceeded_DropsTheLeastRecentlyUsedVisitors()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 100 });
        for (var i = 0; i < 100; i++)
        {
            ReserveNow(store, Request($"visitor-{i}", Start));
        }

        // Visitor 0 is used again, so visitors 1 to 10 are now the least recently used.
        ReserveNow(store, Request("visitor-0", Start));
        ReserveNow(store, Request("visitor-100", Start));

        Assert.Equal(90, store.VisitorCount);
        Assert.Equal(ReservationStatus.AnotherMessageShowing, ReserveNow(store, Request("visitor-0", Start)).Status);
        Assert.Equal(ReservationStatus.AnotherMessageShowing, ReserveNow(store, Request("visitor-100", Start)).Status);
        Assert.Equal(ReservationStatus.AnotherMessageShowing, ReserveNow(store, Request("visitor-12", Start)).Status);
        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, Request("visitor-1", Start)).Status);
    }

    [Fact]
    public void Capacity_HoldsUnderConcurrentNewVisitors()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 1_000 });

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => ReserveNow(store, Request($"visitor-{i}", Start)));

        Assert.InRange(store.VisitorCount, 1, 1_000 + 8);
    }

    [Fact]
    public void Preview_OfAVisitorNeverSeen_WouldSendEveryCandidate_AndRemembersNoOne()
    {
        var store = new InMemoryFrequencyStore();
        ReadOnlyMemory<FrequencyCandidate> candidates = new FrequencyCandidate[] { new("a", MessageFrequency.Once), new("b", MessageFrequency.EveryTime) };

        var statuses = PreviewNow(store, new ReservationRequest("ws", "stranger", "v1", "p1", Start, candidates, FrequencyPolicy.Default));

        Assert.Equal([ReservationStatus.Reserved, ReservationStatus.Reserved], statuses);
        Assert.Equal(0, store.VisitorCount);
    }

    [Fact]
    public void Preview_OfAVisitorIdleLongerThanTheTimeToLive_AnswersAsTheNextReservationWould()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.FromHours(1) });
        ReserveNow(store, Request("visitor", Start));
        var late = Start + Duration.FromHours(2);
        ReadOnlyMemory<FrequencyCandidate> candidates = new FrequencyCandidate[] { OnceA[0], EveryTimeB[0] };
        var request = new ReservationRequest("ws", "visitor", "v1", "p1", late, candidates, FrequencyPolicy.Default);

        // Before the time to live "a" is showing; after it the showing is forgotten, the Once mark is not.
        Assert.Equal([ReservationStatus.AnotherMessageShowing, ReservationStatus.AnotherMessageShowing], PreviewNow(store, request, Start));
        Assert.Equal([ReservationStatus.FrequencyCapped, ReservationStatus.Reserved], PreviewNow(store, request));
        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 1), ReserveNow(store, request));
    }

    [Fact]
    public void Preview_IsNotAUse_SoItKeepsNoVisitorFromEviction()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 100 });
        for (var i = 0; i < 100; i++)
        {
            ReserveNow(store, Request($"visitor-{i}", Start));
        }

        for (var i = 1; i <= 11; i++)
        {
            PreviewNow(store, Request($"visitor-{i}", Start));
        }

        ReserveNow(store, Request("visitor-100", Start));

        Assert.Equal(ReservationStatus.Reserved, ReserveNow(store, Request("visitor-1", Start)).Status);
    }

    [Fact]
    public void Preview_WithoutCandidates_IsRefusedAsAProgrammingError()
    {
        var store = new InMemoryFrequencyStore();
        var request = new ReservationRequest("ws", "visitor", "v1", "p1", Start, ReadOnlyMemory<FrequencyCandidate>.Empty, FrequencyPolicy.Default);

        Assert.Throws<ArgumentException>(() => PreviewNow(store, request));
    }

    [Fact]
    public void Options_WhenNotPositive_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.Zero }));
    }

    [Fact]
    public void Reserve_WithoutCandidates_IsRefusedAsAProgrammingError()
    {
        var store = new InMemoryFrequencyStore();
        var request = new ReservationRequest("ws", "visitor", "v1", "p1", Start, ReadOnlyMemory<FrequencyCandidate>.Empty, FrequencyPolicy.Default);

        Assert.Throws<ArgumentException>(() => ReserveNow(store, request));
    }

    private static ReservationRequest Request(string visitor, Instant now) =>
        new("ws", visitor, "v1", "p1", now, OnceA, FrequencyPolicy.Default);

    private static ReservationRequest Request(string visitor, Instant now, FrequencyCandidate[] candidates, FrequencyPolicy policy) =>
        new("ws", visitor, "v1", "p1", now, candidates, policy);

    private static ReservationStatus[] PreviewNow(InMemoryFrequencyStore store, ReservationRequest request)
    {
        var task = store.PreviewAsync(request, CancellationToken.None);
        return task.IsCompletedSuccessfully ? [.. task.Result] : throw new InvalidOperationException("The store did not complete synchronously.");
    }

    private static ReservationStatus[] PreviewNow(InMemoryFrequencyStore store, ReservationRequest request, Instant at) =>
        PreviewNow(store, new ReservationRequest(request.WorkspaceId, request.VisitorId, request.VisitId, request.PageViewId, at, request.Candidates, request.Policy));

    // The in-memory store completes synchronously; reading the result inline keeps the measured
    // loops free of any awaiting machinery.
    private static ReservationResult ReserveNow(InMemoryFrequencyStore store, ReservationRequest request)
    {
        var task = store.TryReserveAsync(request, CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }
}
