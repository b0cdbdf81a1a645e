using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Hosting;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Testing.Lifecycle;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>
/// Two nodes (two hosts, each with its own engine, catalog and connection) sharing one Redis
/// server or cluster, as a backend behind a load balancer runs them.
/// </summary>
[Collection(nameof(SharedRedisServers))]
public sealed class TwoNodeTests(RedisServers servers)
{
    private const string Web = "web";
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly WorkspaceSnapshot Snapshot = new WorkspaceSnapshotBuilder().AddWebWidget(Web).Build();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> Servers => new() { "standalone", "cluster" };

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task PublishPauseAndEdit_OnOneNode_ReachTheOtherNodesEngineWithinASecond(string server)
    {
        var workspace = NewWorkspace();
        await using var a = await Node.StartAsync(servers[server], workspace);
        await using var b = await Node.StartAsync(servers[server], workspace);

        var live = await a.PublishAsync(Message("Pricing help", MessageFrequency.EveryTime));
        var published = await Node.WithinAsync(OneSecond, () => b.PlannedAsync(live.Id), "the publish");

        var edited = (await a.Catalog.EditAsync(workspace, live.Id, live.Version, Message("Pricing help, edited", MessageFrequency.EveryTime), Snapshot, Token)).EnsureSucceeded().Message!;
        var edit = await Node.WithinAsync(OneSecond, async () => (await b.ProbeAsync()).Message?.MessageName == "Pricing help, edited", "the edit");

        (await a.Catalog.PauseAsync(workspace, edited.Id, edited.Version, Token)).EnsureSucceeded();
        var pause = await Node.WithinAsync(OneSecond, async () => !await b.PlannedAsync(live.Id), "the pause");

        TestContext.Current.TestOutputHelper?.WriteLine($"{server}: publish reached the other node in {published.TotalMilliseconds:F0} ms, edit in {edit.TotalMilliseconds:F0} ms, pause in {pause.TotalMilliseconds:F0} ms.");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task NodeStartingLater_LoadsTheCurrentLiveSets(string server)
    {
        var workspace = NewWorkspace();
        await using var a = await Node.StartAsync(servers[server], workspace);
        var live = await a.PublishAsync(Message("Pricing help", MessageFrequency.EveryTime));

        await using var later = await Node.StartAsync(servers[server], workspace);

        Assert.True(await later.PlannedAsync(live.Id));
        Assert.Equal(live.Id, (await later.ProbeAsync()).Message?.MessageId);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task OneVisitorsEvents_AlternatingBetweenNodes_AgreeOnVisitsAndOnceMessages(string server)
    {
        var workspace = NewWorkspace();
        await using var a = await Node.StartAsync(servers[server], workspace);
        await using var b = await Node.StartAsync(servers[server], workspace);
        var perVisit = await a.PublishAsync(Message("Per visit", MessageFrequency.OncePerVisit));
        await Node.WithinAsync(OneSecond, () => b.PlannedAsync(perVisit.Id), "the publish");
        Node[] nodes = [a, b];

        var shows = new List<(string Visit, string? Message)>();
        for (var i = 0; i < 12; i++)
        {
            var node = nodes[i % 2];
            var visit = i < 6 ? "visit-1" : "visit-2";
            var decision = await node.Engine.DecideAsync(node.Event("alternating", visit, "page-" + i.ToString(CultureInfo.InvariantCulture)), Token);
            shows.Add((visit, decision.Message?.MessageId));
            if (decision.ShouldShow)
            {
                // The other node closes it: the visitor may be shown something again, but not this message in this visit.
                Assert.Equal(OutcomeRecording.Recorded, await nodes[(i + 1) % 2].Engine.RecordOutcomeAsync(
                    new OutcomeEvent { WorkspaceId = workspace, VisitorId = "alternating", VisitId = visit, MessageId = decision.Message!.MessageId, Outcome = VisitorOutcome.Dismissed }, Token));
            }
        }

        Assert.Equal(1, shows.Count(s => s is { Visit: "visit-1", Message: not null }));
        Assert.Equal(1, shows.Count(s => s is { Visit: "visit-2", Message: not null }));
        // The metrics count visitors: one visitor, sent the message in two visits, counts once on both nodes.
        Assert.Equal(1, (await a.Engine.GetMetricsAsync(workspace, perVisit.Id, Token)).Sent);
        Assert.Equal(1, (await b.Engine.GetMetricsAsync(workspace, perVisit.Id, Token)).Sent);

        // Without the host's ids, a node could not know the other node's visits: refused, with the reason.
        var withoutIds = await a.Engine.DecideAsync(a.Event("alternating", "visit-2", "page-x") with { VisitId = null }, Token);
        Assert.Equal(RuntimeProblemCodes.VisitIdRequired, withoutIds.Problem?.Code);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task TwoNodesFourThreadsEach_TenThousandVisitors_OnceAtMostOnce_CountsExact_CatalogChangeEverywhereWithinASecond(string server)
    {
        const int Visitors = 10_000;
        const int ThreadsPerNode = 4;
        var workspace = NewWorkspace();
        await using var a = await Node.StartAsync(servers[server], workspace);
        await using var b = await Node.StartAsync(servers[server], workspace);
        var first = await a.PublishAsync(Message("First", MessageFrequency.Once, priority: 2));
        var second = await a.PublishAsync(Message("Second", MessageFrequency.Once, priority: 1));
        await Node.WithinAsync(OneSecond, async () => await b.PlannedAsync(first.Id) && await b.PlannedAsync(second.Id), "the first catalog");

        var shows = new ConcurrentDictionary<(int Visitor, string Message), int>();
        var unavailable = 0;
        var next = -1;
        var changeAt = Visitors / 2;
        var changed = new TaskCompletionSource<ProactiveMessage>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each visitor has three page views; each view goes to either node, as a load balancer without stickiness sends them.
        async Task RunAsync(Node node, Node other, int thread)
        {
            var random = new Random(thread);
            int visitor;
            while ((visitor = Interlocked.Increment(ref next)) < Visitors)
            {
                if (visitor == changeAt)
                {
                    // The catalog changes in the middle, on one node: the first message is paused, a third published.
                    var current = await a.Catalog.GetAsync(workspace, first.Id, Token);
                    (await a.Catalog.PauseAsync(workspace, first.Id, current!.Version, Token)).EnsureSucceeded();
                    changed.TrySetResult(await a.PublishAsync(Message("Third", MessageFrequency.Once, priority: 3)));
                }

                var id = "visitor-" + visitor.ToString(CultureInfo.InvariantCulture);
                for (var view = 0; view < 3; view++)
                {
                    var at = random.Next(2) == 0 ? node : other;
                    var decision = await at.Engine.DecideAsync(at.Event(id, "visit", "view-" + view.ToString(CultureInfo.InvariantCulture)), Token);
                    if (decision.Outcome == DecisionOutcome.StoreUnavailable)
                    {
                        Interlocked.Increment(ref unavailable);
                    }

                    if (decision.ShouldShow)
                    {
                        shows.AddOrUpdate((visitor, decision.Message!.MessageId), 1, static (_, n) => n + 1);
                        await at.Engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = workspace, VisitorId = id, VisitId = "visit", MessageId = decision.Message.MessageId, Outcome = VisitorOutcome.Dismissed }, Token);
                    }
                }
            }
        }

        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, ThreadsPerNode).Select(t => Task.Run(() => RunAsync(a, b, t), Token))
            .Concat(Enumerable.Range(0, ThreadsPerNode).Select(t => Task.Run(() => RunAsync(b, a, 100 + t), Token)))
            .ToArray();
        var third = await changed.Task.WaitAsync(TimeSpan.FromMinutes(2), Token);
        var reachedA = await Node.WithinAsync(OneSecond, async () => await a.PlannedAsync(third.Id) && !await a.PlannedAsync(first.Id), "the change on the node that made it");
        var reachedB = await Node.WithinAsync(OneSecond, async () => await b.PlannedAsync(third.Id) && !await b.PlannedAsync(first.Id), "the change on the other node");
        await Task.WhenAll(workers);
        watch.Stop();

        Assert.Equal(0, unavailable);
        var repeated = shows.Where(s => s.Value > 1).Select(s => s.Key).Take(5).ToArray();
        Assert.True(repeated.Length == 0, $"Once messages shown twice: {string.Join(", ", repeated)}");
        foreach (var message in new[] { first, second, third })
        {
            var shown = shows.Count(s => s.Key.Message == message.Id);
            var metrics = await a.Engine.GetMetricsAsync(workspace, message.Id, Token);
            Assert.Equal(shown, metrics.Sent);
            Assert.Equal(metrics.Sent, (await b.Engine.GetMetricsAsync(workspace, message.Id, Token)).Sent);
        }

        // Every visitor saw the second message, or the first and second before the change, or the third after it.
        Assert.True(shows.Count(s => s.Key.Message == second.Id) > Visitors / 2);
        Assert.Contains(shows, s => s.Key.Message == third.Id);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{server}: {Visitors * 3} decisions on 2 nodes x {ThreadsPerNode} threads in {watch.Elapsed.TotalSeconds:F1} s; {shows.Count} shown; " +
            $"the catalog change was applied in {reachedA.TotalMilliseconds:F0} ms on its node and {reachedB.TotalMilliseconds:F0} ms on the other.");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Experiment_WithRolloutVariantsControlAndGoal_DecidedOnTwoNodes_CountsExactly_AndBothCatalogsReportTheSameResults(string server)
    {
        var workspace = NewWorkspace();
        await using var a = await Node.StartAsync(servers[server], workspace);
        await using var b = await Node.StartAsync(servers[server], workspace);
        var experiment = new MessageExperiment
        {
            RolloutPercent = 80m,
            Variants = [new MessageVariant { Id = "a", Weight = 34m, Text = "A" }, new MessageVariant { Id = "b", Weight = 33m, Text = "B" }, new MessageVariant { Id = "c", Weight = 33m, Text = "C" }],
            HoldoutPercent = 25m,
            Goal = ConversionGoal.ForEvent("purchase"),
        };
        var live = await a.PublishAsync(Message("Pricing experiment", MessageFrequency.OncePerVisit) with { Experiment = experiment });
        await Node.WithinAsync(OneSecond, () => b.PlannedAsync(live.Id), "the publish");
        Node[] nodes = [a, b];

        var expected = new Dictionary<string, (long Visitors, long Opened, long Converted)>(StringComparer.Ordinal);
        for (var i = 0; i < 300; i++)
        {
            var visitor = "visitor-" + i.ToString(CultureInfo.InvariantCulture);
            var (deciding, other) = (nodes[i % 2], nodes[(i + 1) % 2]);
            var decision = await deciding.Engine.DecideAsync(deciding.Event(visitor, "visit-1", "page-1"), Token);

            // The same visitor on the other node: the same variant, or held out again (never shown there).
            var again = await other.Engine.DecideAsync(other.Event(visitor, "visit-2", "page-2"), Token);
            Assert.Equal(decision.Outcome, again.Outcome);
            Assert.Equal(decision.Message?.VariantId, again.Message?.VariantId);

            var arm = decision.ShouldShow ? decision.Message!.VariantId! : decision.Outcome == DecisionOutcome.HeldOut ? ExperimentArms.Control : null;
            if (arm is null)
            {
                Assert.Equal(DecisionOutcome.NotInRollout, decision.Outcome);
                continue;
            }

            var counts = expected.GetValueOrDefault(arm);
            counts.Visitors++;
            if (decision.ShouldShow && i % 3 == 0)
            {
                Assert.Equal(OutcomeRecording.Recorded, await other.Engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = workspace, VisitorId = visitor, VisitId = "visit-2", MessageId = live.Id, Outcome = VisitorOutcome.Opened }, Token));
                counts.Opened++;
            }

            if (i % 4 == 0)
            {
                await other.Engine.DecideAsync(other.Event(visitor, "visit-2", "page-3") with { Kind = VisitorEventKind.AppEvent, EventName = "purchase" }, Token);
                counts.Converted++;
            }

            expected[arm] = counts;
        }

        Assert.Equal(["a", "b", "c", ExperimentArms.Control], expected.Keys.Order(StringComparer.Ordinal).OrderBy(arm => arm == ExperimentArms.Control));

        // Both catalogs, and a node started afterwards, read the same exact counts from the server.
        await using var later = await Node.StartAsync(servers[server], workspace);
        foreach (var node in new[] { a, b, later })
        {
            var results = await node.Catalog.GetExperimentResultsAsync(workspace, live.Id, Token);
            Assert.NotNull(results);
            Assert.Equal(["a", "b", "c", ExperimentArms.Control], results.Arms.Select(arm => arm.ArmId));
            foreach (var arm in results.Arms)
            {
                var counts = expected[arm.ArmId];
                Assert.Equal((counts.Visitors, counts.Opened, counts.Converted), (arm.Visitors, arm.Opened, arm.Converted));
            }
        }

        var page = await later.Catalog.ListAsync(workspace, cancellationToken: Token);
        Assert.Equal(expected.Where(pair => pair.Key != ExperimentArms.Control).Sum(pair => pair.Value.Visitors), Assert.Single(page.Items).Metrics.Sent);
        Assert.Equal(4, page.Arms[live.Id].Length);
    }

    private static string NewWorkspace() => "nodes-" + Guid.NewGuid().ToString("N")[..10];

    private static MessageDefinition Message(string name, MessageFrequency frequency, int priority = 0) => new()
    {
        Name = name,
        ChannelId = Web,
        Priority = priority,
        Reply = new AgentReply("Need a hand with our plans?"),
        Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/pricing")) },
        Frequency = frequency,
    };

    /// <summary>One node: a host with its own connection to the shared server, the Redis stores and the hosted Live sets.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly string _workspace;
        private int _probes;

        private Node(IHost host, string workspace)
        {
            _host = host;
            _workspace = workspace;
        }

        public MessageCatalog Catalog => _host.Services.GetRequiredService<MessageCatalog>();

        public ProactiveEngine Engine => _host.Services.GetRequiredService<ProactiveEngine>();

        public static async Task<Node> StartAsync(StackExchange.Redis.IConnectionMultiplexer shared, string workspace)
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddProactiveMessaging(options =>
                {
                    options.SeedPresets = false;
                    options.Fields = FieldCatalog.Default.WithEvent("purchase");
                })
                .UseRedis(shared.Configuration)
                .AddHostedLiveSets(new FakeWorkspaceSnapshots(workspace, Snapshot), options => options.ChangeCheckInterval = TimeSpan.FromMilliseconds(500));
            var node = new Node(builder.Build(), workspace);
            await node._host.StartAsync(Token);
            return node;
        }

        public async Task<ProactiveMessage> PublishAsync(MessageDefinition definition)
        {
            var draft = (await Catalog.CreateAsync(_workspace, definition, Token)).GetValueOrThrow();
            return (await Catalog.PublishAsync(_workspace, draft.Id, draft.Version, Snapshot, Token)).EnsureSucceeded().Message!;
        }

        public VisitorEvent Event(string visitorId, string visitId, string pageViewId)
        {
            var visitor = new VisitorContext(Engine.Fields);
            visitor.SetPageUrl("https://shop.example/pricing");
            return new VisitorEvent { WorkspaceId = _workspace, ChannelId = Web, VisitorId = visitorId, VisitId = visitId, PageViewId = pageViewId, Kind = VisitorEventKind.PageView, Visitor = visitor };
        }

        /// <summary>Whether the engine plans the message for the channel, read without sending anything.</summary>
        public async Task<bool> PlannedAsync(string messageId)
        {
            var explanation = await Engine.ExplainAsync(Event("probe", "probe", "probe"), Token);
            return explanation.Messages.Any(m => m.MessageId == messageId);
        }

        /// <summary>A decision for a new visitor each time.</summary>
        public async Task<Decision> ProbeAsync()
        {
            var id = "probe-" + Interlocked.Increment(ref _probes).ToString(CultureInfo.InvariantCulture);
            return await Engine.DecideAsync(Event(id, id, id), Token);
        }

        /// <summary>Waits for the condition, failing past <paramref name="bound"/>; returns how long it took.</summary>
        public static async Task<TimeSpan> WithinAsync(TimeSpan bound, Func<Task<bool>> condition, string what)
        {
            var watch = Stopwatch.StartNew();
            while (!await condition())
            {
                Assert.True(watch.Elapsed < bound, $"Not within {bound.TotalMilliseconds} ms: {what}.");
                await Task.Delay(5, Token);
            }

            return watch.Elapsed;
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync(CancellationToken.None);
            _host.Dispose();
        }
    }
}
