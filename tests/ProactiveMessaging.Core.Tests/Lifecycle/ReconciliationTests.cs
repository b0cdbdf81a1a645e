using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class ReconciliationTests
{
    private const string Ws = CatalogHarness.Workspace;
    private static readonly CancellationToken Token = CatalogHarness.Token;
    private readonly CatalogHarness _harness = new();

    public static TheoryData<string, WorkspaceSnapshot, string> BotChanges => new()
    {
        { "channel deleted", Snapshots.WithoutChannel(Snapshots.BotChannel), RequirementProblemCodes.ChannelNotFound },
        { "bot deleted", Snapshots.Healthy with { Bots = [] }, RequirementProblemCodes.BotNotFound },
        { "bot unpublished", Snapshots.WithBot(b => b with { IsPublished = false }), RequirementProblemCodes.BotNotPublished },
        { "answer unpublished", Snapshots.WithBot(b => b with { PublishedAnswerIds = ["answer2"] }), RequirementProblemCodes.AnswerNotPublished },
        { "messaging off", Snapshots.Healthy with { MessagingActive = false }, RequirementProblemCodes.MessagingInactive },
    };

    [Theory]
    [MemberData(nameof(BotChanges))]
    public async Task Reconcile_WhenTheWorkspaceBreaksALiveMessage_MovesItToErrorWithTheProblems(string situation, WorkspaceSnapshot snapshot, string code)
    {
        var live = await _harness.SetMetricsAsync(await _harness.CreateLiveAsync(Definitions.Bot()), new MessageMetrics(4, 3, 2));

        var report = await _harness.Catalog.ReconcileAsync(Ws, snapshot, Token);

        var change = Assert.Single(report.Changes);
        Assert.Equal((live.Id, MessageStatus.Live), (change.MessageId, change.OldStatus));
        Assert.Equal(code, Assert.Single(change.Problems).Code);
        var stored = (await _harness.GetAsync(live.Id))!;
        Assert.Equal((MessageStatus.Error, live.Metrics, live.Version + 1), (stored.Status, stored.Metrics, stored.Version));
        Assert.Equal(change.Problems, stored.Problems);
        Assert.True(report.HasChanges, situation);
    }

    [Fact]
    public async Task Reconcile_MovesPausedMessagesToo_AndLeavesDraftsAndWorkingMessagesUntouched()
    {
        var paused = await _harness.CreateInStatusAsync(MessageStatus.Paused, Definitions.Bot("Paused bot"));
        var workingLive = await _harness.CreateLiveAsync(Definitions.Agent("Agent"));
        var botDraft = await _harness.CreateAsync(Definitions.Bot("Draft bot"));
        var before = (await _harness.AllAsync()).Where(m => m.Id != paused.Id).ToList();

        var report = await _harness.Catalog.ReconcileAsync(Ws, Snapshots.Healthy with { Bots = [] }, Token);

        var change = Assert.Single(report.Changes);
        Assert.Equal((paused.Id, MessageStatus.Paused), (change.MessageId, change.OldStatus));
        Assert.Equal(2, report.CheckedCount);
        Assert.Equal(before, (await _harness.AllAsync()).Where(m => m.Id != paused.Id));
        Assert.Equal(MessageStatus.Live, (await _harness.GetAsync(workingLive.Id))!.Status);
        Assert.Equal(MessageStatus.Draft, (await _harness.GetAsync(botDraft.Id))!.Status);
    }

    [Fact]
    public async Task Reconcile_IsIdempotent()
    {
        await _harness.CreateLiveAsync(Definitions.Bot());
        await _harness.CreateLiveAsync(Definitions.Agent());
        var snapshot = Snapshots.Healthy with { MessagingActive = false };

        var first = await _harness.Catalog.ReconcileAsync(Ws, snapshot, Token);
        var afterFirst = await _harness.AllAsync();
        var second = await _harness.Catalog.ReconcileAsync(Ws, snapshot, Token);

        Assert.Equal(2, first.Changes.Length);
        Assert.Empty(second.Changes);
        Assert.False(second.HasChanges);
        Assert.Equal(afterFirst, await _harness.AllAsync());
    }

    [Fact]
    public async Task Reconcile_WithAHealthyWorkspace_ChangesNothing()
    {
        await _harness.CreateLiveAsync(Definitions.Bot());
        await _harness.CreateInStatusAsync(MessageStatus.Paused);
        var before = await _harness.AllAsync();

        var report = await _harness.Catalog.ReconcileAsync(Ws, Snapshots.Healthy, Token);

        Assert.Empty(report.Changes);
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Fact]
    public async Task Reconcile_ReportsChangesInIdOrder()
    {
        for (var i = 0; i < 5; i++)
        {
            await _harness.CreateLiveAsync(Definitions.Agent($"Message {i}"));
        }

        var report = await _harness.Catalog.ReconcileAsync(Ws, Snapshots.Healthy with { AgentWorkspaceActive = false }, Token);

        Assert.Equal(report.Changes.Select(c => c.MessageId).Order(StringComparer.Ordinal), report.Changes.Select(c => c.MessageId));
    }

    [Fact]
    public async Task Reconcile_AMessageInError_LeavesItForAnEditToFix()
    {
        var broken = await _harness.CreateInStatusAsync(MessageStatus.Error);

        await _harness.Catalog.ReconcileAsync(Ws, Snapshots.Healthy, Token);

        Assert.Equal(broken, await _harness.GetAsync(broken.Id));
    }
}
