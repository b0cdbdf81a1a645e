using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class MessageCatalogActionTests
{
    private const string Ws = CatalogHarness.Workspace;
    private static readonly CancellationToken Token = CatalogHarness.Token;
    private readonly CatalogHarness _harness = new();

    private MessageCatalog Catalog => _harness.Catalog;

    // Create.
    [Fact]
    public async Task Create_StoresADraftAtVersionOneWithZeroMetrics()
    {
        var result = await Catalog.CreateAsync(Ws, Definitions.Incomplete(), Token);

        Assert.True(result.Succeeded);
        Assert.Equal((MessageStatus.Draft, 1L, MessageMetrics.Zero, _harness.Now), (result.Value.Status, result.Value.Version, result.Value.Metrics, result.Value.UpdatedAt));
        Assert.Contains(result.Problems, p => p.Kind == ProblemKind.Incomplete);
        Assert.Equal(result.Value, await _harness.GetAsync(result.Value.Id));
    }

    [Fact]
    public async Task Create_WhenMalformed_StoresNothing()
    {
        var before = await _harness.AllAsync();

        var result = await Catalog.CreateAsync(Ws, Definitions.Agent() with { Rules = new MessageRules { Tags = ["bad tag"] } }, Token);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Code == ModelProblemCodes.TagInvalid);
        Assert.Equal(before, await _harness.AllAsync());
    }

    // Edit.
    [Fact]
    public async Task Edit_KeepsIdStatusAndMetrics_AndUpdatesDefinitionTimeAndVersion()
    {
        var live = await _harness.SetMetricsAsync(await _harness.CreateLiveAsync(), new MessageMetrics(10, 5, 2));
        _harness.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await Catalog.EditAsync(Ws, live.Id, live.Version, Definitions.Agent("Renamed"), Snapshots.Healthy, Token);

        var edited = result.EnsureSucceeded().Message!;
        Assert.Equal((live.Id, MessageStatus.Live, live.Metrics, live.PublishedAt), (edited.Id, edited.Status, edited.Metrics, edited.PublishedAt));
        Assert.Equal(("Renamed", live.Version + 1, _harness.Now), (edited.Name, edited.Version, edited.UpdatedAt));
        Assert.Equal(edited, await _harness.GetAsync(live.Id));
    }

    [Fact]
    public async Task Edit_ADraft_AcceptsIncompleteContentAndReportsIt()
    {
        var draft = await _harness.CreateAsync(Definitions.Agent());

        var result = await Catalog.EditAsync(Ws, draft.Id, draft.Version, Definitions.Incomplete(), cancellationToken: Token);

        Assert.True(result.Succeeded);
        Assert.Equal(MessageStatus.Draft, result.Status);
        Assert.Contains(result.Problems, p => p.Code == ModelProblemCodes.ChannelRequired);
    }

    [Fact]
    public async Task Edit_WithMalformedContent_IsRefusedWithEveryProblemAndChangesNothing()
    {
        var draft = await _harness.CreateAsync(Definitions.Agent());
        var before = await _harness.AllAsync();

        var result = await Catalog.EditAsync(Ws, draft.Id, draft.Version, Definitions.Agent("Two\nlines") with { Rules = new MessageRules { Tags = ["bad tag"] } }, cancellationToken: Token);

        Assert.Equal(MessageActionRefusal.Problems, result.Refusal);
        Assert.Equal([ModelProblemCodes.NameInvalid, ModelProblemCodes.TagInvalid, ModelProblemCodes.ConditionsRequired], result.Problems.Select(p => p.Code));
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Fact]
    public async Task Edit_ALiveMessageIntoAnIncompleteOne_IsRefusedWithTheProblems()
    {
        var live = await _harness.CreateLiveAsync();
        var before = await _harness.AllAsync();

        var result = await Catalog.EditAsync(Ws, live.Id, live.Version, Definitions.Agent() with { Reply = new AgentReply(string.Empty) }, cancellationToken: Token);

        Assert.Equal(MessageActionRefusal.Problems, result.Refusal);
        Assert.Equal(ModelProblemCodes.TextRequired, Assert.Single(result.Problems).Code);
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Fact]
    public async Task Edit_ALiveMessageOntoAMissingChannel_IsRefusedWhenASnapshotIsGiven()
    {
        var live = await _harness.CreateLiveAsync();
        var before = await _harness.AllAsync();

        var result = await Catalog.EditAsync(Ws, live.Id, live.Version, Definitions.Agent(channel: "gone"), Snapshots.Healthy, Token);

        Assert.Equal(RequirementProblemCodes.ChannelNotFound, Assert.Single(result.Problems).Code);
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Fact]
    public async Task Edit_APausedMessage_KeepsItPaused()
    {
        var paused = await _harness.CreateInStatusAsync(MessageStatus.Paused);

        var result = await Catalog.EditAsync(Ws, paused.Id, paused.Version, Definitions.Agent("New name"), Snapshots.Healthy, Token);

        Assert.Equal(MessageStatus.Paused, result.EnsureSucceeded().Status);
    }

    [Fact]
    public async Task Edit_AnErrorMessageWhoseProblemsAreFixed_MakesItADraft()
    {
        var broken = await _harness.CreateInStatusAsync(MessageStatus.Error);
        var snapshot = Snapshots.Healthy with { MessagingActive = false };

        var stillBroken = await Catalog.EditAsync(Ws, broken.Id, broken.Version, Definitions.Agent("Still"), snapshot, Token);
        Assert.Equal(MessageStatus.Error, stillBroken.EnsureSucceeded().Status);
        Assert.Equal(RequirementProblemCodes.MessagingInactive, Assert.Single(stillBroken.Message!.Problems).Code);

        var fixedResult = await Catalog.EditAsync(Ws, broken.Id, stillBroken.Message.Version, Definitions.Agent("Fixed"), Snapshots.Healthy, Token);
        var fixedMessage = fixedResult.EnsureSucceeded().Message!;
        Assert.Equal(MessageStatus.Draft, fixedMessage.Status);
        Assert.Empty(fixedMessage.Problems);
        Assert.Equal(broken.Metrics, fixedMessage.Metrics);
    }

    [Fact]
    public async Task Edit_AnErrorMessageWithoutASnapshot_StaysInErrorKeepingTheUnmetProblems()
    {
        var broken = await _harness.CreateInStatusAsync(MessageStatus.Error);

        var result = await Catalog.EditAsync(Ws, broken.Id, broken.Version, Definitions.Agent("Renamed"), cancellationToken: Token);

        Assert.Equal(MessageStatus.Error, result.EnsureSucceeded().Status);
        Assert.Equal(broken.Problems, result.Message!.Problems);
    }

    [Fact]
    public async Task Edit_AnErrorMessageIntoAnIncompleteOne_StaysInErrorWithTheNewProblems()
    {
        var broken = await _harness.CreateInStatusAsync(MessageStatus.Error);

        var result = await Catalog.EditAsync(Ws, broken.Id, broken.Version, Definitions.Agent() with { ChannelId = null }, Snapshots.Healthy, Token);

        Assert.Equal(MessageStatus.Error, result.EnsureSucceeded().Status);
        Assert.Equal(ModelProblemCodes.ChannelRequired, Assert.Single(result.Message!.Problems).Code);
    }

    // Duplicate.
    [Fact]
    public async Task Duplicate_CreatesADraftWithANewIdADistinguishableNameAndZeroMetrics()
    {
        var live = await _harness.SetMetricsAsync(await _harness.CreateLiveAsync(Definitions.Agent("Checkout help")), new MessageMetrics(3, 2, 1));

        var first = (await Catalog.DuplicateAsync(Ws, live.Id, Token)).EnsureSucceeded().Message!;
        var second = (await Catalog.DuplicateAsync(Ws, live.Id, Token)).EnsureSucceeded().Message!;

        Assert.Equal(("Copy of Checkout help", MessageStatus.Draft, MessageMetrics.Zero, 1L), (first.Name, first.Status, first.Metrics, first.Version));
        Assert.Equal("Copy of Checkout help (2)", second.Name);
        Assert.NotEqual(live.Id, first.Id);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Null(first.PublishedAt);
        Assert.Equal(live.Definition with { Name = first.Name }, first.Definition);
        Assert.Equal(live, await _harness.GetAsync(live.Id));
    }

    [Fact]
    public async Task Duplicate_ALongName_StaysWithinTheNameBound()
    {
        var name = new string('n', MessageValidationDefaults.MaxNameLength);
        var draft = await _harness.CreateAsync(Definitions.Agent(name));

        var first = (await Catalog.DuplicateAsync(Ws, draft.Id, Token)).EnsureSucceeded().Message!;
        var second = (await Catalog.DuplicateAsync(Ws, draft.Id, Token)).EnsureSucceeded().Message!;

        Assert.Equal(MessageValidationDefaults.MaxNameLength, first.Name.Length);
        Assert.StartsWith("Copy of nnn", first.Name, StringComparison.Ordinal);
        Assert.EndsWith("n (2)", second.Name, StringComparison.Ordinal);
        Assert.Equal(MessageValidationDefaults.MaxNameLength, second.Name.Length);
    }

    [Fact]
    public async Task Duplicate_AnErrorMessage_IsNotAllowed()
    {
        var broken = await _harness.CreateInStatusAsync(MessageStatus.Error);

        var result = await Catalog.DuplicateAsync(Ws, broken.Id, Token);

        Assert.Equal((MessageActionRefusal.NotAllowed, MessageStatus.Error), (result.Refusal, result.Status));
    }

    // Publish, pause, resume, delete.
    [Fact]
    public async Task Publish_ACompleteDraft_MakesItLiveAndSetsPublishedAt()
    {
        var draft = await _harness.CreateAsync(Definitions.Bot());
        _harness.Time.Advance(TimeSpan.FromHours(1));

        var live = (await Catalog.PublishAsync(Ws, draft.Id, draft.Version, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;

        Assert.Equal((MessageStatus.Live, _harness.Now, _harness.Now, 2L), (live.Status, live.PublishedAt, live.UpdatedAt, live.Version));
    }

    [Fact]
    public async Task Publish_WhenBotAnswerUnpublished_ListsTheProblem()
    {
        var draft = await _harness.CreateAsync(Definitions.Bot());
        var before = await _harness.AllAsync();

        var result = await Catalog.PublishAsync(Ws, draft.Id, draft.Version, Snapshots.WithBot(b => b with { PublishedAnswerIds = [] }), Token);

        Assert.Equal(MessageActionRefusal.Problems, result.Refusal);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((RequirementProblemCodes.AnswerNotPublished, "$.reply.answerId", ProblemKind.Unmet), (problem.Code, problem.Path, problem.Kind));
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Fact]
    public async Task Publish_AnIncompleteDraft_ListsTheIncompleteAndTheUnmetProblemsAtOnce()
    {
        var draft = await _harness.CreateAsync(Definitions.Incomplete());

        var result = await Catalog.PublishAsync(Ws, draft.Id, draft.Version, Snapshots.Healthy with { MessagingActive = false }, Token);

        Assert.Contains(result.Problems, p => p.Kind == ProblemKind.Incomplete);
        Assert.Contains(result.Problems, p => p.Kind == ProblemKind.Unmet);
        var error = Assert.Throws<InvalidInputException>(() => result.EnsureSucceeded());
        Assert.Equal(result.Problems, error.Problems);
    }

    [Fact]
    public async Task PauseThenResume_MovesLiveToPausedAndBack()
    {
        var live = await _harness.CreateLiveAsync();
        _harness.Time.Advance(TimeSpan.FromDays(1));

        var paused = (await Catalog.PauseAsync(Ws, live.Id, live.Version, Token)).EnsureSucceeded().Message!;
        _harness.Time.Advance(TimeSpan.FromDays(1));
        var resumed = (await Catalog.ResumeAsync(Ws, live.Id, paused.Version, Snapshots.Healthy, Token)).EnsureSucceeded().Message!;

        Assert.Equal((MessageStatus.Paused, live.PublishedAt), (paused.Status, paused.PublishedAt));
        Assert.Equal((MessageStatus.Live, _harness.Now, 4L), (resumed.Status, resumed.PublishedAt, resumed.Version));
    }

    [Fact]
    public async Task Resume_WhenARequirementNoLongerHolds_IsRefusedWithTheProblems()
    {
        var paused = await _harness.CreateInStatusAsync(MessageStatus.Paused);
        var before = await _harness.AllAsync();

        var result = await Catalog.ResumeAsync(Ws, paused.Id, paused.Version, Snapshots.WithoutChannel(Snapshots.WebChannel), Token);

        Assert.Equal(RequirementProblemCodes.ChannelNotFound, Assert.Single(result.Problems).Code);
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Theory]
    [InlineData(MessageStatus.Draft)]
    [InlineData(MessageStatus.Live)]
    [InlineData(MessageStatus.Paused)]
    [InlineData(MessageStatus.Error)]
    public async Task Delete_RemovesTheMessageForGoodInEveryStatus(MessageStatus status)
    {
        var message = await _harness.CreateInStatusAsync(status);

        var result = await Catalog.DeleteAsync(Ws, message.Id, message.Version, Token);

        Assert.Equal(message, result.EnsureSucceeded().Message);
        Assert.Null(await _harness.GetAsync(message.Id));
        Assert.DoesNotContain((await Catalog.ListAsync(Ws, cancellationToken: Token)).Items, m => m.Id == message.Id);
    }

    // Refusals.
    public static TheoryData<MessageStatus, MessageAction> DisallowedActions()
    {
        var data = new TheoryData<MessageStatus, MessageAction>();
        foreach (var status in Enum.GetValues<MessageStatus>())
        {
            foreach (var action in Enum.GetValues<MessageAction>().Where(a => !MessageActions.IsAllowed(status, a)))
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DisallowedActions))]
    public async Task AnActionTheStatusDoesNotAllow_IsRefusedNamingBothAndTheStoreIsUnchanged(MessageStatus status, MessageAction action)
    {
        var message = await _harness.CreateInStatusAsync(status);
        var before = await _harness.AllAsync();

        var result = await RunAsync(action, message);

        Assert.Equal(MessageActionRefusal.NotAllowed, result.Refusal);
        Assert.Equal((status, action), (result.Status, result.Action));
        var error = Assert.Throws<MessageActionNotAllowedException>(() => result.EnsureSucceeded());
        Assert.Equal((status, action, message.Id), (error.Status, error.Action, error.MessageId));
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Theory]
    [InlineData(MessageAction.Edit)]
    [InlineData(MessageAction.Publish)]
    [InlineData(MessageAction.Delete)]
    public async Task AnActionWithAStaleVersion_IsRefusedAsAConflictAndChangesNothing(MessageAction action)
    {
        var draft = await _harness.CreateAsync(Definitions.Agent());
        var edited = (await Catalog.EditAsync(Ws, draft.Id, draft.Version, Definitions.Agent("Newer"), cancellationToken: Token)).EnsureSucceeded().Message!;
        var before = await _harness.AllAsync();

        var result = await RunAsync(action, draft);

        Assert.Equal(MessageActionRefusal.VersionConflict, result.Refusal);
        Assert.Equal((draft.Version, edited), (result.ExpectedVersion, result.Message));
        var error = Assert.Throws<MessageVersionConflictException>(() => result.EnsureSucceeded());
        Assert.Equal((draft.Version, edited.Version), (error.ExpectedVersion, error.ActualVersion));
        Assert.Equal(before, await _harness.AllAsync());
    }

    [Theory]
    [InlineData(MessageAction.Edit)]
    [InlineData(MessageAction.Duplicate)]
    [InlineData(MessageAction.Publish)]
    [InlineData(MessageAction.Pause)]
    [InlineData(MessageAction.Resume)]
    [InlineData(MessageAction.Delete)]
    public async Task AnActionOnAMissingMessage_IsRefusedAsNotFound(MessageAction action)
    {
        var ghost = (await _harness.CreateAsync(Definitions.Agent())).With(id: "ghost");

        var result = await RunAsync(action, ghost);

        Assert.Equal(MessageActionRefusal.NotFound, result.Refusal);
        Assert.Null(result.Message);
        Assert.Throws<MessageNotFoundException>(() => result.EnsureSucceeded());
    }

    [Fact]
    public async Task AnActionCancelledBeforeItStarts_ChangesNothing()
    {
        var draft = await _harness.CreateAsync(Definitions.Agent());
        var before = await _harness.AllAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Catalog.PublishAsync(Ws, draft.Id, draft.Version, Snapshots.Healthy, cancelled.Token));

        Assert.Equal(before, await _harness.AllAsync());
    }

    private Task<MessageActionResult> RunAsync(MessageAction action, ProactiveMessage message) => action switch
    {
        MessageAction.Edit => Catalog.EditAsync(Ws, message.Id, message.Version, Definitions.Agent("Edited"), Snapshots.Healthy, Token),
        MessageAction.Duplicate => Catalog.DuplicateAsync(Ws, message.Id, Token),
        MessageAction.Publish => Catalog.PublishAsync(Ws, message.Id, message.Version, Snapshots.Healthy, Token),
        MessageAction.Pause => Catalog.PauseAsync(Ws, message.Id, message.Version, Token),
        MessageAction.Resume => Catalog.ResumeAsync(Ws, message.Id, message.Version, Snapshots.Healthy, Token),
        _ => Catalog.DeleteAsync(Ws, message.Id, message.Version, Token),
    };
}
