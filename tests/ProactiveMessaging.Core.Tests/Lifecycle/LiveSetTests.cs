using System.Collections.Concurrent;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class LiveSetTests
{
    private const string Ws = CatalogHarness.Workspace;
    private static readonly CancellationToken Token = CatalogHarness.Token;
    private readonly CatalogHarness _harness = new();
    private readonly RecordingListener _listener = new();

    public LiveSetTests()
    {
        _harness.Catalog.AddListener(_listener);
    }

    [Fact]
    public void GetLiveSet_OfAnUnknownWorkspace_IsEmptyAtVersionZero()
    {
        var set = _harness.Catalog.GetLiveSet("unknown");

        Assert.Equal((0L, 0, "unknown"), (set.Version, set.Count, set.WorkspaceId));
        Assert.Empty(set.GetMessages("web"));
    }

    [Fact]
    public async Task Publish_PublishesANewSetWithTheMessageOnItsChannel()
    {
        var live = await _harness.CreateLiveAsync();

        var set = _harness.Catalog.GetLiveSet(Ws);

        Assert.Equal(1L, set.Version);
        Assert.Equal([live], set.GetMessages(Snapshots.WebChannel));
        Assert.Equal([set], _listener.Sets);
    }

    [Fact]
    public async Task EachChangeToLiveMessages_PublishesANewVersion_AndOtherChangesDoNot()
    {
        var draft = await _harness.CreateAsync(Definitions.Agent());
        (await _harness.Catalog.EditAsync(Ws, draft.Id, 1, Definitions.Agent("Still a draft"), cancellationToken: Token)).EnsureSucceeded();
        Assert.Empty(_listener.Sets);

        var live = (await _harness.Catalog.PublishAsync(Ws, draft.Id, 2, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;
        var edited = (await _harness.Catalog.EditAsync(Ws, live.Id, live.Version, Definitions.Agent("Live edit", Snapshots.AppChannel), Snapshots.Healthy, Token)).EnsureSucceeded().Message!;
        (await _harness.Catalog.DuplicateAsync(Ws, live.Id, Token)).EnsureSucceeded();
        var paused = (await _harness.Catalog.PauseAsync(Ws, live.Id, edited.Version, Token)).EnsureSucceeded().Message!;
        var resumed = (await _harness.Catalog.ResumeAsync(Ws, live.Id, paused.Version, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;
        await _harness.Catalog.ReconcileAsync(Ws, Snapshots.Healthy with { MessagingActive = false }, Token);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], _listener.Sets.Select(s => s.Version));
        Assert.Equal([1, 1, 0, 1, 0], _listener.Sets.Select(s => s.Count));
        Assert.Equal([edited], _listener.Sets[1].GetMessages(Snapshots.AppChannel));
        Assert.Empty(_listener.Sets[1].GetMessages(Snapshots.WebChannel));
        Assert.Equal([resumed], _listener.Sets[3].GetMessages(Snapshots.AppChannel));
        Assert.Same(_listener.Sets[^1], _harness.Catalog.GetLiveSet(Ws));
    }

    [Fact]
    public async Task Delete_OfALiveMessage_RemovesItFromTheSet()
    {
        var live = await _harness.CreateLiveAsync();

        (await _harness.Catalog.DeleteAsync(Ws, live.Id, live.Version, Token)).EnsureSucceeded();

        Assert.Equal((2L, 0), (_harness.Catalog.GetLiveSet(Ws).Version, _harness.Catalog.GetLiveSet(Ws).Count));
    }

    [Fact]
    public async Task AChannelsMessages_AreInChoiceOrder_PriorityThenMostRecentlyPublishedThenId()
    {
        var low = await _harness.CreateLiveAsync(Definitions.Agent("Low") with { Priority = 1 });
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        var older = await _harness.CreateLiveAsync(Definitions.Agent("Older") with { Priority = 5 });
        _harness.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = await _harness.CreateLiveAsync(Definitions.Agent("Newer") with { Priority = 5 });

        Assert.Equal([newer.Id, older.Id, low.Id], _harness.Catalog.GetLiveSet(Ws).GetMessages(Snapshots.WebChannel).Select(m => m.Id));
    }

    [Fact]
    public async Task RefreshLiveSet_LoadsLiveMessagesAlreadyInTheStore()
    {
        await _harness.CreateLiveAsync();
        var restarted = new MessageCatalog(_harness.Store, _harness.MetricsStore);

        Assert.Equal(0, restarted.GetLiveSet(Ws).Count);
        var set = await restarted.RefreshLiveSetAsync(Ws, Token);

        Assert.Equal((1L, 1), (set.Version, set.Count));
        Assert.Same(set, restarted.GetLiveSet(Ws));
        Assert.Same(set, await restarted.RefreshLiveSetAsync(Ws, Token));
    }

    [Fact]
    public async Task AFailingListener_DoesNotUndoTheChangeOrStarveOtherListeners_AndIsLogged()
    {
        _harness.Catalog.AddListener(new ThrowingListener());
        var after = new RecordingListener();
        _harness.Catalog.AddListener(after);

        var live = await _harness.CreateLiveAsync();

        Assert.Equal(MessageStatus.Live, (await _harness.GetAsync(live.Id))!.Status);
        Assert.Single(after.Sets);

        var record = Assert.Single(_harness.Logger.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, record.Level);
        Assert.Equal("LiveSetListenerFailed", record.Id.Name);
        Assert.IsType<InvalidOperationException>(record.Exception);
        Assert.Contains("version 1 of workspace ws", record.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ThrowingListener), record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisposedRegistration_StopsTheDeliveries()
    {
        var later = new RecordingListener();
        var registration = _harness.Catalog.AddListener(later);
        await _harness.CreateLiveAsync();

        registration.Dispose();
        registration.Dispose();
        await _harness.CreateLiveAsync();

        Assert.Single(later.Sets);
        Assert.Equal(2, _listener.Sets.Count);
    }

    [Fact]
    public async Task ConcurrentChanges_DeliverSetsInIncreasingVersionsEndingWithTheStoredState()
    {
        var drafts = new List<ProactiveMessage>();
        for (var i = 0; i < 16; i++)
        {
            drafts.Add(await _harness.CreateAsync(Definitions.Agent($"Message {i}", i % 2 == 0 ? Snapshots.WebChannel : Snapshots.AppChannel)));
        }

        await Task.WhenAll(drafts.Select(d => Task.Run(
            async () =>
            {
                var live = (await _harness.Catalog.PublishAsync(Ws, d.Id, d.Version, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;
                if (int.Parse(d.Name.AsSpan(8), provider: null) % 3 == 0)
                {
                    (await _harness.Catalog.PauseAsync(Ws, d.Id, live.Version, Token)).EnsureSucceeded();
                }
            },
            Token)));

        var versions = _listener.Sets.Select(s => s.Version).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        var final = _harness.Catalog.GetLiveSet(Ws);
        Assert.Same(_listener.Sets[^1], final);
        var storedLive = (await _harness.AllAsync()).Where(m => m.Status == MessageStatus.Live).Select(m => m.Id).Order(StringComparer.Ordinal);
        Assert.Equal(storedLive, final.Channels.Values.SelectMany(m => m).Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    private sealed class RecordingListener : ILiveSetListener
    {
        private readonly ConcurrentQueue<LiveMessageSet> _sets = new();

        public IReadOnlyList<LiveMessageSet> Sets => [.. _sets];

        public void OnLiveSetChanged(LiveMessageSet liveSet) => _sets.Enqueue(liveSet);
    }

    private sealed class ThrowingListener : ILiveSetListener
    {
        public void OnLiveSetChanged(LiveMessageSet liveSet) => throw new InvalidOperationException("The listener failed.");
    }
}
