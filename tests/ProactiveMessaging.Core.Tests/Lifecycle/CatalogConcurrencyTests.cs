using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class CatalogConcurrencyTests
{
    private const string Ws = CatalogHarness.Workspace;
    private static readonly CancellationToken Token = CatalogHarness.Token;

    [Fact]
    public async Task ManyThreadsEditingOneMessage_ExactlyOneWinsPerVersion_AndNoUpdateIsLost()
    {
        var harness = new CatalogHarness();
        var message = await harness.CreateLiveAsync(Definitions.Agent() with { Priority = 0 });
        const int Threads = 8;
        const int EditsPerThread = 40;
        var winners = new int[(Threads * EditsPerThread * 4) + 10];

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(
            async () =>
            {
                for (var done = 0; done < EditsPerThread;)
                {
                    // Read, change, write with the version read; on a conflict read again: a lost update would lose a +1.
                    var current = (await harness.GetAsync(message.Id))!;
                    var result = await harness.Catalog.EditAsync(Ws, current.Id, current.Version, current.Definition with { Priority = current.Priority + 1 }, Snapshots.Healthy, Token);
                    if (result.Succeeded)
                    {
                        Interlocked.Increment(ref winners[current.Version]);
                        done++;
                    }
                    else
                    {
                        Assert.Equal(MessageActionRefusal.VersionConflict, result.Refusal);
                    }
                }
            },
            Token)));

        var final = (await harness.GetAsync(message.Id))!;
        Assert.Equal(Threads * EditsPerThread, final.Priority);
        Assert.Equal(message.Version + (Threads * EditsPerThread), final.Version);
        for (var version = 0; version < winners.Length; version++)
        {
            Assert.Equal(version >= message.Version && version < final.Version ? 1 : 0, winners[version]);
        }
    }

    [Fact]
    public async Task ThreadsRacingWithTheSameVersion_OneWinsAndTheOthersGetAConflict()
    {
        var harness = new CatalogHarness();
        for (var round = 0; round < 20; round++)
        {
            var draft = await harness.CreateAsync(Definitions.Agent($"Race {round}"));
            using var start = new ManualResetEventSlim();
            var racers = Enumerable.Range(0, 6).Select(i => Task.Run(
                async () =>
                {
                    start.Wait(Token);
                    return i % 2 == 0
                        ? await harness.Catalog.PublishAsync(Ws, draft.Id, draft.Version, Snapshots.Healthy, Token)
                        : await harness.Catalog.EditAsync(Ws, draft.Id, draft.Version, Definitions.Agent($"Edit {i}"), cancellationToken: Token);
                },
                Token)).ToList();
            start.Set();
            var results = await Task.WhenAll(racers);

            var winner = Assert.Single(results, r => r.Succeeded);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MessageActionRefusal.VersionConflict, r.Refusal));
            Assert.Equal(winner.Message, await harness.GetAsync(draft.Id));
            Assert.Equal(draft.Version + 1, winner.Message!.Version);
        }
    }

    [Fact]
    public async Task ReconcileRacingWithEdits_NeverOverwritesAnEdit()
    {
        var harness = new CatalogHarness();
        var lives = new List<ProactiveMessage>();
        for (var i = 0; i < 12; i++)
        {
            lives.Add(await harness.CreateLiveAsync(Definitions.Agent($"Live {i}")));
        }

        var broken = Snapshots.Healthy with { MessagingActive = false };
        var edits = lives.Select(m => Task.Run(() => harness.Catalog.EditAsync(Ws, m.Id, m.Version, m.Definition with { Priority = 7 }, cancellationToken: Token), Token));
        var reconcile = Task.Run(() => harness.Catalog.ReconcileAsync(Ws, broken, Token), Token);
        var editResults = await Task.WhenAll(edits);
        await reconcile;
        await harness.Catalog.ReconcileAsync(Ws, broken, Token);

        foreach (var (message, result) in lives.Zip(editResults))
        {
            var stored = (await harness.GetAsync(message.Id))!;
            Assert.Equal(MessageStatus.Error, stored.Status);
            Assert.Equal(result.Succeeded ? 7 : 0, stored.Priority);
        }
    }

    [Fact]
    public async Task ConcurrentDuplicatesOfOneMessage_GetDistinctNames()
    {
        // Listings wait at a gate the test opens once every duplicate has started: without the
        // catalog's naming turn, each duplicate would read the names before any copy is stored,
        // which is when two of them would pick the same "Copy of ..." name.
        var store = new GatedListStore(new ProactiveMessaging.Storage.InMemoryMessageStore());
        var harness = new CatalogHarness(store);
        var source = await harness.CreateAsync(Definitions.Agent("Pricing help"));
        const int Copies = 12;

        store.Close();
        var duplicates = Enumerable.Range(0, Copies).Select(_ => harness.Catalog.DuplicateAsync(Ws, source.Id, Token)).ToList();
        store.Open();
        var results = await Task.WhenAll(duplicates);

        var names = results.Select(result => result.EnsureSucceeded().Message!.Name).ToList();
        Assert.Equal(Copies, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("Copy of Pricing help", names);
        Assert.Contains($"Copy of Pricing help ({Copies})", names);
    }

    [Fact]
    public async Task DuplicatesThroughTwoCatalogsOnOneStore_GetDistinctNames()
    {
        // Two catalogs stand for two nodes: their naming turns are their own, and with listings held
        // at the gate every duplicate reads the names before any copy is stored, so only the store's
        // name check keeps the names apart.
        var store = new GatedListStore(new ProactiveMessaging.Storage.InMemoryMessageStore());
        var metrics = new ProactiveMessaging.Storage.InMemoryMetricsStore();
        var nodes = new[] { new MessageCatalog(store, metrics), new MessageCatalog(store, metrics) };
        var source = (await nodes[0].CreateAsync(Ws, Definitions.Agent("Pricing help"), Token)).GetValueOrThrow();
        const int CopiesPerNode = 6;

        store.Close();
        var duplicates = nodes.SelectMany(node => Enumerable.Range(0, CopiesPerNode).Select(_ => node.DuplicateAsync(Ws, source.Id, Token))).ToList();
        store.Open();
        var results = await Task.WhenAll(duplicates);

        var names = results.Select(result => result.EnsureSucceeded().Message!.Name).ToList();
        Assert.Equal(2 * CopiesPerNode, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(2 * CopiesPerNode, (await store.ListAsync(Ws, Token)).Count(m => m.Name.StartsWith("Copy of ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Duplicate_WhenAnotherWriterTakesTheName_TakesTheNextName()
    {
        var store = new NameTakingStore(new ProactiveMessaging.Storage.InMemoryMessageStore(), takes: 1);
        var harness = new CatalogHarness(store);
        var source = await harness.CreateAsync(Definitions.Agent("Pricing help"));

        var result = await harness.Catalog.DuplicateAsync(Ws, source.Id, Token);

        Assert.Equal("Copy of Pricing help (2)", result.EnsureSucceeded().Message!.Name);
        Assert.Equal(2, store.Attempts);
    }

    [Fact]
    public async Task Duplicate_WhenOtherWritersKeepTakingTheName_IsRefusedAsAConcurrentChange()
    {
        var store = new NameTakingStore(new ProactiveMessaging.Storage.InMemoryMessageStore(), takes: int.MaxValue);
        var harness = new CatalogHarness(store);
        var source = await harness.CreateAsync(Definitions.Agent("Pricing help"));
        var before = (await store.ListAsync(Ws, Token)).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);

        var result = await harness.Catalog.DuplicateAsync(Ws, source.Id, Token);

        Assert.Equal(MessageActionRefusal.Problems, result.Refusal);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(CatalogProblemCodes.ConcurrentChange, problem.Code);
        Assert.Equal(source.Id, result.Message!.Id);
        Assert.Equal(16, store.Attempts);
        Assert.All(await store.ListAsync(Ws, Token), m => Assert.True(before.Contains(m.Id) || m.Id.StartsWith("other-", StringComparison.Ordinal), $"the catalog stored {m.Id}"));
    }

    /// <summary>A store whose listings, while closed, wait until the test opens it.</summary>
    private sealed class GatedListStore(ProactiveMessaging.Storage.IMessageStore inner) : ProactiveMessaging.Storage.IMessageStore
    {
        private TaskCompletionSource _gate = Opened();

        public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.SetResult();

        public ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default) =>
            inner.GetAsync(workspaceId, messageId, cancellationToken);

        public async ValueTask<System.Collections.Immutable.ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default)
        {
            var messages = await inner.ListAsync(workspaceId, cancellationToken);
            await _gate.Task.WaitAsync(cancellationToken);
            return messages;
        }

        public ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) =>
            inner.InsertAsync(workspaceId, message, cancellationToken);

        public ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) =>
            inner.InsertIfNameUnusedAsync(workspaceId, message, cancellationToken);

        public ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.ReplaceAsync(workspaceId, message, expectedVersion, cancellationToken);

        public ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(workspaceId, messageId, expectedVersion, cancellationToken);

        public ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default) =>
            inner.InitializeWorkspaceAsync(workspaceId, messages, cancellationToken);

        public ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
            inner.GetSettingsAsync(workspaceId, cancellationToken);

        public ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default) =>
            inner.SetSettingsAsync(workspaceId, settings, cancellationToken);

        public ValueTask ImportWorkspaceAsync(string workspaceId, WorkspaceSettings settings, IReadOnlyList<ProactiveMessage> inserts, IReadOnlyList<ProactiveMessage> replacements, CancellationToken cancellationToken = default) =>
            inner.ImportWorkspaceAsync(workspaceId, settings, inserts, replacements, cancellationToken);

        private static TaskCompletionSource Opened()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }

    /// <summary>A store where another writer stores a message with the wanted name just before each of the first <c>takes</c> name-checked inserts.</summary>
    private sealed class NameTakingStore(ProactiveMessaging.Storage.InMemoryMessageStore inner, int takes) : ProactiveMessaging.Storage.IMessageStore
    {
        private int _attempts;

        public int Attempts => _attempts;

        public async ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _attempts) <= takes)
            {
                var taker = ProactiveMessage.CreateDraft("other-" + _attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), new MessageDefinition { Name = message.Name }, message.UpdatedAt).GetValueOrThrow();
                await inner.InsertAsync(workspaceId, taker, cancellationToken);
            }

            return await inner.InsertIfNameUnusedAsync(workspaceId, message, cancellationToken);
        }

        public ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default) => inner.GetAsync(workspaceId, messageId, cancellationToken);

        public ValueTask<System.Collections.Immutable.ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default) => inner.ListAsync(workspaceId, cancellationToken);

        public ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) => inner.InsertAsync(workspaceId, message, cancellationToken);

        public ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default) => inner.ReplaceAsync(workspaceId, message, expectedVersion, cancellationToken);

        public ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(workspaceId, messageId, expectedVersion, cancellationToken);

        public ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default) => inner.InitializeWorkspaceAsync(workspaceId, messages, cancellationToken);

        public ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default) => inner.GetSettingsAsync(workspaceId, cancellationToken);

        public ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default) => inner.SetSettingsAsync(workspaceId, settings, cancellationToken);

        public ValueTask ImportWorkspaceAsync(string workspaceId, WorkspaceSettings settings, IReadOnlyList<ProactiveMessage> inserts, IReadOnlyList<ProactiveMessage> replacements, CancellationToken cancellationToken = default) =>
            inner.ImportWorkspaceAsync(workspaceId, settings, inserts, replacements, cancellationToken);
    }
}
