using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;
using ProactiveMessaging.Tests.Runtime;

namespace ProactiveMessaging.Tests;

/// <summary>
/// One rule for ids at every entry point: the catalog throws, the JSON reader and the import report
/// problems with paths, the engine answers an invalid event, the stores throw.
/// </summary>
public sealed partial class IdRuleTests
{
    private const string BadWorkspace = "bad workspace!";
    private static readonly string Longest = "a-_.:Z9" + new string('x', IdRule.MaxLength - 7);
    private static readonly string TooLong = Longest + "x";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string?> InvalidIds => new()
    {
        // Missing.
        null!,
        string.Empty,
        // Characters outside the rule.
        BadWorkspace,
        "a b",
        "a/b",
        "a@b.example",
        "café",
        "tab\t",
        "plus+",
        // One character too many.
        new string('x', IdRule.MaxLength + 1),
    };

    [Theory]
    [InlineData("a")]
    [InlineData("web-main")]
    [InlineData("Web_main-2.sdk:ios")]
    [InlineData("0123456789")]
    public void IsValid_LettersDigitsAndTheFourMarks_AreAccepted(string id)
    {
        Assert.True(IdRule.IsValid(id));
        Assert.True(IdRule.IsValid(Longest));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void IsValid_AnythingElse_IsRefused(string? id) => Assert.False(IdRule.IsValid(id));

    [Fact]
    public void IsValidVisitorId_AllowsTheLongerVisitorLimit_AndNothingBeyond()
    {
        Assert.True(IdRule.IsValidVisitorId(new string('v', IdRule.MaxVisitorIdLength)));
        Assert.False(IdRule.IsValidVisitorId(new string('v', IdRule.MaxVisitorIdLength + 1)));
        Assert.False(IdRule.IsValidVisitorId("visitor 1"));
        Assert.True(IdRule.IsValid(new string('v', IdRule.MaxLength)));
        Assert.False(IdRule.IsValid(new string('v', IdRule.MaxLength + 1)));
    }

    [Property(MaxTest = 5000)]
    public Property IsValid_AgreesWithTheRuleWrittenAsAPattern()
    {
        var pieces = Gen.Elements("a", "Z", "7", "-", "_", ".", ":", " ", "!", "/", "é", "\u00A0", "\n", "\uD800", "\uD83D\uDE00");
        var ids = Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Frequency((20, Gen.Elements("a", "Z", "7", "-", "_", ".", ":")), (1, pieces)), n)).Select(string.Concat);
        return Prop.ForAll(Arb.From(ids), id =>
            IdRule.IsValid(id) == IdPattern().IsMatch(id)
            && IdRule.IsValidVisitorId(id) == (id.Length <= IdRule.MaxVisitorIdLength && IdChars().IsMatch(id)));
    }

    // Catalog methods: a bad id is a programming error, thrown before anything is read or stored.
    public static TheoryData<string> CatalogMethods => new()
    {
        "list", "get", "create", "edit", "duplicate", "publish", "pause", "resume", "delete", "reconcile",
        "liveSet", "refresh", "export", "settings",
    };

    [Theory]
    [MemberData(nameof(CatalogMethods))]
    public async Task Catalog_BadWorkspaceId_ThrowsNamingTheParameter_AndStoresNothing(string method)
    {
        var harness = new CatalogHarness();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Call(harness.Catalog, method, BadWorkspace, "m1"));

        Assert.Equal("workspaceId", error.ParamName);
        Assert.Contains(BadWorkspace, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CatalogMethods))]
    public async Task Catalog_IdOfOneCharacterTooMany_IsRefusedLikeAnyBadId(string method)
    {
        var harness = new CatalogHarness();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Call(harness.Catalog, method, TooLong, "m1"));

        Assert.Equal("workspaceId", error.ParamName);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("edit")]
    [InlineData("duplicate")]
    [InlineData("publish")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("delete")]
    public async Task Catalog_BadMessageId_ThrowsNamingTheParameter(string method)
    {
        var harness = new CatalogHarness();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Call(harness.Catalog, method, CatalogHarness.Workspace, "no such id!"));

        Assert.Equal("messageId", error.ParamName);
    }

    [Fact]
    public async Task Catalog_TheLongestValidWorkspaceId_ExportsAndReadsBack()
    {
        var harness = new CatalogHarness();
        await harness.Catalog.CreateAsync(Longest, Definitions.Agent(), Token);

        var read = MessageJson.ReadCatalog(MessageJson.WriteCatalog(await harness.Catalog.ExportAsync(Longest, Token)));

        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
        Assert.Equal(Longest, read.Value!.Workspace.Id);
        Assert.Equal(4, read.Value.Messages.Length);
    }

    [Fact]
    public async Task Import_BadWorkspaceId_IsRefusedWithTheDocumentPath()
    {
        var harness = new CatalogHarness();

        var report = await harness.Catalog.ImportAsync(new CatalogDocument(new WorkspaceSettings(BadWorkspace), []), Snapshots.Healthy, cancellationToken: Token);

        ProblemAssert.Single(report.Problems, CatalogProblemCodes.WorkspaceIdInvalid, ProblemKind.Malformed, "$.workspace.id");
        Assert.False(report.Succeeded);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task SettingsAndSnapshot_BadIds_AreRefused(string? id)
    {
        var harness = new CatalogHarness();

        Assert.ThrowsAny<ArgumentException>(() => new ChannelInfo(id!, ChannelKind.WebWidget));
        Assert.ThrowsAny<ArgumentException>(() => new BotInfo(id!));
        if (id is not null)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Catalog.SetWorkspaceSettingsAsync(new WorkspaceSettings(id), Token));
            Assert.Equal("settings", error.ParamName);
        }
    }

    // The JSON reader: a problem at the id's path, whatever else the document holds.
    [Theory]
    [InlineData("workspace", "$.workspace.id", JsonProblemCodes.InvalidValue)]
    [InlineData("message", "$.messages[0].id", ModelProblemCodes.IdInvalid)]
    [InlineData("channel", "$.messages[0].channelId", ModelProblemCodes.ChannelInvalid)]
    [InlineData("answer", "$.messages[0].reply.answerId", ModelProblemCodes.BotAnswerInvalid)]
    [InlineData("schedule", "$.workspace.schedules[0].id", ScheduleProblemCodes.IdInvalid)]
    public void Json_BadIds_AreProblemsAtTheirPaths(string which, string path, string code)
    {
        var json = Catalog(
            workspace: which == "workspace" ? BadWorkspace : "acme",
            message: which == "message" ? "bad id!" : "m1",
            channel: which == "channel" ? "web main" : "web-main",
            answer: which == "answer" ? "answer/1" : "answer-1",
            schedule: which == "schedule" ? "EU hours" : "eu-hours");

        var read = MessageJson.ReadCatalog(json);

        Assert.False(read.Succeeded);
        ProblemAssert.Contains(read.Problems, code, path);
    }

    [Fact]
    public void Json_TheSameIdsWithGoodCharacters_Read()
    {
        var read = MessageJson.ReadCatalog(Catalog("acme", "m1", "web-main", "answer-1", "eu-hours"));

        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
    }

    [Fact]
    public void Schedule_BadId_IsAProblemAndTheLengthBoundIsTheRules()
    {
        var weekly = new[] { new WeeklyInterval(NodaTime.IsoDayOfWeek.Monday, new NodaTime.LocalTime(9, 0), new NodaTime.LocalTime(17, 0)) };

        ProblemAssert.Single(BusinessHoursSchedule.Create("EU hours", "Europe/London", weekly).Problems, ScheduleProblemCodes.IdInvalid, ProblemKind.Malformed, "$.id");
        Assert.Equal(IdRule.MaxLength, BusinessHoursSchedule.MaxIdLength);
        Assert.True(BusinessHoursSchedule.Create(Longest, "Europe/London", weekly).Succeeded);
    }

    // Events: an invalid-event outcome naming the id, never an exception.
    [Theory]
    [InlineData("workspace", BadWorkspace, RuntimeProblemCodes.WorkspaceIdInvalid)]
    [InlineData("workspace", "65", RuntimeProblemCodes.WorkspaceIdInvalid)]
    [InlineData("channel", "web main", RuntimeProblemCodes.ChannelIdInvalid)]
    [InlineData("visitor", "ana@example.com", RuntimeProblemCodes.VisitorIdInvalid)]
    [InlineData("visit", "visit 1", RuntimeProblemCodes.VisitIdInvalid)]
    [InlineData("pageView", "/pricing", RuntimeProblemCodes.PageViewIdInvalid)]
    public async Task Decide_BadId_IsAnInvalidEventNamingIt(string which, string id, string code)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var valid = EngineHarness.Event("v1", harness.Visitor(), visitId: "s1", pageViewId: "p1");
        id = id == "65" ? TooLong : id;
        var visitorEvent = which switch
        {
            "workspace" => valid with { WorkspaceId = id },
            "channel" => valid with { ChannelId = id },
            "visitor" => valid with { VisitorId = id },
            "visit" => valid with { VisitId = id },
            _ => valid with { PageViewId = id },
        };

        var decision = await harness.Engine.DecideAsync(visitorEvent, Token);

        Assert.Equal(DecisionOutcome.InvalidEvent, decision.Outcome);
        Assert.Equal(code, decision.Problem!.Code);
        Assert.Equal(DecisionOutcome.Show, (await harness.Engine.DecideAsync(valid, Token)).Outcome);
    }

    [Theory]
    [InlineData("workspace")]
    [InlineData("visitor")]
    [InlineData("message")]
    [InlineData("visit")]
    public async Task RecordOutcome_BadId_IsAnInvalidEvent(string which)
    {
        using var harness = new EngineHarness();
        var valid = new OutcomeEvent { WorkspaceId = EngineHarness.Workspace, VisitorId = "v1", MessageId = "m1", Outcome = VisitorOutcome.Opened };
        var outcome = which switch
        {
            "workspace" => valid with { WorkspaceId = BadWorkspace },
            "visitor" => valid with { VisitorId = "v 1" },
            "message" => valid with { MessageId = "m/1" },
            _ => valid with { VisitId = "s 1" },
        };

        Assert.Equal(OutcomeRecording.InvalidEvent, await harness.Engine.RecordOutcomeAsync(outcome, Token));
    }

    [Fact]
    public async Task Decide_AWorkspaceIdTheCatalogAccepts_IsAcceptedByTheEngine()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor()) with { WorkspaceId = Longest }, Token);

        Assert.NotEqual(DecisionOutcome.InvalidEvent, decision.Outcome);
    }

    // Stores: an ArgumentException before anything changes.
    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task MessageStore_BadWorkspaceOrMessageId_Throws(string? id)
    {
        var store = new InMemoryMessageStore();
        var draft = ProactiveMessage.CreateDraft("m1", Definitions.Incomplete(), NodaTime.Instant.FromUtc(2025, 1, 1, 0, 0)).GetValueOrThrow();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.InsertAsync(id!, draft, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.ListAsync(id!, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GetAsync("ws", id!, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.DeleteAsync("ws", id!, 1, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.GetSettingsAsync(id!, Token));
        Assert.Empty(await store.ListAsync("ws", Token));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task MetricsAndFrequencyStores_BadIds_Throw(string? id)
    {
        var metrics = new InMemoryMetricsStore();
        var frequency = new InMemoryFrequencyStore();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await metrics.RecordAsync(id!, "m1", "v1", MessageMetric.Sent, default, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await metrics.RecordAsync("ws", id!, "v1", MessageMetric.Sent, default, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await metrics.GetAsync(id!, "m1", Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await metrics.GetManyAsync("ws", [id!], Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await frequency.RecordOutcomeAsync(id!, "v1", "s1", null, VisitorOutcome.ConversationStarted, default, Token));
        if (id?.Length is not > IdRule.MaxLength)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await metrics.RecordAsync("ws", "m1", id!, MessageMetric.Sent, default, Token));
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await frequency.RecordOutcomeAsync("ws", id!, "s1", null, VisitorOutcome.ConversationStarted, default, Token));
        }

        Assert.Equal(0, metrics.PairCount);
        Assert.Equal(0, frequency.VisitorCount);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:-]+\z")]
    private static partial Regex IdChars();

    private static async Task Call(MessageCatalog catalog, string method, string workspaceId, string messageId)
    {
        var definition = Definitions.Agent();
        switch (method)
        {
            case "list": await catalog.ListAsync(workspaceId, cancellationToken: Token); break;
            case "get": await catalog.GetAsync(workspaceId, messageId, Token); break;
            case "create": await catalog.CreateAsync(workspaceId, definition, Token); break;
            case "edit": await catalog.EditAsync(workspaceId, messageId, 1, definition, cancellationToken: Token); break;
            case "duplicate": await catalog.DuplicateAsync(workspaceId, messageId, Token); break;
            case "publish": await catalog.PublishAsync(workspaceId, messageId, 1, Snapshots.Healthy, Token); break;
            case "pause": await catalog.PauseAsync(workspaceId, messageId, 1, Token); break;
            case "resume": await catalog.ResumeAsync(workspaceId, messageId, 1, Snapshots.Healthy, Token); break;
            case "delete": await catalog.DeleteAsync(workspaceId, messageId, 1, Token); break;
            case "reconcile": await catalog.ReconcileAsync(workspaceId, Snapshots.Healthy, Token); break;
            case "liveSet": catalog.GetLiveSet(workspaceId); break;
            case "refresh": await catalog.RefreshLiveSetAsync(workspaceId, Token); break;
            case "export": await catalog.ExportAsync(workspaceId, Token); break;
            default: await catalog.GetWorkspaceSettingsAsync(workspaceId, Token); break;
        }
    }

    private static string Catalog(string workspace, string message, string channel, string answer, string schedule) => $$"""
        {
          "formatVersion": 1,
          "workspace": {
            "id": "{{workspace}}",
            "defaultScheduleId": "{{schedule}}",
            "schedules": [ { "id": "{{schedule}}", "timeZone": "Europe/London", "weekly": [ { "day": "monday", "open": "09:00", "close": "17:00" } ] } ]
          },
          "messages": [
            {
              "id": "{{message}}",
              "name": "Bot welcome",
              "channelId": "{{channel}}",
              "reply": { "type": "bot", "text": { "default": "Hi!" }, "answerId": "{{answer}}" },
              "rules": { "conditions": { "all": [ { "field": "page.url", "operator": "contains", "value": "/pricing" } ] } },
              "timing": "anytime",
              "frequency": "oncePerVisit",
              "status": "draft",
              "metrics": { "sent": 0, "opened": 0, "replied": 0 },
              "updatedAt": "2026-11-25T08:00:00Z",
              "version": 1
            }
          ]
        }
        """;
}
