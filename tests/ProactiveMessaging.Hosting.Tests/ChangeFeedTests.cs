using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Hosting.Tests;

/// <summary>The hosted Live sets follow a shared store's change feed: notifications at once, a revision check for the lost ones.</summary>
public sealed class ChangeFeedTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Notification_OfAnotherNodesPublish_IsAppliedWithoutThePeriodicRefresh()
    {
        var feed = new FakeChangeFeed();
        await using var harness = NewHarness(feed);
        await harness.Host.StartAsync(HostHarness.Token);

        var live = await HostHarness.PublishAsync(harness.OtherNode());
        feed.Change(HostHarness.Workspace);

        // The clock never moves: neither the periodic refresh nor the revision check can be what applies it.
        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, what: "the other node's message is shown");
    }

    [Fact]
    public async Task LostNotification_IsFoundByTheRevisionCheck()
    {
        var feed = new FakeChangeFeed { DropNotifications = true };
        await using var harness = NewHarness(feed);
        await harness.Host.StartAsync(HostHarness.Token);

        var live = await HostHarness.PublishAsync(harness.OtherNode());
        feed.Change(HostHarness.Workspace);
        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.DecideAsync()).Outcome);

        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, Second, "the check finds the change");
        Assert.True(feed.RevisionReads > 0);
    }

    [Fact]
    public async Task RevisionCheck_WhenNothingMoved_RefreshesNothing()
    {
        var feed = new FakeChangeFeed();
        await using var harness = NewHarness(feed);
        await harness.Host.StartAsync(HostHarness.Token);
        var readsAfterStart = harness.Provider.Reads(HostHarness.Workspace);

        for (var i = 0; i < 5; i++)
        {
            var reads = feed.RevisionReads;
            await harness.EventuallyAsync(() => Task.FromResult(feed.RevisionReads > reads), Second, "a revision check");
        }

        Assert.Equal(readsAfterStart, harness.Provider.Reads(HostHarness.Workspace));
    }

    [Fact]
    public async Task Subscription_FailingAtStart_DoesNotStopTheHost_AndIsFollowedAtALaterCheck()
    {
        var feed = new FakeChangeFeed();
        feed.FailSubscriptions(2);
        await using var harness = NewHarness(feed);

        await harness.Host.StartAsync(HostHarness.Token);
        Assert.Contains(109, harness.LoggedEventIds());
        Assert.Equal(0, feed.Subscribers);

        await harness.EventuallyAsync(() => Task.FromResult(feed.Subscribers == 1), Second, "the subscription at a later check");
        var live = await HostHarness.PublishAsync(harness.OtherNode());
        feed.Change(HostHarness.Workspace);
        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, what: "the notified change");
    }

    [Fact]
    public async Task Notification_ForAWorkspaceNotListedYet_LoadsIt()
    {
        var feed = new FakeChangeFeed();
        await using var harness = NewHarness(feed);
        await harness.Host.StartAsync(HostHarness.Token);
        harness.Provider.Set("newcomer", Snapshots.Healthy);

        var live = await HostHarness.PublishAsync(harness.OtherNode(), "newcomer");
        feed.Change("newcomer");

        await harness.EventuallyAsync(async () => (await harness.DecideAsync("newcomer")).Message?.MessageId == live.Id, what: "the new workspace is loaded");
    }

    [Fact]
    public async Task Notification_WithAnIdTheCatalogWouldRefuse_IsIgnored()
    {
        var feed = new FakeChangeFeed();
        await using var harness = NewHarness(feed);
        await harness.Host.StartAsync(HostHarness.Token);

        feed.Notify("not a workspace id");
        var live = await HostHarness.PublishAsync(harness.OtherNode());
        feed.Change(HostHarness.Workspace);

        await harness.EventuallyAsync(async () => (await harness.DecideAsync()).Message?.MessageId == live.Id, what: "the valid notification");
        Assert.Equal(0, (await harness.CheckHealthAsync()).Data["workspacesFailed"]);
        Assert.DoesNotContain(103, harness.LoggedEventIds());
    }

    [Fact]
    public async Task Stop_EndsTheSubscription()
    {
        var feed = new FakeChangeFeed();
        var harness = NewHarness(feed);
        await harness.Host.StartAsync(HostHarness.Token);
        Assert.Equal(1, feed.Subscribers);

        await harness.DisposeAsync();

        Assert.Equal(0, feed.Subscribers);
    }

    private static HostHarness NewHarness(FakeChangeFeed feed) => new(
        options =>
        {
            // Only the feed may bring another node's change in these tests.
            options.RefreshInterval = Timeout.InfiniteTimeSpan;
            options.ChangeCheckInterval = Second;
        },
        messaging => messaging.Services.AddSingleton<IMessageStoreChangeFeed>(feed));

    /// <summary>A change feed the test drives: it says what changed when the test says so.</summary>
    private sealed class FakeChangeFeed : IMessageStoreChangeFeed
    {
        private readonly ConcurrentDictionary<string, long> _revisions = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<Action<string>, byte> _subscribers = new();
        private int _subscriptionFailures;
        private int _revisionReads;

        public bool DropNotifications { get; init; }

        public int Subscribers => _subscribers.Count;

        public int RevisionReads => Volatile.Read(ref _revisionReads);

        public void FailSubscriptions(int count) => Volatile.Write(ref _subscriptionFailures, count);

        /// <summary>Another node stored a change: the revision moves, and a notification goes out unless dropped.</summary>
        public void Change(string workspaceId)
        {
            _revisions.AddOrUpdate(workspaceId, 1, static (_, r) => r + 1);
            if (!DropNotifications)
            {
                Notify(workspaceId);
            }
        }

        public void Notify(string workspaceId)
        {
            foreach (var subscriber in _subscribers.Keys)
            {
                subscriber(workspaceId);
            }
        }

        public ValueTask<IAsyncDisposable> SubscribeAsync(Action<string> onChanged, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref _subscriptionFailures) >= 0)
            {
                throw new InvalidOperationException("The store is away.");
            }

            _subscribers[onChanged] = 0;
            return ValueTask.FromResult<IAsyncDisposable>(new Subscription(() => _subscribers.TryRemove(onChanged, out _)));
        }

        public ValueTask<long[]> GetRevisionsAsync(IReadOnlyList<string> workspaceIds, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _revisionReads);
            return ValueTask.FromResult(workspaceIds.Select(id => _revisions.GetValueOrDefault(id)).ToArray());
        }

        private sealed class Subscription(Action end) : IAsyncDisposable
        {
            public ValueTask DisposeAsync()
            {
                end();
                return ValueTask.CompletedTask;
            }
        }
    }
}
