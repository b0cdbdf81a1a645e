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
    public async Task Visitor_IdleLongerThanTheTimeToLive_IsForgotten()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.FromHours(1) });
        ReserveNow(store, Request("visitor", Start));
        await store.RecordOutcomeAsync("ws", "visitor", "v1", "a", VisitorOutcome.Dismissed, Start, CancellationToken.None);

        Assert.Equal(ReservationStatus.FrequencyCapped, ReserveNow(store, Request("visitor", Start + Duration.FromHours(1))).Status);

        // The refusal above was a use: the hour starts again from it.
        var result = ReserveNow(store, Request("visitor", Start + Duration.FromHours(2) + Duration.FromTicks(1)));

        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 0, FirstSendToVisitor: true), result);
    }

    [Fact]
    public void Visitors_IdleLongerThanTheTimeToLive_AreDroppedWhenNewVisitorsArrive()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { VisitorTimeToLive = TimeSpan.FromHours(1) });
        for (var i = 0; i < 100; i++)
        {
            ReserveNow(store, Request($"visitor-{i}", Start));
        }

        ReserveNow(store, Request("late", Start + Duration.FromHours(2)));

        Assert.Equal(1, store.VisitorCount);
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
        Assert.True(ReserveNow(store, Request("visitor-1", Start)).FirstSendToVisitor);
    }

    [Fact]
    public void Capacity_HoldsUnderConcurrentNewVisitors()
    {
        var store = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 1_000 });

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => ReserveNow(store, Request($"visitor-{i}", Start)));

        Assert.InRange(store.VisitorCount, 1, 1_000 + 8);
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

    // The in-memory store completes synchronously; reading the result inline keeps the measured
    // loops free of any awaiting machinery.
    private static ReservationResult ReserveNow(InMemoryFrequencyStore store, ReservationRequest request)
    {
        var task = store.TryReserveAsync(request, CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }
}
