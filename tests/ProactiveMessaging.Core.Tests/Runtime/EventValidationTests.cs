using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Events the engine cannot act on get a reason, never an exception; Live sets are applied whole and in order.</summary>
public sealed class EventValidationTests
{
    private static readonly string TooLong = new('x', IdRule.MaxVisitorIdLength + 1);

    public static TheoryData<string, string> InvalidEvents => new()
    {
        // Missing or oversized required ids.
        { "workspace-null", RuntimeProblemCodes.WorkspaceIdInvalid },
        { "workspace-empty", RuntimeProblemCodes.WorkspaceIdInvalid },
        { "workspace-long", RuntimeProblemCodes.WorkspaceIdInvalid },
        { "channel-null", RuntimeProblemCodes.ChannelIdInvalid },
        { "channel-long", RuntimeProblemCodes.ChannelIdInvalid },
        { "visitor-null", RuntimeProblemCodes.VisitorIdInvalid },
        { "visitor-empty", RuntimeProblemCodes.VisitorIdInvalid },
        { "visitor-long", RuntimeProblemCodes.VisitorIdInvalid },
        // Optional ids given but empty or oversized.
        { "visit-empty", RuntimeProblemCodes.VisitIdInvalid },
        { "visit-long", RuntimeProblemCodes.VisitIdInvalid },
        { "pageView-empty", RuntimeProblemCodes.PageViewIdInvalid },
        { "pageView-long", RuntimeProblemCodes.PageViewIdInvalid },
        // The rest of the event.
        { "kind-undefined", RuntimeProblemCodes.EventKindInvalid },
        { "visitor-context-null", RuntimeProblemCodes.VisitorContextMissing },
        { "default", RuntimeProblemCodes.WorkspaceIdInvalid },
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task Decide_InvalidEvent_ReturnsInvalidEventWithTheProblemCode(string change, string code)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var valid = EngineHarness.Event("v1", harness.Visitor(), visitId: "s1", pageViewId: "p1");
        var visitorEvent = change switch
        {
            "workspace-null" => valid with { WorkspaceId = null! },
            "workspace-empty" => valid with { WorkspaceId = string.Empty },
            "workspace-long" => valid with { WorkspaceId = TooLong },
            "channel-null" => valid with { ChannelId = null! },
            "channel-long" => valid with { ChannelId = TooLong },
            "visitor-null" => valid with { VisitorId = null! },
            "visitor-empty" => valid with { VisitorId = string.Empty },
            "visitor-long" => valid with { VisitorId = TooLong },
            "visit-empty" => valid with { VisitId = string.Empty },
            "visit-long" => valid with { VisitId = TooLong },
            "pageView-empty" => valid with { PageViewId = string.Empty },
            "pageView-long" => valid with { PageViewId = TooLong },
            "kind-undefined" => valid with { Kind = (VisitorEventKind)42 },
            "visitor-context-null" => valid with { Visitor = null! },
            _ => default,
        };

        var decision = await harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token);

        Assert.Equal(DecisionOutcome.InvalidEvent, decision.Outcome);
        Assert.False(decision.ShouldShow);
        Assert.Equal(code, decision.Problem!.Code);
    }

    [Fact]
    public async Task Decide_VisitorFromAnUnrelatedCatalog_ReturnsInvalidEvent()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { Fields = FieldCatalog.Default.WithEvent("engineOnly") });
        await harness.PublishAsync(EngineHarness.Agent());
        var visitor = new VisitorContext(FieldCatalog.Default.WithEvent("elsewhere"));
        visitor.SetPageUrl(EngineHarness.PricingUrl);

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", visitor, visitId: "s1", pageViewId: "p1"), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.InvalidEvent, decision.Outcome);
        Assert.Equal(RuntimeProblemCodes.VisitorCatalogMismatch, decision.Problem!.Code);
    }

    [Fact]
    public async Task Decide_VisitorFromACatalogThatExtendsTheEngines_IsEvaluated()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var visitor = new VisitorContext(harness.Engine.Fields.WithEvent("laterAddition"));
        visitor.SetPageUrl(EngineHarness.PricingUrl);

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", visitor, visitId: "s1", pageViewId: "p1"), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
    }

    [Fact]
    public async Task Decide_IdOfTheLongestLengthAllowed_IsAccepted()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var longest = new string('v', IdRule.MaxVisitorIdLength);

        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync(longest)).Outcome);
    }

    public static TheoryData<string> InvalidOutcomes => new() { "workspace-empty", "visitor-null", "visitor-long", "opened-without-message", "replied-without-message", "message-long", "visit-empty", "outcome-undefined" };

    [Theory]
    [MemberData(nameof(InvalidOutcomes))]
    public async Task RecordOutcome_InvalidEvent_ReturnsInvalidEventAndRecordsNothing(string change)
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var valid = new OutcomeEvent { WorkspaceId = EngineHarness.Workspace, VisitorId = "v1", MessageId = "m1", Outcome = VisitorOutcome.Opened };
        var outcome = change switch
        {
            "workspace-empty" => valid with { WorkspaceId = string.Empty },
            "visitor-null" => valid with { VisitorId = null! },
            "visitor-long" => valid with { VisitorId = TooLong },
            "opened-without-message" => valid with { MessageId = null },
            "replied-without-message" => valid with { MessageId = null, Outcome = VisitorOutcome.Replied },
            "message-long" => valid with { MessageId = TooLong },
            "visit-empty" => valid with { VisitId = string.Empty },
            _ => valid with { Outcome = (VisitorOutcome)42 },
        };

        Assert.Equal(OutcomeRecording.InvalidEvent, await harness.Engine.RecordOutcomeAsync(outcome, EngineHarness.Token));
        Assert.Equal(0, store.Outcomes);
    }

    [Theory]
    [InlineData(null, "p1", RuntimeProblemCodes.VisitIdRequired, "$.visitId")]
    [InlineData("s1", null, RuntimeProblemCodes.PageViewIdRequired, "$.pageViewId")]
    [InlineData(null, null, RuntimeProblemCodes.VisitIdRequired, "$.visitId")]
    public async Task Decide_WhenVisitIdsAreRequired_AnEventWithoutThemIsInvalidAndReservesNothing(string? visitId, string? pageViewId, string code, string path)
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(new ProactiveMessagingOptions { RequireVisitIds = true }, frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent());

        var visitorEvent = EngineHarness.Event("v1", harness.Visitor(), visitId: visitId, pageViewId: pageViewId);
        var decision = await harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token);
        var explanation = await harness.Engine.ExplainAsync(visitorEvent, EngineHarness.Token);

        Assert.Equal(DecisionOutcome.InvalidEvent, decision.Outcome);
        Assert.Equal(code, decision.Problem!.Code);
        Assert.Equal(path, decision.Problem.Path);
        Assert.Equal(code, explanation.Decision.Problem!.Code);
        Assert.Equal(0, store.Reservations);
    }

    [Fact]
    public async Task Decide_WhenVisitIdsAreRequired_AnEventWithBothIdsIsDecided()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { RequireVisitIds = true });
        await harness.PublishAsync(EngineHarness.Agent());

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(), visitId: "s1", pageViewId: "p1"), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
    }

    [Fact]
    public async Task RecordOutcome_WhenVisitIdsAreRequired_AnOutcomeWithoutTheVisitIdIsInvalid()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(new ProactiveMessagingOptions { RequireVisitIds = true }, frequencyStore: store);
        var outcome = new OutcomeEvent { WorkspaceId = EngineHarness.Workspace, VisitorId = "v1", MessageId = "m1", Outcome = VisitorOutcome.Opened };

        Assert.Equal(OutcomeRecording.InvalidEvent, await harness.Engine.RecordOutcomeAsync(outcome, EngineHarness.Token));
        Assert.Equal(0, store.Outcomes);
        Assert.NotEqual(OutcomeRecording.InvalidEvent, await harness.Engine.RecordOutcomeAsync(outcome with { VisitId = "s1" }, EngineHarness.Token));
    }

    [Fact]
    public async Task Decide_WorkspaceNeverLoaded_SaysWorkspaceNotLoaded()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var valid = EngineHarness.Event("v1", harness.Visitor());

        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.Engine.DecideAsync(valid with { WorkspaceId = "elsewhere" }, EngineHarness.Token)).Outcome);
        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.Engine.DecideAsync(valid with { WorkspaceId = "elsewhere", ChannelId = "no-such-channel" }, EngineHarness.Token)).Outcome);
    }

    [Fact]
    public async Task Decide_LoadedWorkspaceWithoutTheChannel_SaysUnknownChannel()
    {
        using var harness = new EngineHarness();
        var valid = EngineHarness.Event("v1", harness.Visitor());

        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.Engine.DecideAsync(valid, EngineHarness.Token)).Outcome);

        // Loaded with an empty Live set: the workspace is known, its channels have no message.
        Assert.Empty(harness.Apply());

        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.Engine.DecideAsync(valid, EngineHarness.Token)).Outcome);
        Assert.Equal(DecisionOutcome.UnknownChannel, (await harness.Engine.DecideAsync(valid with { ChannelId = "no-such-channel" }, EngineHarness.Token)).Outcome);
    }

    [Fact]
    public async Task Decide_ChannelWithoutALiveMessage_SaysNoLiveMessage()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(), channel: Snapshots.AppChannel), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.NoLiveMessage, decision.Outcome);
    }

    [Fact]
    public async Task Decide_AfterTheOnlyMessageIsPaused_SaysNoLiveMessage()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent());
        (await harness.Catalog.PauseAsync(EngineHarness.Workspace, message.Id, message.Version, EngineHarness.Token)).EnsureSucceeded();
        harness.Apply();

        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task ApplyLiveSet_StaleVersion_IsIgnored()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent("Old", priority: 1));
        var older = harness.Catalog.GetLiveSet(EngineHarness.Workspace);
        var newer = await harness.PublishAsync(EngineHarness.Agent("New", priority: 2));
        Assert.True(harness.Catalog.GetLiveSet(EngineHarness.Workspace).Version > older.Version);

        Assert.Empty(harness.Engine.ApplyLiveSet(older, harness.Snapshot));

        Assert.Equal(newer.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Fact]
    public async Task ApplyLiveSet_SameVersionWithAChangedSnapshot_ReplacesThePlans()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var renamed = harness.Snapshot with
        {
            Channels = [.. harness.Snapshot.Channels.Select(c => c.Id == Snapshots.WebChannel ? c with { DefaultSenderName = "Sales" } : c)],
        };

        Assert.Empty(harness.Engine.ApplyLiveSet(harness.Catalog.GetLiveSet(EngineHarness.Workspace), renamed));

        Assert.Equal("Sales", (await harness.ViewAsync("v1")).Message!.SenderName);
    }

    [Fact]
    public async Task LiveSetListener_AppliesEachNewSetOfTheCatalog()
    {
        using var harness = new EngineHarness();
        using var registration = harness.Catalog.AddListener(harness.Engine.CreateLiveSetListener(_ => Snapshots.Healthy));
        var draft = (await harness.Catalog.CreateAsync(EngineHarness.Workspace, EngineHarness.Agent(), EngineHarness.Token)).GetValueOrThrow();
        Assert.False((await harness.ViewAsync("v1")).ShouldShow);

        var live = (await harness.Catalog.PublishAsync(EngineHarness.Workspace, draft.Id, draft.Version, Snapshots.Healthy, EngineHarness.Token)).EnsureSucceeded().Message!;

        Assert.Equal(live.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Fact]
    public async Task ApplyLiveSet_MessageOnAChannelMissingFromTheSnapshot_IsLeftOutWithAProblem()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent());

        var problems = harness.Engine.ApplyLiveSet(harness.Catalog.GetLiveSet(EngineHarness.Workspace), Snapshots.WithoutChannel(Snapshots.WebChannel));

        var problem = Assert.Single(problems);
        Assert.Equal(RuntimeProblemCodes.MessageNotPlanned, problem.Code);
        Assert.Contains(message.Id, problem.Path, StringComparison.Ordinal);
    }
}
