using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>The rules every <see cref="IMetricsStore"/> must keep, run against each store kind.</summary>
public sealed class MetricsStoreContractTests
{
    // Each test uses its own workspace, so that a shared store needs no cleaning between tests.
    private readonly string _workspace = "ws-" + Guid.NewGuid().ToString("N");

    public static TheoryData<StoreKind> Kinds() => StoreFactories.MetricsStoreKinds();

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Get_ForAMessageNeverCounted_IsZero(StoreKind kind)
    {
        var store = StoreFactories.CreateMetricsStore(kind);

        Assert.Equal(MessageMetrics.Zero, await store.GetAsync(_workspace, "a", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task GetMany_ReturnsEachMessagesCountsInTheOrderAsked(StoreKind kind)
    {
        var store = StoreFactories.CreateMetricsStore(kind);
        await Record(store, "a", "v1", MessageMetric.Sent);
        await Record(store, "a", "v1", MessageMetric.Opened);
        await Record(store, "b", "v1", MessageMetric.Sent);
        await Record(store, "b", "v2", MessageMetric.Sent);

        var counts = await store.GetManyAsync(_workspace, ["b", "never", "a"], TestContext.Current.CancellationToken);

        Assert.Equal([new MessageMetrics(2, 0, 0), MessageMetrics.Zero, new MessageMetrics(1, 1, 0)], counts);
        Assert.Empty(await store.GetManyAsync(_workspace, [], TestContext.Current.CancellationToken));
        Assert.Equal([MessageMetrics.Zero], await store.GetManyAsync("ws-other", ["a"], TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Record_CountsEachVisitorOncePerMeasure(StoreKind kind)
    {
        var store = StoreFactories.CreateMetricsStore(kind);

        Assert.True(await Record(store, "a", "visitor", MessageMetric.Sent));
        Assert.False(await Record(store, "a", "visitor", MessageMetric.Sent));
        Assert.True(await Record(store, "a", "visitor", MessageMetric.Opened));
        Assert.False(await Record(store, "a", "visitor", MessageMetric.Opened));
        Assert.True(await Record(store, "a", "visitor", MessageMetric.Replied));
        Assert.False(await Record(store, "a", "visitor", MessageMetric.Replied));
        Assert.True(await Record(store, "a", "other", MessageMetric.Sent));

        Assert.Equal(new MessageMetrics(2, 1, 1), await store.GetAsync(_workspace, "a", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Record_OpenedOrReplied_CountsOnlyAVisitorCountedAsSent(StoreKind kind)
    {
        var store = StoreFactories.CreateMetricsStore(kind);
        await Record(store, "b", "visitor", MessageMetric.Sent);

        Assert.False(await Record(store, "a", "visitor", MessageMetric.Opened));
        Assert.False(await Record(store, "a", "visitor", MessageMetric.Replied));

        Assert.Equal(MessageMetrics.Zero, await store.GetAsync(_workspace, "a", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Record_KeepsMessagesAndWorkspacesApart(StoreKind kind)
    {
        var store = StoreFactories.CreateMetricsStore(kind);
        await Record(store, "a", "visitor", MessageMetric.Sent);
        await store.RecordAsync(_workspace + "-other", "a", "visitor", MessageMetric.Sent, default, TestContext.Current.CancellationToken);
        await store.RecordAsync(_workspace + "-other", "a", "visitor", MessageMetric.Opened, default, TestContext.Current.CancellationToken);

        Assert.Equal(new MessageMetrics(1, 0, 0), await store.GetAsync(_workspace, "a", TestContext.Current.CancellationToken));
        Assert.Equal(MessageMetrics.Zero, await store.GetAsync(_workspace, "b", TestContext.Current.CancellationToken));
        Assert.Equal(new MessageMetrics(1, 1, 0), await store.GetAsync(_workspace + "-other", "a", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrency_ManyThreadsFor10000Visitors_CountExactly(StoreKind kind)
    {
        const int Visitors = 10_000;
        const int Threads = 8;
        var store = StoreFactories.CreateMetricsStore(kind);
        var visitors = Enumerable.Range(0, Visitors).Select(static i => $"visitor-{i}").ToArray();
        var counted = 0;

        // Every thread records every visitor's sent and opened (opened may race ahead of sent and
        // then not count), twice, so each pair is contended.
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
        {
            for (var round = 0; round < 2; round++)
            {
                for (var i = 0; i < Visitors; i++)
                {
                    var visitor = visitors[(i + (thread * 1_249)) % Visitors];
                    var first = (thread + round) % 2 == 0 ? MessageMetric.Opened : MessageMetric.Sent;
                    var second = first == MessageMetric.Sent ? MessageMetric.Opened : MessageMetric.Sent;
                    if (await store.RecordAsync(_workspace, "a", visitor, first, default, CancellationToken.None))
                    {
                        Interlocked.Increment(ref counted);
                    }

                    if (await store.RecordAsync(_workspace, "a", visitor, second, default, CancellationToken.None))
                    {
                        Interlocked.Increment(ref counted);
                    }
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(new MessageMetrics(Visitors, Visitors, 0), await store.GetAsync(_workspace, "a", TestContext.Current.CancellationToken));
        Assert.Equal(2 * Visitors, counted);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Concurrency_ReadsNeverShowMoreOpenedThanSent(StoreKind kind)
    {
        var store = StoreFactories.CreateMetricsStore(kind);
        using var done = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                await store.RecordAsync(_workspace, "a", $"visitor-{i}", MessageMetric.Sent, default, CancellationToken.None);
                await store.RecordAsync(_workspace, "a", $"visitor-{i}", MessageMetric.Opened, default, CancellationToken.None);
            }

            await done.CancelAsync();
        }, TestContext.Current.CancellationToken);

        while (!done.IsCancellationRequested)
        {
            var metrics = await store.GetAsync(_workspace, "a", TestContext.Current.CancellationToken);
            Assert.True(metrics.Opened <= metrics.Sent, metrics.ToString());
        }

        await writer;
    }

    private ValueTask<bool> Record(IMetricsStore store, string message, string visitor, MessageMetric metric) =>
        store.RecordAsync(_workspace, message, visitor, metric, default, TestContext.Current.CancellationToken);
}
