using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;
using ProactiveMessaging.Tests.Storage;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// Measures what the engine keeps per tracked visitor, over the visit tracker and both in-memory
/// stores (the figures in docs/storage.md and docs/benchmarks.md), and guards it against regressions.
/// </summary>
[Collection(typeof(HeapMeasurements))]
public sealed class EngineMemoryTests
{
    /// <summary>As many visitors as the default capacities hold, so that the tables' growth is measured at scale.</summary>
    private const int Visitors = 100_000;

    /// <summary>
    /// What every store and the visit tracking keep together per visitor, at most: ~196 measured on
    /// 2 cores, with room for the unused room of more shards on more cores.
    /// </summary>
    private const int BytesPerVisitor = 216;

    /// <summary>Between two new visitors: 100,000 visitors arrive over an hour, two inactivity gaps.</summary>
    private static readonly TimeSpan Arrivals = TimeSpan.FromMilliseconds(36);

    [Theory]
    [InlineData(false)] // The engine numbers visits and page views: the tracker keeps a cursor, the ids are shared.
    [InlineData(true)] // The host passes its ids: nothing in the tracker; the frequency store refers to the host's strings.
    public async Task Engine_KeepsAtMost216BytesPerVisitor_ShownAndOpenedOneMessage(bool hostIds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), timeProvider: time);
        var draft = (await catalog.CreateAsync("ws", Definitions.Agent(), TestContext.Current.CancellationToken)).GetValueOrThrow();
        var message = (await catalog.PublishAsync("ws", draft.Id, draft.Version, Snapshots.Healthy, TestContext.Current.CancellationToken)).EnsureSucceeded().Message!;

        // Room for every visitor: what is measured is what they cost, not an eviction.
        var frequency = new InMemoryFrequencyStore(new InMemoryFrequencyStoreOptions { MaxVisitors = 2 * Visitors });
        var metrics = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { MaxPairs = 2 * Visitors });
        using var engine = new ProactiveEngine(frequency, metrics, new ProactiveMessagingOptions { MaxTrackedVisitors = 2 * Visitors }, time);
        Assert.Empty(engine.ApplyLiveSet(catalog.GetLiveSet("ws"), Snapshots.Healthy));
        var visitor = new VisitorContext(engine.Fields);
        visitor.SetPageUrl("https://shop.example/pricing");

        // The ids exist before and after the measurement: they are the host's, and only the
        // engine's own structures (and the ids it builds) count.
        var visitorIds = Enumerable.Range(0, Visitors).Select(static _ => Guid.NewGuid().ToString()).ToArray();
        var visitIds = Enumerable.Range(0, Visitors).Select(static _ => Guid.NewGuid().ToString()).ToArray();
        await ShowAndOpenAsync(engine, visitor, message.Id, "warm-up", hostIds ? "warm-up-visit" : null);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var v = 0; v < Visitors; v++)
        {
            time.Advance(Arrivals);
            await ShowAndOpenAsync(engine, visitor, message.Id, visitorIds[v], hostIds ? visitIds[v] : null);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perVisitor = (after - before) / (double)Visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"Engine ({(hostIds ? "host ids" : "engine-tracked visits")}): {perVisitor:F0} bytes per visitor.");
        GC.KeepAlive(engine);
        GC.KeepAlive(visitorIds);
        GC.KeepAlive(visitIds);

        Assert.Equal(Visitors + 1, frequency.VisitorCount);
        Assert.Equal(Visitors + 1, metrics.PairCount);
        Assert.InRange(perVisitor, 1, BytesPerVisitor);
    }
    private static async Task ShowAndOpenAsync(ProactiveEngine engine, VisitorContext visitor, string messageId, string visitorId, string? visitId)
    {
        var decision = await engine.DecideAsync(
            new VisitorEvent { WorkspaceId = "ws", ChannelId = Snapshots.WebChannel, VisitorId = visitorId, VisitId = visitId, PageViewId = visitId is null ? null : "page-1", Kind = VisitorEventKind.PageView, Visitor = visitor },
            TestContext.Current.CancellationToken);
        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
        var recorded = await engine.RecordOutcomeAsync(
            new OutcomeEvent { WorkspaceId = "ws", VisitorId = visitorId, VisitId = visitId, MessageId = messageId, Outcome = VisitorOutcome.Opened },
            TestContext.Current.CancellationToken);
        Assert.Equal(OutcomeRecording.Recorded, recorded);
    }
}
