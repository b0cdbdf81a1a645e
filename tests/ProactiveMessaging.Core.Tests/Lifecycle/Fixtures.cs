using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing;
using ProactiveMessaging.Testing.Lifecycle;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>A catalog over an in-memory store with a fake clock and predictable ids (<c>m1</c>, <c>m2</c>...).</summary>
internal sealed class CatalogHarness
{
    public const string Workspace = "ws";

    private int _nextId;

    public CatalogHarness(IMessageStore? store = null, ProactiveMessagingOptions? options = null)
    {
        Store = store ?? new InMemoryMessageStore();
        MetricsStore = new InMemoryMetricsStore();
        Catalog = new MessageCatalog(Store, MetricsStore, options, Time, idGenerator: () => "m" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture), logger: Logger);
    }

    public Microsoft.Extensions.Logging.Testing.FakeLogger<MessageCatalog> Logger { get; } = new();

    public static DateTimeOffset Start { get; } = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTime Time { get; } = new(Instant.FromDateTimeOffset(Start));

    public IMessageStore Store { get; }

    public InMemoryMetricsStore MetricsStore { get; }

    public MessageCatalog Catalog { get; }

    public Instant Now => Time.GetCurrentInstant();

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a message through the catalog and returns it as stored.</summary>
    public async Task<ProactiveMessage> CreateAsync(MessageDefinition definition) =>
        (await Catalog.CreateAsync(Workspace, definition, Token)).GetValueOrThrow();

    /// <summary>Creates a complete message and publishes it against the healthy snapshot.</summary>
    public async Task<ProactiveMessage> CreateLiveAsync(MessageDefinition? definition = null)
    {
        var draft = await CreateAsync(definition ?? Definitions.Agent());
        return (await Catalog.PublishAsync(Workspace, draft.Id, draft.Version, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;
    }

    public async Task<ProactiveMessage> CreateInStatusAsync(MessageStatus status, MessageDefinition? definition = null)
    {
        switch (status)
        {
            case MessageStatus.Draft:
                return await CreateAsync(definition ?? Definitions.Agent());
            case MessageStatus.Live:
                return await CreateLiveAsync(definition);
            case MessageStatus.Paused:
                var live = await CreateLiveAsync(definition);
                return (await Catalog.PauseAsync(Workspace, live.Id, live.Version, Token)).EnsureSucceeded().Message!;
            default:
                var published = await CreateLiveAsync(definition ?? Definitions.Agent());
                await Catalog.ReconcileAsync(Workspace, Snapshots.Healthy with { MessagingActive = false }, Token);
                return (await GetAsync(published.Id))!;
        }
    }

    /// <summary>Replaces a stored message's metrics directly in the store, as the runtime's recording would.</summary>
    public async Task<ProactiveMessage> SetMetricsAsync(ProactiveMessage message, MessageMetrics metrics)
    {
        var next = message.With(metrics: metrics, version: message.Version + 1);
        await Store.ReplaceAsync(Workspace, next, message.Version, Token);
        return next;
    }

    public Task<ProactiveMessage?> GetAsync(string id) => Catalog.GetAsync(Workspace, id, Token);

    /// <summary>Every message of the workspace (after its first access), ordered by id: compared before and after a refused action.</summary>
    public async Task<IReadOnlyList<ProactiveMessage>> AllAsync()
    {
        var page = await Catalog.ListAsync(Workspace, new MessageListQuery { Limit = MessageListQuery.MaxLimit }, Token);
        return [.. page.Items.OrderBy(m => m.Id, StringComparer.Ordinal)];
    }
}

/// <summary>Workspace snapshots: a healthy one, and changes of it.</summary>
internal static class Snapshots
{
    public const string WebChannel = "web";
    public const string BotChannel = "web-bot";
    public const string AppChannel = "app";
    public const string SocialChannel = "whatsapp";
    public const string Bot = "bot1";
    public const string Answer = "answer1";

    public static WorkspaceSnapshot Healthy { get; } = new WorkspaceSnapshotBuilder()
        .InBrand("brand")
        .AddSchedule(Schedule("hours"), isDefault: true)
        .AddSchedule(Schedule("app-hours"))
        .AddWebWidget(WebChannel)
        .AddBot(Bot, BotChannel, Answer, "answer2")
        .AddMobileSdk(AppChannel, scheduleId: "app-hours")
        .AddChannel(new ChannelInfo(SocialChannel, ChannelKind.Social) { BrandId = "brand", DefaultSenderName = "Support" })
        .Build();

    /// <summary>Open 09:00 to 17:00 every day in London.</summary>
    public static ProactiveMessaging.Scheduling.BusinessHoursSchedule Schedule(string id) =>
        new WorkspaceSnapshotBuilder().AddDailySchedule(id, "Europe/London", new LocalTime(9, 0), new LocalTime(17, 0)).Build().Schedules[0];

    public static WorkspaceSnapshot WithChannel(string id, Func<ChannelInfo, ChannelInfo> change) =>
        Healthy with { Channels = [.. Healthy.Channels.Select(c => c.Id == id ? change(c) : c)] };

    public static WorkspaceSnapshot WithoutChannel(string id) =>
        Healthy with { Channels = [.. Healthy.Channels.Where(c => c.Id != id)] };

    public static WorkspaceSnapshot WithBot(Func<BotInfo, BotInfo> change) =>
        Healthy with { Bots = [.. Healthy.Bots.Select(change)] };
}

/// <summary>Definitions: complete ones for each reply kind, and incomplete ones.</summary>
internal static class Definitions
{
    public static ConditionGroup OnPricingPage { get; } = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/pricing"));

    public static MessageDefinition Agent(string name = "Checkout help", string channel = Snapshots.WebChannel) => new()
    {
        Name = name,
        ChannelId = channel,
        Reply = new AgentReply("Need a hand with your order?"),
        Rules = new MessageRules { Conditions = OnPricingPage },
    };

    public static MessageDefinition Bot(string name = "Bot welcome", string answer = Snapshots.Answer) => new()
    {
        Name = name,
        ChannelId = Snapshots.BotChannel,
        Reply = new BotReply("Hi! Ask our bot 🤖", answer),
        Rules = new MessageRules { Conditions = OnPricingPage },
    };

    public static MessageDefinition Incomplete(string name = "Unfinished") => new() { Name = name };
}
