using System.Collections.Immutable;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Runtime;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>The list shows the runtime's visitor counts: the metrics store the engine records into, read once per list.</summary>
public sealed class MessageListMetricsTests
{
    private const string BlogUrl = EngineHarness.BlogUrl;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_AfterVisitorsAreSentOpenAndReply_ShowsTheEnginesCountsAndSortsByEach()
    {
        using var harness = new EngineHarness();
        var pricing = await harness.PublishAsync(EngineHarness.Agent("Pricing help"));
        var blog = await harness.PublishAsync(Definitions.Agent("Blog help") with
        {
            Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/blog")) },
        });

        // Pricing help: sent to three visitors, opened by two, replied by one.
        foreach (var visitor in new[] { "v1", "v2", "v3" })
        {
            Assert.Equal(pricing.Id, (await harness.ViewAsync(visitor)).Message!.MessageId);
        }

        await harness.OutcomeAsync("v1", pricing.Id, VisitorOutcome.Opened);
        await harness.OutcomeAsync("v2", pricing.Id, VisitorOutcome.Opened);
        await harness.OutcomeAsync("v2", pricing.Id, VisitorOutcome.Opened);
        await harness.OutcomeAsync("v1", pricing.Id, VisitorOutcome.Replied);

        // Blog help: sent to two visitors, opened by one, replied by both.
        foreach (var visitor in new[] { "v4", "v5" })
        {
            Assert.Equal(blog.Id, (await harness.ViewAsync(visitor, BlogUrl)).Message!.MessageId);
        }

        await harness.OutcomeAsync("v4", blog.Id, VisitorOutcome.Opened);
        await harness.OutcomeAsync("v4", blog.Id, VisitorOutcome.Replied);
        await harness.OutcomeAsync("v5", blog.Id, VisitorOutcome.Replied);
        Assert.Equal(new MessageMetrics(3, 2, 1), await harness.MetricsAsync(pricing.Id));

        var bySent = await ListAsync(harness, MessageSortColumn.Sent);
        var byOpened = await ListAsync(harness, MessageSortColumn.Opened);
        var byReplied = await ListAsync(harness, MessageSortColumn.Replied);

        Assert.Equal([(pricing.Id, new MessageMetrics(3, 2, 1)), (blog.Id, new MessageMetrics(2, 1, 2))], bySent.Take(2).Select(m => (m.Id, m.Metrics)));
        Assert.Equal([pricing.Id, blog.Id], byOpened.Take(2).Select(m => m.Id));
        Assert.Equal([blog.Id, pricing.Id], byReplied.Take(2).Select(m => m.Id));
        Assert.All(bySent.Skip(2), m => Assert.Equal(MessageMetrics.Zero, m.Metrics));

        // Counting wrote nothing to the messages: the versions are the published ones.
        Assert.Equal([pricing.Version, blog.Version], bySent.Take(2).Select(m => m.Version));
        Assert.Equal(new MessageMetrics(3, 2, 1), (await harness.Catalog.GetAsync(EngineHarness.Workspace, pricing.Id, Token))!.Metrics);
    }

    [Fact]
    public async Task List_ShowsTheStoredMetricsPlusTheStoresCounts()
    {
        var harness = new CatalogHarness();
        var message = await harness.CreateLiveAsync();
        await harness.SetMetricsAsync(message, new MessageMetrics(10, 4, 1));
        await harness.MetricsStore.RecordAsync(CatalogHarness.Workspace, message.Id, "v1", MessageMetric.Sent, harness.Now, Token);
        await harness.MetricsStore.RecordAsync(CatalogHarness.Workspace, message.Id, "v1", MessageMetric.Opened, harness.Now, Token);

        var listed = (await harness.AllAsync()).Single(m => m.Id == message.Id);

        Assert.Equal(new MessageMetrics(11, 5, 1), listed.Metrics);
        Assert.Equal(new MessageMetrics(10, 4, 1), (await harness.Store.GetAsync(CatalogHarness.Workspace, message.Id, Token))!.Metrics);
    }

    [Fact]
    public async Task ActionResults_ShowTheCountsToo_AndNeverStoreThem()
    {
        var harness = new CatalogHarness();
        var live = await harness.CreateLiveAsync();
        await harness.MetricsStore.RecordAsync(CatalogHarness.Workspace, live.Id, "v1", MessageMetric.Sent, harness.Now, Token);

        var paused = (await harness.Catalog.PauseAsync(CatalogHarness.Workspace, live.Id, live.Version, Token)).EnsureSucceeded().Message!;
        var conflict = await harness.Catalog.ResumeAsync(CatalogHarness.Workspace, live.Id, live.Version, Snapshots.Healthy, Token);
        var resumed = (await harness.Catalog.ResumeAsync(CatalogHarness.Workspace, live.Id, paused.Version, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;

        Assert.Equal(new MessageMetrics(1, 0, 0), paused.Metrics);
        Assert.Equal(new MessageMetrics(1, 0, 0), conflict.Message!.Metrics);
        Assert.Equal(new MessageMetrics(1, 0, 0), resumed.Metrics);
        Assert.Equal(MessageMetrics.Zero, (await harness.Store.GetAsync(CatalogHarness.Workspace, live.Id, Token))!.Metrics);
    }

    [Fact]
    public async Task List_ReadsTheMetricsStoreOnceForTheWholeList()
    {
        var metrics = new CountingMetricsStore();
        var catalog = new MessageCatalog(new InMemoryMessageStore(), metrics);
        for (var i = 0; i < 5; i++)
        {
            await catalog.CreateAsync("ws", Definitions.Agent($"Message {i}"), Token);
        }

        metrics.Reset();
        var page = await catalog.ListAsync("ws", cancellationToken: Token);

        Assert.Equal(8, page.TotalCount);
        Assert.Equal((1, 0), (metrics.ManyCalls, metrics.SingleCalls));
    }

    [Fact]
    public async Task MetricsStoreWithoutABatchRead_StillListsItsCounts()
    {
        // A store that implements only the single read gets the interface's default batch read.
        var inner = new InMemoryMetricsStore();
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new SingleReadMetricsStore(inner));
        var draft = (await catalog.CreateAsync("ws", Definitions.Agent(), Token)).GetValueOrThrow();
        await inner.RecordAsync("ws", draft.Id, "v1", MessageMetric.Sent, default, Token);

        var listed = (await catalog.ListAsync("ws", new MessageListQuery { SortBy = MessageSortColumn.Sent, Direction = SortDirection.Descending }, Token)).Items[0];

        Assert.Equal((draft.Id, new MessageMetrics(1, 0, 0)), (listed.Id, listed.Metrics));
    }

    private static async Task<ImmutableArray<ProactiveMessage>> ListAsync(EngineHarness harness, MessageSortColumn column) =>
        (await harness.Catalog.ListAsync(EngineHarness.Workspace, new MessageListQuery { SortBy = column, Direction = SortDirection.Descending }, Token)).Items;

    /// <summary>Counts the reads of an in-memory metrics store.</summary>
    private sealed class CountingMetricsStore : IMetricsStore
    {
        private readonly InMemoryMetricsStore _inner = new();

        public int ManyCalls { get; private set; }

        public int SingleCalls { get; private set; }

        public void Reset() => (ManyCalls, SingleCalls) = (0, 0);

        public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken) =>
            _inner.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);

        public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken)
        {
            SingleCalls++;
            return _inner.GetAsync(workspaceId, messageId, cancellationToken);
        }

        public ValueTask<ImmutableArray<MessageMetrics>> GetManyAsync(string workspaceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
        {
            ManyCalls++;
            return _inner.GetManyAsync(workspaceId, messageIds, cancellationToken);
        }
    }

    private sealed class SingleReadMetricsStore(IMetricsStore inner) : IMetricsStore
    {
        public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken) =>
            inner.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);

        public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) =>
            inner.GetAsync(workspaceId, messageId, cancellationToken);
    }
}
