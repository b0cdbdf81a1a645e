using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Lifecycle;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests.Faults;

/// <summary>
/// One node as a host builds it: a connection made with <see cref="RedisConnectionSettings.ForEngine"/>,
/// a service provider with the Redis frequency and metrics stores, and the engine with a Live set
/// of the node's catalog applied. The engine runs on the system clock: the faults are real, so are
/// the deadlines.
/// </summary>
internal sealed class FaultNode : IAsyncDisposable
{
    public const string Channel = "web";
    public const string PricingUrl = "https://shop.example/pricing";

    private static readonly WorkspaceSnapshot Snapshot = new WorkspaceSnapshotBuilder().AddWebWidget(Channel).Build();

    private readonly ServiceProvider _services;

    private FaultNode(ConnectionMultiplexer connection, ServiceProvider services, string workspace)
    {
        Connection = connection;
        _services = services;
        Workspace = workspace;
        Engine = services.GetRequiredService<ProactiveEngine>();

        // The messages are written with a catalog of their own, on in-memory stores: a catalog
        // action reads the metrics store and would fail while Redis is away, and the faults under
        // test are the engine's (a host's Live sets would come from its message store).
        Catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore());
    }

    public ConnectionMultiplexer Connection { get; }

    public ProactiveEngine Engine { get; }

    public MessageCatalog Catalog { get; }

    public string Workspace { get; }

    public static TimeSpan StoreTimeout { get; } = TimeSpan.FromMilliseconds(250);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Connects (returning at once, even while the server is down) and builds the node's services.</summary>
    public static async Task<FaultNode> CreateAsync(PrivateRedisServer server)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.ForEngine(server.Configuration));
        var prefix = $"faults-{Guid.NewGuid():N}:";
        var services = new ServiceCollection()
            .AddProactiveMessaging(o => o.StoreTimeout = StoreTimeout)
            .UseFrequencyStore(_ => new RedisFrequencyStore(connection, new RedisFrequencyStoreOptions { KeyPrefix = prefix }))
            .UseMetricsStore(_ => new RedisMetricsStore(connection, prefix))
            .Services.BuildServiceProvider();
        return new FaultNode(connection, services, "ws");
    }

    /// <summary>Creates, publishes and applies an agent message shown on the pricing page.</summary>
    public async Task<string> PublishAsync(string name, MessageFrequency frequency, int priority)
    {
        var definition = new MessageDefinition
        {
            Name = name,
            ChannelId = Channel,
            Reply = new AgentReply("Need a hand?"),
            Rules = new MessageRules { Conditions = ConditionGroup.All(new Conditions.Condition("page.url", ConditionOperator.Contains, "/pricing")) },
            Frequency = frequency,
            Priority = priority,
        };
        var draft = (await Catalog.CreateAsync(Workspace, definition, Token)).GetValueOrThrow();
        var published = (await Catalog.PublishAsync(Workspace, draft.Id, draft.Version, Snapshot, Token)).EnsureSucceeded();
        Assert.Empty(Engine.ApplyLiveSet(Catalog.GetLiveSet(Workspace), Snapshot));
        return published.Message!.Id;
    }

    /// <summary>A page view of the pricing page, in the visit and page view given.</summary>
    public VisitorEvent View(string visitorId, string visitId, string pageViewId, VisitorEventKind kind = VisitorEventKind.PageView)
    {
        var visitor = new VisitorContext(Engine.Fields);
        visitor.SetPageUrl(PricingUrl);
        return new VisitorEvent
        {
            WorkspaceId = Workspace,
            ChannelId = Channel,
            VisitorId = visitorId,
            VisitId = visitId,
            PageViewId = pageViewId,
            Kind = kind,
            Visitor = visitor,
        };
    }

    /// <summary>Decides, timing the call.</summary>
    public async Task<Timed> DecideAsync(VisitorEvent visitorEvent)
    {
        var start = Stopwatch.GetTimestamp();
        var decision = await Engine.DecideAsync(visitorEvent, Token);
        return new Timed(decision, Stopwatch.GetElapsedTime(start), Stopwatch.GetTimestamp());
    }

    public ValueTask<OutcomeRecording> OutcomeAsync(string visitorId, string visitId, string? messageId, VisitorOutcome outcome) =>
        Engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = Workspace, VisitorId = visitorId, VisitId = visitId, MessageId = messageId, Outcome = outcome }, Token);

    public ValueTask<MessageMetrics> MetricsAsync(string messageId) => Engine.GetMetricsAsync(Workspace, messageId, Token);

    /// <summary>The commands the multiplexer holds: queued, sent and awaiting an answer, or answered and not yet completed.</summary>
    public long Outstanding() => Connection.GetCounters().TotalOutstanding;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Connection.DisposeAsync();
    }

    /// <summary>A decision, how long it took and when it ended (a <see cref="Stopwatch"/> timestamp).</summary>
    public readonly record struct Timed(Decision Decision, TimeSpan Latency, long EndedAt);
}
