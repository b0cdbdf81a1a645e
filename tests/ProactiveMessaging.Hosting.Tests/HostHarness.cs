using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.DependencyInjection;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Hosting.Tests;

/// <summary>
/// A real host with ProactiveMessaging, the hosted Live sets and the health check, on a fake clock,
/// over a message store that the test can also reach through other catalogs (other nodes).
/// </summary>
/// <remarks>
/// The clock starts on Monday 3 March 2025 at 10:00 UTC. The provider lists <see cref="Workspace"/>
/// with <see cref="Snapshots.Healthy"/>.
/// </remarks>
internal sealed class HostHarness : IAsyncDisposable
{
    public const string Workspace = "acme";

    private int _nextVisitor;

    public HostHarness(
        Action<LiveSetHostingOptions>? configure = null,
        Action<ProactiveMessagingBuilder>? messaging = null,
        bool hostedLiveSets = true)
    {
        Provider.Set(Workspace, Snapshots.Healthy);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton<TimeProvider>(Time);
        var proactive = builder.Services.AddProactiveMessaging().UseMessageStore(_ => Store);
        messaging?.Invoke(proactive);
        if (hostedLiveSets)
        {
            proactive.AddHostedLiveSets(Provider, configure);
        }

        builder.Services.AddHealthChecks().AddProactiveMessaging();
        Host = builder.Build();
    }

    public static DateTimeOffset Start { get; } = new(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Gets the message store every node shares.</summary>
    public InMemoryMessageStore Store { get; } = new();

    public TestSnapshotProvider Provider { get; } = new();

    public IHost Host { get; }

    public MessageCatalog Catalog => Host.Services.GetRequiredService<MessageCatalog>();

    public ProactiveEngine Engine => Host.Services.GetRequiredService<ProactiveEngine>();

    public FakeLogCollector Logs => Host.Services.GetFakeLogCollector();

    /// <summary>An agent message on the web channel, shown on the pricing page.</summary>
    public static MessageDefinition Agent(string name = "Pricing help", string channel = Snapshots.WebChannel) => new()
    {
        Name = name,
        ChannelId = channel,
        Reply = new AgentReply("Need a hand with our plans?"),
        Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/pricing")) },
        Frequency = MessageFrequency.EveryTime,
    };

    /// <summary>Creates and publishes a message through a catalog: the host's, or another node's.</summary>
    public static async Task<ProactiveMessage> PublishAsync(MessageCatalog catalog, string workspaceId = Workspace, MessageDefinition? definition = null, WorkspaceSnapshot? snapshot = null)
    {
        var draft = (await catalog.CreateAsync(workspaceId, definition ?? Agent(), Token)).GetValueOrThrow();
        return (await catalog.PublishAsync(workspaceId, draft.Id, draft.Version, snapshot ?? Snapshots.Healthy, Token)).EnsureSucceeded().Message!;
    }

    /// <summary>A catalog of another node over the same store.</summary>
    public MessageCatalog OtherNode() => new(Store, Host.Services.GetRequiredService<IMetricsStore>(), timeProvider: Time);

    /// <summary>A new visitor's page view on the pricing page.</summary>
    public async Task<Decision> DecideAsync(string workspaceId = Workspace, string channelId = Snapshots.WebChannel)
    {
        var visitor = new VisitorContext(Engine.Fields);
        visitor.SetPageUrl("https://shop.example/pricing");
        var visitorId = "visitor-" + Interlocked.Increment(ref _nextVisitor).ToString(CultureInfo.InvariantCulture);
        return await Engine.DecideAsync(new VisitorEvent { WorkspaceId = workspaceId, ChannelId = channelId, VisitorId = visitorId, Visitor = visitor }, Token);
    }

    public async Task<HealthReportEntry> CheckHealthAsync()
    {
        var report = await Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Token);
        return report.Entries[LiveSetHostingDefaults.HealthCheckName];
    }

    /// <summary>The ids of the events logged so far.</summary>
    public IReadOnlyList<int> LoggedEventIds() => [.. Logs.GetSnapshot().Select(r => r.Id.Id)];

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, moving the fake clock by <paramref name="step"/>
    /// before each look (the loop may not wait on the clock yet when the test first moves it). Fails
    /// after a generous real-time bound, so that a broken loop fails rather than hangs.
    /// </summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? step = null, string? what = null)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            if (await condition())
            {
                return;
            }

            if (step is { } by)
            {
                Time.Advance(by);
            }

            await Task.Delay(10, Token);
        }

        Assert.Fail($"Still not true after 1000 looks: {what ?? "the condition"}.");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
    }
}

/// <summary>Workspace snapshots: a healthy one with a web channel, and changes of it.</summary>
internal static class Snapshots
{
    public const string WebChannel = "web";
    public const string AppChannel = "app";

    public static WorkspaceSnapshot Healthy { get; } = new()
    {
        AgentWorkspaceActive = true,
        MessagingActive = true,
        Channels =
        [
            new ChannelInfo(WebChannel, ChannelKind.WebWidget) { DefaultSenderName = "Support" },
            new ChannelInfo(AppChannel, ChannelKind.MobileSdk) { DefaultSenderName = "Support" },
        ],
    };

    public static WorkspaceSnapshot WithoutChannel(string channelId) =>
        Healthy with { Channels = [.. Healthy.Channels.Where(c => c.Id != channelId)] };

    public static WorkspaceSnapshot WithSender(string senderName) =>
        Healthy with { Channels = [.. Healthy.Channels.Select(c => c with { DefaultSenderName = senderName })] };
}

/// <summary>A snapshot provider the test changes as it goes, with failures and hangs on demand.</summary>
internal sealed class TestSnapshotProvider : IWorkspaceSnapshotProvider
{
    private readonly ConcurrentDictionary<string, WorkspaceSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private int _listingFailures;
    private int _snapshotFailures;

    /// <summary>Gets the workspaces listed; the provider also knows workspaces it does not list.</summary>
    public ConcurrentBag<string> Listed { get; } = [HostHarness.Workspace];

    /// <summary>Gets or sets a task the listing waits for, to hold start-up loading.</summary>
    public Task ListingGate { get; set; } = Task.CompletedTask;

    /// <summary>Gets or sets a value indicating whether snapshot reads wait until they are cancelled.</summary>
    public bool Hang { get; set; }

    /// <summary>Gets or sets a value indicating whether a hanging read ignores its cancellation token.</summary>
    public bool IgnoresCancellation { get; set; }

    /// <summary>Gets or sets the workspace whose snapshot reads always fail.</summary>
    public string? AlwaysFailing { get; set; }

    /// <summary>Gets the number of snapshot reads that were cancelled while hanging.</summary>
    public int CancelledReads => Volatile.Read(ref _cancelledReads);

    private int _cancelledReads;

    public void Set(string workspaceId, WorkspaceSnapshot snapshot) => _snapshots[workspaceId] = snapshot;

    /// <summary>Makes the next <paramref name="count"/> listings throw.</summary>
    public void FailListing(int count) => Volatile.Write(ref _listingFailures, count);

    /// <summary>Makes the next <paramref name="count"/> snapshot reads throw.</summary>
    public void FailSnapshots(int count) => Volatile.Write(ref _snapshotFailures, count);

    public int Reads(string workspaceId) => _reads.GetValueOrDefault(workspaceId);

    public async ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken)
    {
        await ListingGate.WaitAsync(cancellationToken);
        if (Interlocked.Decrement(ref _listingFailures) >= 0)
        {
            throw new InvalidOperationException("The workspace directory is down.");
        }

        return [.. Listed.Distinct()];
    }

    public async ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(workspaceId, 1, static (_, n) => n + 1);
        if (Hang && IgnoresCancellation)
        {
            await new TaskCompletionSource().Task;
        }

        if (Hang)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelledReads);
                throw;
            }
        }

        if (Interlocked.Decrement(ref _snapshotFailures) >= 0 || workspaceId == AlwaysFailing)
        {
            throw new InvalidOperationException("The platform service is down.");
        }

        return _snapshots.GetValueOrDefault(workspaceId);
    }
}
