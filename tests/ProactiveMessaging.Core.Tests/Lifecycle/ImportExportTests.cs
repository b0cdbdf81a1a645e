using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>A whole catalog survives export, the JSON format and import into another process.</summary>
public sealed class ImportExportTests
{
    private const string Ws = CatalogHarness.Workspace;
    private static readonly MessageListQuery Everything = new() { Limit = MessageListQuery.MaxLimit };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void ExportWriteReadImport_GeneratedCatalogs_GiveTheSameListAndLiveSetInAnotherProcess()
    {
        var cases =
            from document in MessageArbitraries.Catalog()
            from withSchedules in Gen.Elements(false, true)
            from dropped in Gen.Choose(0, 3)
            select (Document: withSchedules ? WithSchedules(document) : document, Dropped: dropped);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(Arb.From(cases), c => RoundTrip(c.Document, c.Dropped)));
    }

    [Fact]
    public async Task Import_TheExampleCatalogOfTheDocs_KeepsVersionsStatusesAndHistory()
    {
        var document = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(GoldenFileTests.ExamplesDirectory, "catalog.json"))).GetValueOrThrow();
        var target = new CatalogHarness();

        var report = (await target.Catalog.ImportAsync(document, ExampleSnapshot(document), cancellationToken: Token)).EnsureSucceeded();

        var listed = await target.Catalog.ListAsync("acme", Everything, Token);
        Assert.Equal(["checkout-help", "pricing-bot", "preset-welcome"], report.Inserted);
        Assert.Equal(document.Messages.OrderBy(m => m.Id, StringComparer.Ordinal), listed.Items.OrderBy(m => m.Id, StringComparer.Ordinal));
        Assert.Equal([(3L, MessageStatus.Live), (7L, MessageStatus.Paused), (1L, MessageStatus.Draft)], document.Messages.Select(m => (m.Version, m.Status)));
        Assert.Equal(["checkout-help"], target.Catalog.GetLiveSet("acme").GetMessages("web-main").Select(m => m.Id));
        Assert.Equal(document.Workspace, await target.Catalog.GetWorkspaceSettingsAsync("acme", Token));
        Assert.Equal(new CatalogDocument(document.Workspace, document.Messages.OrderBy(m => m.Id, StringComparer.Ordinal)), await target.Catalog.ExportAsync("acme", Token));
    }

    [Fact]
    public async Task Import_LiveOrPausedMessageWhoseRequirementsNoLongerHold_IsStoredInErrorWithItsProblems()
    {
        var document = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(GoldenFileTests.ExamplesDirectory, "catalog.json"))).GetValueOrThrow();
        var withoutBot = ExampleSnapshot(document) with { Bots = [] };
        var target = new CatalogHarness();

        var report = (await target.Catalog.ImportAsync(document, withoutBot, cancellationToken: Token)).EnsureSucceeded();

        var moved = Assert.Single(report.MovedToError);
        Assert.Equal(("pricing-bot", MessageStatus.Paused), (moved.MessageId, moved.OldStatus));
        ProblemAssert.Contains(moved.Problems, RequirementProblemCodes.BotNotFound, "$.reply", ProblemKind.Unmet);
        var stored = (await target.Catalog.GetAsync("acme", "pricing-bot", Token))!;
        Assert.Equal((MessageStatus.Error, 8L, target.Now), (stored.Status, stored.Version, stored.UpdatedAt));
        Assert.Equal(moved.Problems, stored.Problems);
        Assert.Equal(new MessageMetrics(980, 310, 122), stored.Metrics);
        Assert.Equal(MessageStatus.Live, (await target.Catalog.GetAsync("acme", "checkout-help", Token))!.Status);
        Assert.Equal(["checkout-help"], target.Catalog.GetLiveSet("acme").GetMessages("web-main").Select(m => m.Id));
    }

    [Fact]
    public async Task Import_LiveMessageOnAChannelTheSnapshotLacks_IsNeverLive()
    {
        var source = new CatalogHarness();
        var live = await source.CreateLiveAsync();
        var document = await source.Catalog.ExportAsync(Ws, Token);
        var target = new CatalogHarness();
        var liveSets = new List<LiveMessageSet>();
        using var listener = target.Catalog.AddListener(new Listener(liveSets));

        var report = await target.Catalog.ImportAsync(document, Snapshots.WithoutChannel(Snapshots.WebChannel), cancellationToken: Token);

        Assert.Equal(live.Id, Assert.Single(report.MovedToError).MessageId);
        Assert.Equal(0, target.Catalog.GetLiveSet(Ws).Count);
        Assert.Empty(liveSets);
        ProblemAssert.Contains((await target.GetAsync(live.Id))!.Problems, RequirementProblemCodes.ChannelNotFound, "$.channelId");
    }

    [Fact]
    public async Task Import_IntoAWorkspaceNeverAccessed_AddsNoPresets_EvenLater()
    {
        var source = new CatalogHarness();
        await source.CreateAsync(Definitions.Agent("Mine"));
        var document = await source.Catalog.ExportAsync(Ws, Token);
        var target = new CatalogHarness();

        (await target.Catalog.ImportAsync(document, Snapshots.Healthy, cancellationToken: Token)).EnsureSucceeded();
        var restarted = new MessageCatalog(target.Store, target.MetricsStore);

        Assert.Equal(4, (await target.Catalog.ListAsync(Ws, Everything, Token)).TotalCount);
        Assert.Equal(4, (await restarted.ListAsync(Ws, Everything, Token)).TotalCount);
    }

    [Fact]
    public async Task Import_AnEmptyCatalogIntoAFreshWorkspace_LeavesItEmpty()
    {
        var target = new CatalogHarness();

        (await target.Catalog.ImportAsync(new CatalogDocument(new WorkspaceSettings("fresh"), []), Snapshots.Healthy, cancellationToken: Token)).EnsureSucceeded();

        Assert.Equal(0, (await target.Catalog.ListAsync("fresh", Everything, Token)).TotalCount);
    }

    [Fact]
    public async Task Import_AnIdTheWorkspaceHolds_IsRefusedByDefault_AndNothingChanges()
    {
        var harness = new CatalogHarness();
        var existing = await harness.CreateAsync(Definitions.Agent("Existing"));
        var before = await harness.AllAsync();
        var document = new CatalogDocument(new WorkspaceSettings(Ws) { Name = "Imported" }, [Draft("new-one"), existing.With(definition: existing.Definition with { Name = "Changed" })]);

        var report = await harness.Catalog.ImportAsync(document, Snapshots.Healthy, cancellationToken: Token);

        ProblemAssert.Single(report.Problems, CatalogProblemCodes.MessageIdExists, ProblemKind.Malformed, "$.messages[1].id");
        Assert.Throws<InvalidInputException>(() => report.EnsureSucceeded());
        Assert.Equal(before, await harness.AllAsync());
        Assert.Null(await harness.Store.GetSettingsAsync(Ws, Token));
    }

    [Fact]
    public async Task Import_SkipMode_KeepsTheStoredMessage()
    {
        var harness = new CatalogHarness();
        var existing = await harness.CreateAsync(Definitions.Agent("Existing"));

        var report = (await harness.Catalog.ImportAsync(
            new CatalogDocument(new WorkspaceSettings(Ws), [Draft("new-one"), existing.With(definition: existing.Definition with { Name = "Changed" })]),
            Snapshots.Healthy,
            new CatalogImportOptions { OnExistingId = ImportConflictMode.Skip },
            Token)).EnsureSucceeded();

        Assert.Equal(["new-one"], report.Inserted);
        Assert.Equal([existing.Id], report.Skipped);
        Assert.Equal(existing, await harness.GetAsync(existing.Id));
        Assert.NotNull(await harness.GetAsync("new-one"));
    }

    [Fact]
    public async Task Import_ReplaceMode_ReplacesWithTheNextStoredVersion_SoAnOldVersionConflicts()
    {
        var harness = new CatalogHarness();
        var existing = await harness.CreateAsync(Definitions.Agent("Existing"));
        var edited = (await harness.Catalog.EditAsync(Ws, existing.Id, existing.Version, Definitions.Agent("Edited"), cancellationToken: Token)).EnsureSucceeded().Message!;
        var imported = existing.With(definition: existing.Definition with { Name = "Imported" });

        var report = (await harness.Catalog.ImportAsync(
            new CatalogDocument(new WorkspaceSettings(Ws), [imported]),
            Snapshots.Healthy,
            new CatalogImportOptions { OnExistingId = ImportConflictMode.Replace },
            Token)).EnsureSucceeded();

        var stored = (await harness.GetAsync(existing.Id))!;
        Assert.Equal([existing.Id], report.Replaced);
        Assert.Equal(("Imported", edited.Version + 1), (stored.Name, stored.Version));
        var stale = await harness.Catalog.EditAsync(Ws, existing.Id, edited.Version, Definitions.Agent("Stale"), cancellationToken: Token);
        Assert.Equal(MessageActionRefusal.VersionConflict, stale.Refusal);
    }

    [Fact]
    public async Task Import_TheSameIdTwice_IsRefused()
    {
        var harness = new CatalogHarness();

        var report = await harness.Catalog.ImportAsync(new CatalogDocument(new WorkspaceSettings("twice"), [Draft("a"), Draft("b"), Draft("a")]), Snapshots.Healthy, cancellationToken: Token);

        ProblemAssert.Single(report.Problems, CatalogProblemCodes.MessageIdDuplicate, ProblemKind.Malformed, "$.messages[2].id");
        Assert.Empty(await harness.Store.ListAsync("twice", Token));
    }

    [Fact]
    public async Task Import_ContentMalformedForTheCatalogsFields_IsRefusedWithThePathInTheDocument()
    {
        // Read by a host that knows the event; imported into a catalog that does not.
        var fields = FieldCatalog.Default.WithEvent("addedToCart");
        var source = new CatalogHarness(options: Options(fields));
        await source.CreateAsync(Definitions.Agent() with { Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("event.addedToCart.count", ConditionOperator.AtLeast, 1)) } });
        var document = await source.Catalog.ExportAsync(Ws, Token);
        var target = new CatalogHarness();

        var report = await target.Catalog.ImportAsync(document, Snapshots.Healthy, cancellationToken: Token);

        ProblemAssert.Contains(report.Problems, ConditionProblemCodes.FieldUnknown, "$.messages[3].rules.conditions.all[0].field");
        Assert.True((await new CatalogHarness(options: Options(fields)).Catalog.ImportAsync(document, Snapshots.Healthy, cancellationToken: Token)).Succeeded);
    }

    [Fact]
    public async Task Import_InconsistentSettings_AreRefusedWithTheirPaths()
    {
        var harness = new CatalogHarness();
        var settings = new WorkspaceSettings("settings") { DefaultScheduleId = "missing", Schedules = [Snapshots.Schedule("hours"), Snapshots.Schedule("hours")] };

        var report = await harness.Catalog.ImportAsync(new CatalogDocument(settings, []), Snapshots.Healthy, cancellationToken: Token);

        ProblemAssert.Contains(report.Problems, CatalogProblemCodes.ScheduleIdDuplicate, "$.workspace.schedules[1].id");
        ProblemAssert.Contains(report.Problems, CatalogProblemCodes.DefaultScheduleUnknown, "$.workspace.defaultScheduleId");
        Assert.Null(await harness.Store.GetSettingsAsync("settings", Token));
    }

    [Fact]
    public async Task Import_AWorkspaceChangedWhileImporting_IsRefusedAndChangesNothing()
    {
        var store = new RacingStore(new InMemoryMessageStore());
        var harness = new CatalogHarness(store);

        var report = await harness.Catalog.ImportAsync(new CatalogDocument(new WorkspaceSettings("raced"), [Draft("a"), Draft("b")]), Snapshots.Healthy, cancellationToken: Token);

        ProblemAssert.Single(report.Problems, CatalogProblemCodes.ConcurrentChange, ProblemKind.Malformed, "$.messages[1].id");
        Assert.Equal(["b"], (await store.ListAsync("raced", Token)).Select(m => m.Id));
    }

    [Fact]
    public async Task Import_RebuildsTheLiveSetOnce()
    {
        var source = new CatalogHarness();
        for (var i = 0; i < 4; i++)
        {
            await source.CreateLiveAsync(Definitions.Agent($"Live {i}"));
        }

        var target = new CatalogHarness();
        var liveSets = new List<LiveMessageSet>();
        using var listener = target.Catalog.AddListener(new Listener(liveSets));

        (await target.Catalog.ImportAsync(await source.Catalog.ExportAsync(Ws, Token), Snapshots.Healthy, cancellationToken: Token)).EnsureSucceeded();

        Assert.Equal(4, Assert.Single(liveSets).Count);
        Assert.Same(liveSets[0], target.Catalog.GetLiveSet(Ws));
    }

    [Fact]
    public async Task Import_IntoAProcessThatStillCounts_ShowsTheDocumentsMetrics_NotTheirSum()
    {
        var harness = new CatalogHarness();
        var live = await harness.CreateLiveAsync();
        await harness.MetricsStore.RecordAsync(Ws, live.Id, "v1", MessageMetric.Sent, harness.Now, Token);
        await harness.MetricsStore.RecordAsync(Ws, live.Id, "v2", MessageMetric.Sent, harness.Now, Token);
        var exported = await harness.Catalog.ExportAsync(Ws, Token);
        Assert.Equal(new MessageMetrics(2, 0, 0), exported.Messages.Single(m => m.Id == live.Id).Metrics);

        (await harness.Catalog.ImportAsync(exported, Snapshots.Healthy, new CatalogImportOptions { OnExistingId = ImportConflictMode.Replace }, Token)).EnsureSucceeded();

        Assert.Equal(new MessageMetrics(2, 0, 0), (await harness.GetAsync(live.Id))!.Metrics);
        await harness.MetricsStore.RecordAsync(Ws, live.Id, "v3", MessageMetric.Sent, harness.Now, Token);
        Assert.Equal(new MessageMetrics(3, 0, 0), (await harness.GetAsync(live.Id))!.Metrics);
    }

    [Fact]
    public async Task Export_ShowsTheStoredSettingsAndEveryStatus()
    {
        var harness = new CatalogHarness();
        var settings = new WorkspaceSettings(Ws) { Name = "Acme", DefaultScheduleId = "hours", Schedules = [Snapshots.Schedule("hours")] };
        (await harness.Catalog.SetWorkspaceSettingsAsync(settings, Token)).GetValueOrThrow();
        // Error first: reaching it reconciles the whole workspace, which would move the others too.
        foreach (var status in new[] { MessageStatus.Error, MessageStatus.Draft, MessageStatus.Live, MessageStatus.Paused })
        {
            await harness.CreateInStatusAsync(status);
        }

        var exported = await harness.Catalog.ExportAsync(Ws, Token);

        Assert.Equal(settings, exported.Workspace);
        Assert.Equal(exported.Messages.OrderBy(m => m.Id, StringComparer.Ordinal), exported.Messages);
        Assert.Equal((await harness.AllAsync()).OrderBy(m => m.Id, StringComparer.Ordinal), exported.Messages);
        Assert.Equal(Enum.GetValues<MessageStatus>().Order(), exported.Messages.Select(m => m.Status).Distinct().Order());
    }

    [Fact]
    public async Task SetWorkspaceSettings_WithAnUnknownDefaultSchedule_IsRefusedAndStoresNothing()
    {
        var harness = new CatalogHarness();

        var result = await harness.Catalog.SetWorkspaceSettingsAsync(new WorkspaceSettings(Ws) { DefaultScheduleId = "missing" }, Token);

        ProblemAssert.Single(result.Problems, CatalogProblemCodes.DefaultScheduleUnknown, ProblemKind.Malformed, "$.defaultScheduleId");
        Assert.Equal(new WorkspaceSettings(Ws), await harness.Catalog.GetWorkspaceSettingsAsync(Ws, Token));
    }

    private static bool RoundTrip(CatalogDocument document, int dropped)
    {
        var snapshot = SnapshotFor(document, dropped);
        var first = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), timeProvider: new FakeTimeProvider(CatalogHarness.Start));
        var workspaceId = document.Workspace.Id;
        var imported = Wait(first.ImportAsync(document, snapshot));
        Assert.True(imported.Succeeded, ProblemAssert.Describe(imported.Problems));
        CheckImported(document, snapshot, Wait(first.ListAsync(workspaceId, Everything)).Items, CatalogHarness.Start);

        var json = MessageJson.WriteCatalogUtf8(Wait(first.ExportAsync(workspaceId)));
        var read = MessageJson.ReadCatalog(json);
        Assert.True(read.Succeeded, $"{ProblemAssert.Describe(read.Problems)}\n{Encoding.UTF8.GetString(json)}");

        // Another process: its own stores, its own clock, the same snapshot.
        var second = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), timeProvider: new FakeTimeProvider(CatalogHarness.Start.AddDays(30)));
        var reimported = Wait(second.ImportAsync(read.Value!, snapshot));
        Assert.True(reimported.Succeeded, ProblemAssert.Describe(reimported.Problems));
        Assert.Empty(reimported.MovedToError);

        foreach (var query in new[] { Everything, Everything with { SortBy = MessageSortColumn.Sent, Direction = SortDirection.Descending }, Everything with { SortBy = MessageSortColumn.UpdatedAt } })
        {
            Assert.Equal(Wait(first.ListAsync(workspaceId, query)).Items, Wait(second.ListAsync(workspaceId, query)).Items);
        }

        var firstLive = first.GetLiveSet(workspaceId);
        var secondLive = second.GetLiveSet(workspaceId);
        Assert.True(firstLive.HasSameMessages(secondLive), $"{firstLive} / {secondLive}");
        Assert.Equal(json, MessageJson.WriteCatalogUtf8(Wait(second.ExportAsync(workspaceId))));
        return true;
    }

    /// <summary>What the first import stored: the document, except published messages the snapshot breaks, now in Error.</summary>
    private static void CheckImported(CatalogDocument document, WorkspaceSnapshot snapshot, ImmutableArray<ProactiveMessage> listed, DateTimeOffset now)
    {
        Assert.Equal(document.Messages.Length, listed.Length);

        // The messages are checked against the fields the document declares.
        var validator = new MessageValidator(fields: document.Workspace.ExtendFields(FieldCatalog.Default).GetValueOrThrow());
        foreach (var message in document.Messages)
        {
            var stored = listed.Single(m => m.Id == message.Id);
            var unmet = message.Status is MessageStatus.Live or MessageStatus.Paused ? PublishRequirements.Check(message.Definition, snapshot, validator) : [];
            var expected = unmet.IsEmpty
                ? message
                : message.With(status: MessageStatus.Error, problems: unmet, updatedAt: NodaTime.Instant.FromDateTimeOffset(now), version: message.Version + 1);
            Assert.Equal(expected, stored);
        }
    }

    /// <summary>
    /// A snapshot in which every published message works except those on the channels dropped: the
    /// messages' channels (all allowed, with a sender and the flow builder), one bot with every
    /// answer published, and the schedule business hours need.
    /// </summary>
    private static WorkspaceSnapshot SnapshotFor(CatalogDocument document, int dropped)
    {
        var channels = document.Messages.Select(m => m.ChannelId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var kept = channels.Where((_, i) => i >= dropped).ToList();
        var answers = document.Messages.Select(m => m.Reply).OfType<BotReply>().Select(r => r.AnswerId).Where(a => a.Length > 0);
        return new WorkspaceSnapshot
        {
            AgentWorkspaceActive = true,
            MessagingActive = true,
            DefaultScheduleId = "hours",
            Schedules = [Snapshots.Schedule("hours")],
            Channels =
            [
                .. kept.Select(id => new ChannelInfo(id, ChannelKind.WebWidget) { BrandId = "brand", DefaultSenderName = "Support", UsesFlowBuilder = true, BotId = "the-bot" }),
                new ChannelInfo("always-there", ChannelKind.WebWidget),
            ],
            Bots = [new BotInfo("the-bot") { BrandId = "brand", IsActive = true, IsPublished = true, PublishedAnswerIds = [.. answers] }],
        };
    }

    private static CatalogDocument WithSchedules(CatalogDocument document) =>
        new(document.Workspace with { DefaultScheduleId = "hours", Schedules = [Snapshots.Schedule("hours"), Snapshots.Schedule("app-hours")] }, document.Messages);

    private static WorkspaceSnapshot ExampleSnapshot(CatalogDocument document) => new()
    {
        AgentWorkspaceActive = true,
        MessagingActive = true,
        DefaultScheduleId = document.Workspace.DefaultScheduleId,
        Schedules = document.Workspace.Schedules,
        Channels = [new ChannelInfo("web-main", ChannelKind.WebWidget) { BrandId = "acme", DefaultSenderName = "Acme Support", UsesFlowBuilder = true, BotId = "acme-bot" }],
        Bots = [new BotInfo("acme-bot") { BrandId = "acme", IsActive = true, IsPublished = true, PublishedAnswerIds = ["answer-pricing"] }],
    };

    private static ProactiveMessagingOptions Options(FieldCatalog fields) => new() { Fields = fields };

    private static ProactiveMessage Draft(string id) =>
        ProactiveMessage.CreateDraft(id, Definitions.Agent("Imported " + id), NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0)).GetValueOrThrow();

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private sealed class Listener(List<LiveMessageSet> sets) : ILiveSetListener
    {
        public void OnLiveSetChanged(LiveMessageSet liveSet) => sets.Add(liveSet);
    }

    /// <summary>A store where another writer inserts the last imported message just before the import is applied.</summary>
    private sealed class RacingStore(InMemoryMessageStore inner) : IMessageStore
    {
        public ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default) => inner.GetAsync(workspaceId, messageId, cancellationToken);

        public ValueTask<ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default) => inner.ListAsync(workspaceId, cancellationToken);

        public ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) => inner.InsertAsync(workspaceId, message, cancellationToken);

        public ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) => inner.InsertIfNameUnusedAsync(workspaceId, message, cancellationToken);

        public ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default) => inner.ReplaceAsync(workspaceId, message, expectedVersion, cancellationToken);

        public ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(workspaceId, messageId, expectedVersion, cancellationToken);

        public ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default) => inner.InitializeWorkspaceAsync(workspaceId, messages, cancellationToken);

        public ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default) => inner.GetSettingsAsync(workspaceId, cancellationToken);

        public ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default) => inner.SetSettingsAsync(workspaceId, settings, cancellationToken);

        public async ValueTask ImportWorkspaceAsync(string workspaceId, WorkspaceSettings settings, IReadOnlyList<ProactiveMessage> inserts, IReadOnlyList<ProactiveMessage> replacements, CancellationToken cancellationToken = default)
        {
            await inner.InsertAsync(workspaceId, inserts[^1].With(version: 1), cancellationToken);
            await inner.ImportWorkspaceAsync(workspaceId, settings, inserts, replacements, cancellationToken);
        }
    }
}
