using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// A catalog and an engine on one fake clock, with in-memory stores (or the ones given), a fake
/// logger and a meter factory of its own so that metric collectors see only this engine.
/// </summary>
/// <remarks>
/// The clock starts on Monday 3 March 2025 at 10:00 UTC, which is 10:00 in London: inside the
/// 09:00 to 17:00 business hours of <see cref="Snapshots.Healthy"/>.
/// </remarks>
internal sealed class EngineHarness : IDisposable
{
    public const string Workspace = CatalogHarness.Workspace;
    public const string PricingUrl = "https://shop.example/pricing";
    public const string BlogUrl = "https://shop.example/blog";

    private int _nextId;

    public EngineHarness(
        ProactiveMessagingOptions? options = null,
        IFrequencyStore? frequencyStore = null,
        IMetricsStore? metricsStore = null,
        WorkspaceSnapshot? snapshot = null,
        TimeProvider? engineTime = null,
        IExperimentStore? experimentStore = null)
    {
        ExperimentStore = experimentStore ?? new InMemoryExperimentStore();
        Snapshot = snapshot ?? Snapshots.Healthy;
        FrequencyStore = frequencyStore ?? new InMemoryFrequencyStore();
        MetricsStore = metricsStore ?? new InMemoryMetricsStore();
        Catalog = new MessageCatalog(new InMemoryMessageStore(), MetricsStore, options, Time, idGenerator: () => "m" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture), experimentStore: ExperimentStore);
        Engine = new ProactiveEngine(FrequencyStore, MetricsStore, options, engineTime ?? Time, Logger, Meters, ExperimentStore);
    }

    public static DateTimeOffset Start { get; } = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public FakeTime Time { get; } = new(Instant.FromDateTimeOffset(Start));

    public FakeLogger<ProactiveEngine> Logger { get; } = new();

    public TestMeterFactory Meters { get; } = new();

    public WorkspaceSnapshot Snapshot { get; set; }

    public IFrequencyStore FrequencyStore { get; }

    public IMetricsStore MetricsStore { get; }

    public IExperimentStore ExperimentStore { get; }

    public MessageCatalog Catalog { get; }

    public ProactiveEngine Engine { get; }

    public Instant Now => Time.GetCurrentInstant();

    /// <summary>An agent message on the web channel shown on the pricing page.</summary>
    public static MessageDefinition Agent(
        string name = "Pricing help",
        MessageFrequency frequency = MessageFrequency.OncePerVisit,
        int priority = 0,
        MessageTiming timing = MessageTiming.Anytime,
        string channel = Snapshots.WebChannel) =>
        Definitions.Agent(name, channel) with { Frequency = frequency, Priority = priority, Timing = timing };

    /// <summary>Creates, publishes and applies a message; returns it as published.</summary>
    public async Task<ProactiveMessage> PublishAsync(MessageDefinition definition)
    {
        var draft = (await Catalog.CreateAsync(Workspace, definition, Token)).GetValueOrThrow();
        var published = await Catalog.PublishAsync(Workspace, draft.Id, draft.Version, Snapshots.Healthy, Token);
        Assert.True(published.Succeeded, string.Join("; ", published.Problems));
        Assert.Empty(Apply());
        return published.Message!;
    }

    /// <summary>Applies the catalog's current Live set with <see cref="Snapshot"/>.</summary>
    public ImmutableArray<Problem> Apply() => Engine.ApplyLiveSet(Catalog.GetLiveSet(Workspace), Snapshot);

    public VisitorContext Visitor(string url = PricingUrl, string? language = null)
    {
        var visitor = new VisitorContext(Engine.Fields);
        visitor.SetPageUrl(url);
        visitor.SetLanguage(language);
        return visitor;
    }

    public static VisitorEvent Event(
        string visitorId,
        VisitorContext visitor,
        VisitorEventKind kind = VisitorEventKind.PageView,
        string channel = Snapshots.WebChannel,
        string? visitId = null,
        string? pageViewId = null) =>
        new()
        {
            WorkspaceId = Workspace,
            ChannelId = channel,
            VisitorId = visitorId,
            Kind = kind,
            VisitId = visitId,
            PageViewId = pageViewId,
            Visitor = visitor,
        };

    /// <summary>A page view on the pricing page (or the URL given) of the web channel.</summary>
    public ValueTask<Decision> ViewAsync(string visitorId, string url = PricingUrl, string? visitId = null) =>
        Engine.DecideAsync(Event(visitorId, Visitor(url), VisitorEventKind.PageView, visitId: visitId), Token);

    /// <summary>A heartbeat on the current page (the pricing page, or the URL given).</summary>
    public ValueTask<Decision> HeartbeatAsync(string visitorId, string url = PricingUrl, string? visitId = null) =>
        Engine.DecideAsync(Event(visitorId, Visitor(url), VisitorEventKind.Heartbeat, visitId: visitId), Token);

    public ValueTask<OutcomeRecording> OutcomeAsync(string visitorId, string? messageId, VisitorOutcome outcome, string? visitId = null) =>
        Engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = Workspace, VisitorId = visitorId, MessageId = messageId, Outcome = outcome, VisitId = visitId }, Token);

    public ValueTask<MessageMetrics> MetricsAsync(string messageId) => Engine.GetMetricsAsync(Workspace, messageId, Token);

    public void Dispose()
    {
        Engine.Dispose();
        Meters.Dispose();
    }
}

/// <summary>A meter factory whose meters are scoped to it, so collectors see one engine's instruments only.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
