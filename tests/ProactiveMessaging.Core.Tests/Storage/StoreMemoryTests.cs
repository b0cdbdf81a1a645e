using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>Measurements of the whole process's heap: they run alone.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class HeapMeasurements;

/// <summary>
/// Measures the memory the in-memory stores keep per tracked visitor (the figures in
/// docs/storage.md) and guards them against regressions.
/// </summary>
[Collection(typeof(HeapMeasurements))]
public sealed class StoreMemoryTests
{
    private const int Visitors = 20_000;
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 10, 9, 0);

    [Fact]
    public async Task FrequencyStore_KeepsLessThan320BytesPerVisitor_WithThreeSendsEach()
    {
        // The ids exist before and after the measurement: only the store's own structures count.
        var visitorIds = Enumerable.Range(0, Visitors).Select(static i => Guid.NewGuid().ToString()).ToArray();
        var visitIds = Enumerable.Range(0, Visitors).Select(static i => Guid.NewGuid().ToString()).ToArray();
        var pageViewIds = Enumerable.Range(0, 3).Select(static i => $"page-{i}").ToArray();
        FrequencyCandidate[][] candidates =
        [
            [new("welcome", MessageFrequency.Once)],
            [new("offer", MessageFrequency.OncePerVisit)],
            [new("help", MessageFrequency.EveryTime)],
        ];
        var policy = new FrequencyPolicy { LifetimeCap = 20, Windows = [new FatigueWindow(3, Duration.FromDays(1))] };

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new InMemoryFrequencyStore();
        for (var v = 0; v < Visitors; v++)
        {
            for (var send = 0; send < 3; send++)
            {
                var request = new ReservationRequest("ws", visitorIds[v], visitIds[v], pageViewIds[send], Start, candidates[send], policy);
                await store.TryReserveAsync(request, CancellationToken.None);
                await store.RecordOutcomeAsync("ws", visitorIds[v], visitIds[v], null, VisitorOutcome.Dismissed, Start, CancellationToken.None);
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perVisitor = (after - before) / (double)Visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"In-memory frequency store: {perVisitor:F0} bytes per visitor ({store.VisitorCount} visitors).");
        GC.KeepAlive(store);
        GC.KeepAlive(visitorIds);
        GC.KeepAlive(visitIds);

        Assert.Equal(Visitors, store.VisitorCount);
        Assert.InRange(perVisitor, 1, 320);
    }

    [Fact]
    public async Task FrequencyStore_KeepsLessThan96BytesPerVisitor_SentOneMessage()
    {
        // The common visitor, at the default capacity: one message sent, in one visit and page view.
        const int visitors = 100_000;
        var visitorIds = Enumerable.Range(0, visitors).Select(static i => Guid.NewGuid().ToString()).ToArray();
        FrequencyCandidate[] candidates = [new("welcome", MessageFrequency.Once)];

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new InMemoryFrequencyStore();
        foreach (var visitor in visitorIds)
        {
            var request = new ReservationRequest("ws", visitor, "visit-1", "page-1", Start, candidates, FrequencyPolicy.Default);
            Assert.Equal(ReservationStatus.Reserved, (await store.TryReserveAsync(request, CancellationToken.None)).Status);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perVisitor = (after - before) / (double)visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"In-memory frequency store: {perVisitor:F0} bytes per visitor sent one message ({store.VisitorCount} visitors).");
        GC.KeepAlive(store);
        GC.KeepAlive(visitorIds);

        Assert.Equal(visitors, store.VisitorCount);
        Assert.InRange(perVisitor, 1, 96);
    }

    [Fact]
    public async Task MetricsStore_KeepsLessThan64BytesPerPair()
    {
        var visitorIds = Enumerable.Range(0, Visitors).Select(static i => Guid.NewGuid().ToString()).ToArray();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new InMemoryMetricsStore();
        foreach (var visitor in visitorIds)
        {
            await store.RecordAsync("ws", "welcome", visitor, MessageMetric.Sent, default, CancellationToken.None);
            await store.RecordAsync("ws", "welcome", visitor, MessageMetric.Opened, default, CancellationToken.None);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perPair = (after - before) / (double)Visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"In-memory metrics store: {perPair:F0} bytes per (message, visitor) pair.");
        GC.KeepAlive(store);
        GC.KeepAlive(visitorIds);

        Assert.Equal(Visitors, store.PairCount);
        Assert.InRange(perPair, 1, 64);
    }

    [Fact]
    public async Task ExperimentStore_KeepsLessThan80BytesPerExposure()
    {
        var visitorIds = Enumerable.Range(0, Visitors).Select(static i => Guid.NewGuid().ToString()).ToArray();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new InMemoryExperimentStore();
        var week = Duration.FromDays(7);
        for (var i = 0; i < visitorIds.Length; i++)
        {
            var visitor = visitorIds[i];
            await store.RecordExposureAsync("ws", "welcome", i % 2 == 0 ? "variant-a" : "variant-b", visitor, default, CancellationToken.None);
            await store.RecordAsync("ws", "welcome", visitor, ArmMetric.Opened, default, week, CancellationToken.None);
            await store.RecordAsync("ws", "welcome", visitor, ArmMetric.Converted, default, week, CancellationToken.None);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perExposure = (after - before) / (double)Visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"In-memory experiment store: {perExposure:F0} bytes per (message, visitor) exposure.");
        GC.KeepAlive(store);
        GC.KeepAlive(visitorIds);

        Assert.Equal(Visitors, store.ExposureCount);
        Assert.InRange(perExposure, 1, 80);
    }
}
