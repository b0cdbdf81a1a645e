using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ProactiveMessaging.Hosting.Internal;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Hosting.Tests;

public sealed class LiveSetHostedServiceTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Start_LoadsTheLiveMessagesStoredBeforeStart_AndTheEngineDecidesOnThem()
    {
        await using var harness = new HostHarness();
        var live = await HostHarness.PublishAsync(harness.OtherNode());

        await harness.Host.StartAsync(HostHarness.Token);

        var decision = await harness.DecideAsync();
        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
        Assert.Equal(live.Id, decision.Message!.MessageId);
    }

    [Fact]
    public async Task Start_AWorkspaceWithoutLiveMessages_GetsPlansForItsChannels()
    {
        await using var harness = new HostHarness();

        await harness.Host.StartAsync(HostHarness.Token);

        // The channel is known from the snapshot, so the engine says there is nothing Live on it.
        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.DecideAsync()).Outcome);
    }

    [Fact]
    public async Task Publish_AfterStart_IsDecidedOnAsSoonAsThePublishReturns()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);

        var live = await HostHarness.PublishAsync(harness.Catalog);

        var decision = await harness.DecideAsync();
        Assert.Equal(live.Id, decision.Message?.MessageId);
    }

    [Fact]
    public async Task Pause_AfterStart_StopsTheMessageAsSoonAsThePauseReturns()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);
        var live = await HostHarness.PublishAsync(harness.Catalog);

        (await harness.Catalog.PauseAsync(HostHarness.Workspace, live.Id, live.Version, HostHarness.Token)).EnsureSucceeded();

        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.DecideAsync()).Outcome);
    }

    [Fact]
    public async Task Publish_InAWorkspaceTheProviderDoesNotList_IsLoadedInTheBackground()
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero);
        harness.Provider.Set("newcomer", Snapshots.Healthy);
        await harness.Host.StartAsync(HostHarness.Token);

        var live = await HostHarness.PublishAsync(harness.Catalog, "newcomer");

        await harness.EventuallyAsync(async () => (await harness.DecideAsync("newcomer")).Message?.MessageId == live.Id, what: "the newcomer's message is shown");
        Assert.Equal(1, harness.Provider.Reads("newcomer"));
    }

    [Fact]
    public async Task PeriodicRefresh_PicksUpAMessageMadeLiveByAnotherNodeOverTheSameStore()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);

        var live = await HostHarness.PublishAsync(harness.OtherNode());
        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.DecideAsync()).Outcome);

        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, Minute, "the other node's message is shown");
    }

    [Fact]
    public async Task PeriodicRefresh_WhenAChannelIsDeleted_MovesItsLiveMessageToError_AndTheEngineStopsShowingIt()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);
        var live = await HostHarness.PublishAsync(harness.Catalog);
        Assert.True((await harness.DecideAsync()).ShouldShow);

        harness.Provider.Set(HostHarness.Workspace, Snapshots.WithoutChannel(Snapshots.WebChannel));

        // The reconciliation is logged once it is over, its new Live set applied.
        await harness.EventuallyAsync(() => Task.FromResult(harness.LoggedEventIds().Contains(105)), Minute, "the reconciliation");
        var stored = await harness.Catalog.GetAsync(HostHarness.Workspace, live.Id, HostHarness.Token);
        Assert.Equal(MessageStatus.Error, stored!.Status);
        Assert.Contains(stored.Problems, p => p.Code == RequirementProblemCodes.ChannelNotFound);
        Assert.Equal(DecisionOutcome.UnknownChannel, (await harness.DecideAsync()).Outcome);
    }

    [Fact]
    public async Task PeriodicRefresh_WhenOnlyTheSnapshotChanges_TheEngineUsesTheNewSnapshot()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);
        await HostHarness.PublishAsync(harness.Catalog);
        Assert.Equal("Support", (await harness.DecideAsync()).Message!.SenderName);

        harness.Provider.Set(HostHarness.Workspace, Snapshots.WithSender("Sales"));

        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.SenderName == "Sales", Minute, "the new sender is shown");
    }

    [Fact]
    public async Task PeriodicRefresh_PicksUpAWorkspaceTheListGainsAfterStart()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);
        harness.Provider.Set("later", Snapshots.Healthy);
        var live = await HostHarness.PublishAsync(harness.OtherNode(), "later");

        harness.Provider.Listed.Add("later");

        await harness.EventuallyAsync(async () => (await harness.DecideAsync("later")).Message?.MessageId == live.Id, Minute, "the later workspace's message is shown");
    }

    [Fact]
    public async Task PeriodicRefresh_Disabled_ReadsTheSnapshotOnlyAtStart()
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = Timeout.InfiniteTimeSpan);
        await harness.Host.StartAsync(HostHarness.Token);
        await HostHarness.PublishAsync(harness.OtherNode());
        var loop = harness.Host.Services.GetServices<IHostedService>().OfType<LiveSetHostedService>().Single();
        await harness.EventuallyAsync(() => Task.FromResult(loop.Waits >= 1), what: "the loop waits for work");

        // No due time: the clock cannot wake the loop, only queued work or the host's stop can.
        Assert.False(loop.WaitHasDueTime);
        var waits = loop.Waits;
        harness.Time.Advance(TimeSpan.FromHours(20));

        Assert.Equal(waits, loop.Waits);
        Assert.Equal(1, harness.Provider.Reads(HostHarness.Workspace));
        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.DecideAsync()).Outcome);
    }

    [Fact]
    public async Task SnapshotFailure_AtStart_IsLoggedAndRetried_AndTheHostRuns()
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero);
        var live = await HostHarness.PublishAsync(harness.OtherNode());
        harness.Provider.FailSnapshots(2);

        await harness.Host.StartAsync(HostHarness.Token);

        Assert.Contains(103, harness.LoggedEventIds());
        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.DecideAsync()).Outcome);
        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, LiveSetHostingDefaults.RetryDelay, "the message is shown after the retries");
        Assert.Equal(3, harness.Provider.Reads(HostHarness.Workspace));
    }

    [Fact]
    public async Task ListingFailure_AtStart_IsLoggedAndRetried()
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero);
        var live = await HostHarness.PublishAsync(harness.OtherNode());
        harness.Provider.FailListing(1);

        await harness.Host.StartAsync(HostHarness.Token);

        Assert.Contains(102, harness.LoggedEventIds());
        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, LiveSetHostingDefaults.RetryDelay, "the message is shown after the retry");
    }

    [Fact]
    public async Task StoreFailure_DuringARefresh_IsLoggedAndRetried()
    {
        var store = new FailingMessageStore();
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero, messaging: b => b.UseMessageStore(_ => store));
        var live = await HostHarness.PublishAsync(new MessageCatalog(store.Inner, new InMemoryMetricsStore(), timeProvider: harness.Time));
        store.Failing = true;

        await harness.Host.StartAsync(HostHarness.Token);

        Assert.Contains(103, harness.LoggedEventIds());
        store.Failing = false;
        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, LiveSetHostingDefaults.RetryDelay, "the message is shown once the store is back");
    }

    [Fact]
    public async Task UnknownWorkspace_IsLoggedOnce_AndNothingIsLoadedForIt()
    {
        await using var harness = new HostHarness();
        harness.Provider.Listed.Add("gone");

        await harness.Host.StartAsync(HostHarness.Token);
        harness.Time.Advance(Minute);
        await harness.EventuallyAsync(() => Task.FromResult(harness.Provider.Reads("gone") >= 2), Minute, "a second refresh");

        Assert.Single(harness.LoggedEventIds(), id => id == 104);
        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.DecideAsync("gone")).Outcome);
    }

    [Fact]
    public async Task Stop_WhileASnapshotReadHangs_IsPromptAndCancelsTheRead()
    {
        // The longest refresh deadline: the clock moves a minute at a time until the read hangs, never as far as the deadline.
        var harness = new HostHarness(o => o.RefreshTimeout = TimeSpan.FromMinutes(10));
        await harness.Host.StartAsync(HostHarness.Token);
        harness.Provider.Hang = true;
        await harness.EventuallyAsync(() => Task.FromResult(harness.Provider.Reads(HostHarness.Workspace) >= 2), Minute, "a refresh that hangs");

        // A generous bound: the stop must not wait for the read, whose deadline is on a clock that no longer moves.
        await harness.Host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), HostHarness.Token);

        // The stop does not wait for the read to notice: the read sees its cancellation on its own time.
        await harness.EventuallyAsync(() => Task.FromResult(harness.Provider.CancelledReads == 1), what: "the read is cancelled");
        harness.Host.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RefreshTimeout_AHangingSnapshotRead_CountsAsAFailure(bool ignoresCancellation)
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero);
        harness.Provider.Hang = true;
        harness.Provider.IgnoresCancellation = ignoresCancellation;

        var start = harness.Host.StartAsync(HostHarness.Token);
        await harness.EventuallyAsync(() => Task.FromResult(start.IsCompleted), LiveSetHostingDefaults.RefreshTimeout, "start-up loading ends");
        await start;

        Assert.Contains(103, harness.LoggedEventIds());
        if (!ignoresCancellation)
        {
            await harness.EventuallyAsync(() => Task.FromResult(harness.Provider.CancelledReads == 1), what: "the read is cancelled");
        }

        Assert.Equal(HealthStatus.Unhealthy, (await harness.CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task Stop_StopsFollowingTheCatalog()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);
        await harness.Host.StopAsync(HostHarness.Token);

        await HostHarness.PublishAsync(harness.Catalog);

        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.DecideAsync()).Outcome);
    }

    [Fact]
    public async Task ManyConcurrentPublishes_AfterStart_TheEngineEndsWithTheCatalogsLastSet()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);

        var published = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => HostHarness.PublishAsync(harness.Catalog, definition: HostHarness.Agent($"Message {i}")))));

        // The engine shows the first message of the catalog's choice order.
        var latest = harness.Catalog.GetLiveSet(HostHarness.Workspace).GetMessages(Snapshots.WebChannel)[0];
        Assert.Equal(20, harness.Catalog.GetLiveSet(HostHarness.Workspace).Count);
        Assert.Contains(published, m => m.Id == latest.Id);
        Assert.Equal(latest.Id, (await harness.DecideAsync()).Message?.MessageId);
    }

    [Fact]
    public async Task WithoutTheHostedService_APublishDoesNotReachTheEngine()
    {
        // The control for the tests above: the engine follows the catalog only through the hosted wiring.
        await using var harness = new HostHarness(hostedLiveSets: false);
        await harness.Host.StartAsync(HostHarness.Token);

        await HostHarness.PublishAsync(harness.Catalog);

        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.DecideAsync()).Outcome);
        Assert.Null(harness.Host.Services.GetService<IWorkspaceSnapshotProvider>());
    }
}
