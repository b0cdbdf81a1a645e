using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>The contract every <see cref="IMessageStore"/> passes; each store kind runs every test.</summary>
public sealed class MessageStoreContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 9, 0);

    public static TheoryData<string> StoreKinds => ["in-memory"];

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Get_WhenNothingStored_ReturnsNull(string kind)
    {
        var store = CreateStore(kind);

        Assert.Null(await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListAsync("ws", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Insert_ThenGet_ReturnsTheMessage(string kind)
    {
        var store = CreateStore(kind);
        var message = Draft("m1");

        await store.InsertAsync("ws", message, TestContext.Current.CancellationToken);

        Assert.Equal(message, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
        Assert.Equal([message], await store.ListAsync("ws", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Insert_WhenIdExists_IsRefusedAndKeepsTheStoredMessage(string kind)
    {
        var store = CreateStore(kind);
        var first = Draft("m1", "First");
        await store.InsertAsync("ws", first, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<MessageAlreadyExistsException>(async () => await store.InsertAsync("ws", Draft("m1", "Second"), TestContext.Current.CancellationToken));

        Assert.Equal(("ws", "m1"), (error.WorkspaceId, error.MessageId));
        Assert.Equal(first, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Insert_WhenVersionIsNotOne_IsRefused(string kind)
    {
        var store = CreateStore(kind);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.InsertAsync("ws", Draft("m1").With(version: 2), TestContext.Current.CancellationToken));

        Assert.Empty(await store.ListAsync("ws", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Workspaces_AreSeparate(string kind)
    {
        var store = CreateStore(kind);
        await store.InsertAsync("a", Draft("m1", "In a"), TestContext.Current.CancellationToken);
        await store.InsertAsync("b", Draft("m1", "In b"), TestContext.Current.CancellationToken);

        Assert.Equal("In a", (await store.GetAsync("a", "m1", TestContext.Current.CancellationToken))!.Name);
        Assert.Equal("In b", (await store.GetAsync("b", "m1", TestContext.Current.CancellationToken))!.Name);
        Assert.Single(await store.ListAsync("a", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Replace_WithTheStoredVersion_StoresTheNextVersion(string kind)
    {
        var store = CreateStore(kind);
        var message = Draft("m1");
        await store.InsertAsync("ws", message, TestContext.Current.CancellationToken);
        var renamed = message.With(definition: message.Definition with { Name = "Renamed" }, version: 2);

        await store.ReplaceAsync("ws", renamed, expectedVersion: 1, TestContext.Current.CancellationToken);

        Assert.Equal(renamed, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Replace_WithAStaleVersion_ThrowsTheConflictAndOverwritesNothing(string kind)
    {
        var store = CreateStore(kind);
        var message = Draft("m1");
        await store.InsertAsync("ws", message, TestContext.Current.CancellationToken);
        var second = message.With(definition: message.Definition with { Name = "Second" }, version: 2);
        await store.ReplaceAsync("ws", second, 1, TestContext.Current.CancellationToken);

        var stale = message.With(definition: message.Definition with { Name = "Stale" }, version: 2);
        var error = await Assert.ThrowsAsync<MessageVersionConflictException>(async () => await store.ReplaceAsync("ws", stale, 1, TestContext.Current.CancellationToken));

        Assert.Equal(("ws", "m1", 1L, 2L), (error.WorkspaceId, error.MessageId, error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(second, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Replace_WhenTheNewVersionIsNotExpectedPlusOne_IsRefused(string kind)
    {
        var store = CreateStore(kind);
        var message = Draft("m1");
        await store.InsertAsync("ws", message, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ReplaceAsync("ws", message.With(version: 5), 1, TestContext.Current.CancellationToken));

        Assert.Equal(message, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Replace_WhenMissing_ThrowsNotFound(string kind)
    {
        var store = CreateStore(kind);

        var error = await Assert.ThrowsAsync<MessageNotFoundException>(async () => await store.ReplaceAsync("ws", Draft("m1").With(version: 2), 1, TestContext.Current.CancellationToken));

        Assert.Equal("m1", error.MessageId);
        Assert.Empty(await store.ListAsync("ws", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Delete_WithTheStoredVersion_RemovesTheMessage(string kind)
    {
        var store = CreateStore(kind);
        await store.InsertAsync("ws", Draft("m1"), TestContext.Current.CancellationToken);

        await store.DeleteAsync("ws", "m1", 1, TestContext.Current.CancellationToken);

        Assert.Null(await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Delete_WithAStaleVersion_ThrowsTheConflictAndKeepsTheMessage(string kind)
    {
        var store = CreateStore(kind);
        var message = Draft("m1");
        await store.InsertAsync("ws", message, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<MessageVersionConflictException>(async () => await store.DeleteAsync("ws", "m1", 7, TestContext.Current.CancellationToken));

        Assert.Equal(message, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Delete_WhenMissing_ThrowsNotFound(string kind)
    {
        var store = CreateStore(kind);

        await Assert.ThrowsAsync<MessageNotFoundException>(async () => await store.DeleteAsync("ws", "m1", 1, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Operations_WhenAlreadyCancelled_ChangeNothing(string kind)
    {
        var store = CreateStore(kind);
        var message = Draft("m1");
        await store.InsertAsync("ws", message, TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.InsertAsync("ws", Draft("m2"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.ReplaceAsync("ws", message.With(version: 2), 1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.DeleteAsync("ws", "m1", 1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.InitializeWorkspaceAsync("ws2", [Draft("m3")], cancelled.Token));

        Assert.Equal([message], await store.ListAsync("ws", TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListAsync("ws2", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task InitializeWorkspace_SeedsOnlyTheFirstTime(string kind)
    {
        var store = CreateStore(kind);

        Assert.True(await store.InitializeWorkspaceAsync("ws", [Draft("p1"), Draft("p2")], TestContext.Current.CancellationToken));
        await store.DeleteAsync("ws", "p1", 1, TestContext.Current.CancellationToken);
        Assert.False(await store.InitializeWorkspaceAsync("ws", [Draft("p3")], TestContext.Current.CancellationToken));

        Assert.Equal(["p2"], (await store.ListAsync("ws", TestContext.Current.CancellationToken)).Select(m => m.Id));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task InitializeWorkspace_WithAnIdInUse_IsRefusedWhole(string kind)
    {
        var store = CreateStore(kind);
        await store.InsertAsync("ws", Draft("m1"), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<MessageAlreadyExistsException>(async () => await store.InitializeWorkspaceAsync("ws", [Draft("p1"), Draft("m1")], TestContext.Current.CancellationToken));

        Assert.Equal(["m1"], (await store.ListAsync("ws", TestContext.Current.CancellationToken)).Select(m => m.Id));
        Assert.True(await store.InitializeWorkspaceAsync("ws", [Draft("p1")], TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task InitializeWorkspace_UnderConcurrentCallers_SeedsExactlyOnce(string kind)
    {
        var store = CreateStore(kind);
        var callers = Enumerable.Range(0, 32).Select(i => Task.Run(async () => await store.InitializeWorkspaceAsync("ws", [Draft($"p{i}-a"), Draft($"p{i}-b")]), TestContext.Current.CancellationToken));

        var seeded = await Task.WhenAll(callers);

        Assert.Single(seeded, s => s);
        Assert.Equal(2, (await store.ListAsync("ws", TestContext.Current.CancellationToken)).Length);
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Replace_UnderConcurrentWriters_ExactlyOneWinsPerVersion(string kind)
    {
        var store = CreateStore(kind);
        await store.InsertAsync("ws", Draft("m1"), TestContext.Current.CancellationToken);
        const int Writers = 8;
        const int Rounds = 200;
        var wins = new int[(Writers * Rounds) + 2];

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(
            async () =>
            {
                for (var round = 0; round < Rounds; round++)
                {
                    var current = (await store.GetAsync("ws", "m1"))!;
                    var next = current.With(definition: current.Definition with { Priority = current.Priority + 1 }, version: current.Version + 1);
                    try
                    {
                        await store.ReplaceAsync("ws", next, current.Version);
                        Interlocked.Increment(ref wins[current.Version]);
                    }
                    catch (MessageVersionConflictException)
                    {
                    }
                }
            },
            TestContext.Current.CancellationToken)));

        var final = (await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken))!;
        var totalWins = wins.Sum();
        Assert.Equal(1 + totalWins, final.Version);
        Assert.Equal(totalWins, final.Priority);
        for (var version = 1; version < wins.Length; version++)
        {
            Assert.Equal(version < final.Version ? 1 : 0, wins[version]);
        }
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task Settings_AreKeptWholePerWorkspace(string kind)
    {
        var store = CreateStore(kind);
        var settings = new WorkspaceSettings("ws") { Name = "Acme", DefaultScheduleId = "hours", Schedules = [ProactiveMessaging.Tests.Lifecycle.Snapshots.Schedule("hours")] };

        Assert.Null(await store.GetSettingsAsync("ws", TestContext.Current.CancellationToken));
        await store.SetSettingsAsync("ws", settings, TestContext.Current.CancellationToken);
        await store.SetSettingsAsync("other", new WorkspaceSettings("other"), TestContext.Current.CancellationToken);

        Assert.Equal(settings, await store.GetSettingsAsync("ws", TestContext.Current.CancellationToken));
        Assert.Equal(new WorkspaceSettings("other"), await store.GetSettingsAsync("other", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetSettingsAsync("ws", new WorkspaceSettings("other"), TestContext.Current.CancellationToken));
        Assert.Equal(settings, await store.GetSettingsAsync("ws", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task ImportWorkspace_StoresEverythingWithItsVersions_AndMarksTheWorkspaceInitialised(string kind)
    {
        var store = CreateStore(kind);
        var settings = new WorkspaceSettings("ws") { Name = "Imported" };
        var third = Draft("m1").With(version: 3);

        await store.ImportWorkspaceAsync("ws", settings, [third, Draft("m2")], [], TestContext.Current.CancellationToken);

        Assert.Equal(third, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
        Assert.Equal(settings, await store.GetSettingsAsync("ws", TestContext.Current.CancellationToken));
        Assert.False(await store.InitializeWorkspaceAsync("ws", [Draft("preset")], TestContext.Current.CancellationToken));
        Assert.Equal(["m1", "m2"], (await store.ListAsync("ws", TestContext.Current.CancellationToken)).Select(m => m.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StoreKinds))]
    public async Task ImportWorkspace_ReplacesAMessageReadAtTheVersionBefore(string kind)
    {
        var store = CreateStore(kind);
        await store.InsertAsync("ws", Draft("m1", "Old"), TestContext.Current.CancellationToken);
        var replacement = Draft("m1", "New").With(version: 2);

        await store.ImportWorkspaceAsync("ws", new WorkspaceSettings("ws"), [], [replacement], TestContext.Current.CancellationToken);

        Assert.Equal(replacement, await store.GetAsync("ws", "m1", TestContext.Current.CancellationToken));
    }

    public static TheoryData<string, string> RefusedImports => new()
    {
        { "in-memory", "insert-exists" },
        { "in-memory", "replacement-stale" },
        { "in-memory", "replacement-missing" },
        { "in-memory", "duplicate-id" },
        { "in-memory", "other-workspace" },
        { "in-memory", "cancelled" },
    };

    [Theory]
    [MemberData(nameof(RefusedImports))]
    public async Task ImportWorkspace_RefusedForAnyReason_ChangesNothing(string kind, string reason)
    {
        var store = CreateStore(kind);
        var kept = Draft("kept");
        await store.InsertAsync("ws", kept, TestContext.Current.CancellationToken);
        var before = new WorkspaceSettings("ws") { Name = "Before" };
        await store.SetSettingsAsync("ws", before, TestContext.Current.CancellationToken);
        var settings = new WorkspaceSettings("ws") { Name = "After" };
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        ValueTask Import() => reason switch
        {
            "insert-exists" => store.ImportWorkspaceAsync("ws", settings, [Draft("new"), Draft("kept")], [], TestContext.Current.CancellationToken),
            "replacement-stale" => store.ImportWorkspaceAsync("ws", settings, [Draft("new")], [kept.With(version: 3)], TestContext.Current.CancellationToken),
            "replacement-missing" => store.ImportWorkspaceAsync("ws", settings, [Draft("new")], [Draft("ghost").With(version: 2)], TestContext.Current.CancellationToken),
            "duplicate-id" => store.ImportWorkspaceAsync("ws", settings, [Draft("new"), Draft("new")], [], TestContext.Current.CancellationToken),
            "other-workspace" => store.ImportWorkspaceAsync("ws", new WorkspaceSettings("other"), [Draft("new")], [], TestContext.Current.CancellationToken),
            _ => store.ImportWorkspaceAsync("ws", settings, [Draft("new")], [], cancelled.Token),
        };
        await Assert.ThrowsAnyAsync<Exception>(async () => await Import());

        Assert.Equal([kept], await store.ListAsync("ws", TestContext.Current.CancellationToken));
        Assert.Equal(before, await store.GetSettingsAsync("ws", TestContext.Current.CancellationToken));
        Assert.True(await store.InitializeWorkspaceAsync("ws", [], TestContext.Current.CancellationToken));
    }

    internal static IMessageStore CreateStore(string kind) => kind switch
    {
        "in-memory" => new InMemoryMessageStore(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown store kind."),
    };

    private static ProactiveMessage Draft(string id, string name = "A message") =>
        ProactiveMessage.CreateDraft(id, new MessageDefinition { Name = name }, T0).GetValueOrThrow();
}
