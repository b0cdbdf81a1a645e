using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProactiveMessaging.Lifecycle;

namespace ProactiveMessaging.Tool.Tests;

/// <summary><c>--workspace WORKSPACE.json</c>: the real channels and bots instead of the ones inferred from the catalog.</summary>
public sealed class WorkspaceOptionTests
{
    private const string At = "2026-12-01T00:00:00Z";

    [Fact]
    public async Task Analyse_WithTheExampleWorkspace_ReadsIt_AndFindsNothing()
    {
        var (exit, output, error) = await ToolRun.RunAsync("analyse", ToolRun.Example("catalog.json"), "--workspace", ToolRun.Example("workspace.json"), "--at", At, "--fail-on", "info");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.Contains("3 messages, 0 errors, 0 warnings, 0 infos", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyse_WorkspaceFileWithAByteOrderMark_Reads()
    {
        using var run = new ToolRun();
        var workspace = Path.Combine(run.Folder, "workspace-bom.json");
        await File.WriteAllTextAsync(workspace, await File.ReadAllTextAsync(ToolRun.Example("workspace.json"), TestContext.Current.CancellationToken), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), TestContext.Current.CancellationToken);

        var (exit, _, error) = await ToolRun.RunAsync("analyse", ToolRun.Example("catalog.json"), "--workspace", workspace, "--at", At);

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [],
         "bots": [],
         "agentsOnline": true}
        """, 6, "$.agentsOnline", "unknown property 'agentsOnline'")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": "yes",
         "channels": [],
         "bots": []}
        """, 3, "$.messagingActive", "expected true or false, not a string")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [,
         "bots": []}
        """, 4, "$.channels", "not valid JSON")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [{"id": "web-main", "kind": "webWidget"},
                      {"id": "web-main", "kind": "mobileSdk"}],
         "bots": []}
        """, 5, "$.channels[1].id", "a second channel 'web-main' (the first is at $.channels[0].id)")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [{"id": "web-main",
                       "kind": "sms"}],
         "bots": []}
        """, 5, "$.channels[0].kind", "unknown channel kind 'sms' (webWidget, mobileSdk, social, other)")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [],
         "bots": [{"id": "helper bot", "isActive": true, "isPublished": true, "publishedAnswerIds": []}]}
        """, 5, "$.bots[0].id", "'helper bot' is not a valid bot id")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [],
         "bots": [{"id": "b", "isActive": true, "isPublished": true, "publishedAnswerIds": [],
                   "isPublished": false}]}
        """, 6, "$.bots[0].isPublished", "the property 'isPublished' appears twice")]
    [InlineData("""
        {"formatVersion": 1,
         "agentWorkspaceActive": true,
         "channels": [],
         "bots": []}
        """, 1, "$.messagingActive", "has no messagingActive")]
    [InlineData("""
        {"formatVersion": 2,
         "agentWorkspaceActive": true,
         "messagingActive": true,
         "channels": [],
         "bots": []}
        """, 1, "$.formatVersion", "the format version is 1")]
    public async Task Analyse_BadWorkspaceFile_IsUnusableInput_NamingFileLineAndPath(string content, int line, string path, string problem)
    {
        using var run = new ToolRun();
        var workspace = run.Write("workspace.json", content);

        var (exit, output, error) = await ToolRun.RunAsync("analyse", ToolRun.Example("catalog.json"), "--workspace", workspace, "--at", At);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Empty(output);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"proactive: {workspace}:{line}: "), error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.EndsWith($"(at {path})", error.TrimEnd(), StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("analyse")]
    [InlineData("explain")]
    [InlineData("simulate")]
    [InlineData("diff")]
    public async Task EveryEngineCommand_WithAMissingWorkspaceFile_IsUnusableInput(string command)
    {
        using var run = new ToolRun();
        var missing = Path.Combine(run.Folder, "no-workspace.json");
        var catalog = ToolRun.Example("catalog.json");
        var visitor = run.Write("visitor.json", Event("v-1", "/checkout/payment", 45));
        string[] args = command switch
        {
            "explain" => [command, catalog, visitor],
            "simulate" => [command, catalog, visitor],
            "diff" => [command, catalog, catalog],
            _ => [command, catalog],
        };

        var (exit, _, error) = await ToolRun.RunAsync([.. args, "--workspace", missing]);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Equal($"proactive: {missing}: no such file.", error.TrimEnd());
    }

    [Fact]
    public async Task Validate_HasNoWorkspaceOption_ItChecksNoPublishRequirement()
    {
        var (exit, _, error) = await ToolRun.RunAsync("validate", ToolRun.Example("catalog.json"), "--workspace", ToolRun.Example("workspace.json"));

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Contains("--workspace", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyse_BotAnswerNotPublished_IsARequirementFinding_AWarningForThePausedMessage()
    {
        using var run = new ToolRun();
        var workspace = ChangedWorkspace(run, w => w["bots"]![0]!["publishedAnswerIds"] = new JsonArray("answer-returns"));

        var finding = Assert.Single(await FindingsAsync(ToolRun.Example("catalog.json"), workspace));

        Assert.Equal("requirement.unmet", (string)finding["code"]!);
        Assert.Equal("warning", (string)finding["severity"]!);
        Assert.Equal("pricing-bot", (string)finding["messageId"]!);
        Assert.StartsWith("reply.answer.notPublished: ", (string)finding["text"]!, StringComparison.Ordinal);
        Assert.Equal(["$.messages[1].reply.answerId"], Paths(finding));
    }

    [Fact]
    public async Task Analyse_BotUnpublished_IsAnErrorForALiveMessage()
    {
        using var run = new ToolRun();
        var catalog = run.ChangedCatalog("catalog.json", c => c["messages"]![1]!["status"] = "live");
        var workspace = ChangedWorkspace(run, w => w["bots"]![0]!["isPublished"] = false);

        var finding = Assert.Single(await FindingsAsync(catalog, workspace));

        Assert.Equal("error", (string)finding["severity"]!);
        Assert.Equal("pricing-bot", (string)finding["messageId"]!);
        Assert.StartsWith("bot.notPublished: ", (string)finding["text"]!, StringComparison.Ordinal);
        Assert.Equal(["$.messages[1].reply"], Paths(finding));
    }

    [Fact]
    public async Task Analyse_ChannelDeleted_IsAnErrorForTheLiveMessage_AndAWarningForThePausedOne()
    {
        using var run = new ToolRun();
        var workspace = ChangedWorkspace(run, w => w["channels"]![0]!["id"] = "web-old");

        var findings = await FindingsAsync(ToolRun.Example("catalog.json"), workspace);

        Assert.Equal(
            [("checkout-help", "error", "$.messages[0].channelId"), ("pricing-bot", "warning", "$.messages[1].channelId")],
            findings.Select(f => ((string)f["messageId"]!, (string)f["severity"]!, Paths(f).Single())));
        Assert.All(findings, f => Assert.StartsWith("channel.notFound: ", (string)f["text"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyse_MessagingOff_IsAFindingAtTheWorkspacePath()
    {
        using var run = new ToolRun();
        var workspace = ChangedWorkspace(run, w => w["messagingActive"] = false);

        var findings = await FindingsAsync(ToolRun.Example("catalog.json"), workspace);

        var live = Assert.Single(findings, f => (string)f["messageId"]! == "checkout-help");
        Assert.Equal("error", (string)live["severity"]!);
        Assert.StartsWith("workspace.messaging.inactive: ", (string)live["text"]!, StringComparison.Ordinal);
        Assert.Equal(["$.workspace.messaging"], Paths(live));
    }

    public static TheoryData<string> ChannelKinds() => [.. Enum.GetValues<ChannelKind>().Select(k => JsonNamingPolicy.CamelCase.ConvertName(k.ToString()))];

    [Theory]
    [MemberData(nameof(ChannelKinds))]
    public async Task Analyse_EveryChannelKindReads_AndOnlyWebWidgetAndMobileSdkAreAllowed(string kind)
    {
        using var run = new ToolRun();
        var workspace = ChangedWorkspace(run, w => w["channels"]![0]!["kind"] = kind);

        var findings = await FindingsAsync(ToolRun.Example("catalog.json"), workspace);

        if (kind is "webWidget" or "mobileSdk")
        {
            Assert.Empty(findings);
        }
        else
        {
            Assert.Equal(["checkout-help", "pricing-bot"], findings.Select(f => (string)f["messageId"]!));
            Assert.All(findings, f => Assert.StartsWith("channel.kind.notAllowed: ", (string)f["text"]!, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Simulate_WorkspaceWithoutTheChannel_ImportsTheLiveMessageInError_AndShowsItToNobody()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", Event("v-1", "/checkout/payment", 45) + "\n" + Event("v-2", "/checkout/payment", 45) + "\n");
        var workspace = ChangedWorkspace(run, w => w["channels"]![0]!["id"] = "web-old");

        var (inferredExit, inferred, _) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "json");
        var (exit, output, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "json", "--workspace", workspace);

        Assert.Equal(ToolExitCodes.Success, inferredExit);
        Assert.Equal(("live", 2L), Checkout(inferred));
        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.Equal(("error", 0L), Checkout(output));
        Assert.Equal(2, (long)JsonNode.Parse(output)!["nothingShown"]!["unknownChannel"]!);
    }

    [Fact]
    public async Task Simulate_EventWithoutAChannelKind_HasTheKindTheWorkspaceGivesItsChannel()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", Event("v-1", "/checkout/payment", 45) + "\n");
        var appOnly = run.ChangedCatalog("app-only.json", c => c["messages"]![0]!["rules"]!["conditions"]!["all"]!.AsArray()
            .Add(new JsonObject { ["field"] = "channel.kind", ["operator"] = "is", ["value"] = "mobileSdk" }));
        var workspace = ChangedWorkspace(run, w => w["channels"]![0]!["kind"] = "mobileSdk");

        var (inferredExit, inferred, _) = await ToolRun.RunAsync("simulate", appOnly, log, "--format", "json");
        var (exit, output, error) = await ToolRun.RunAsync("simulate", appOnly, log, "--format", "json", "--workspace", workspace);

        Assert.Equal(ToolExitCodes.Success, inferredExit);
        Assert.Equal(("live", 0L), Checkout(inferred));
        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.Equal(("live", 1L), Checkout(output));
    }

    [Fact]
    public async Task Explain_WorkspaceWithTheBotUnpublished_SaysThePausedBotMessageIsInErrorWithTheProblem()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", Event("v-1", "/pricing", 45));
        var workspace = ChangedWorkspace(run, w => w["bots"]![0]!["isPublished"] = false);

        var (exit, output, _) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor, "--workspace", workspace, "--message", "pricing-bot");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Contains("pricing-bot: not offered: error, not live", output, StringComparison.Ordinal);
        Assert.Contains("(bot.notPublished)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_WithALogAndAWorkspaceWithoutTheChannel_ReplaysBothCatalogsAgainstIt()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", Event("v-1", "/checkout/payment", 45) + "\n");
        var paused = run.ChangedCatalog("paused.json", c => c["messages"]![0]!["status"] = "paused");
        var workspace = ChangedWorkspace(run, w => w["channels"]![0]!["id"] = "web-old");

        var (inferredExit, inferred, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), paused, log);
        var (exit, output, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), paused, log, "--workspace", workspace);

        Assert.Equal(ToolExitCodes.Success, inferredExit);
        Assert.Contains("1 would change", inferred, StringComparison.Ordinal);
        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Contains("0 would change", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_WithAWorkspace_ComparesTheMessagesAsImportedAgainstIt_ALiveMessageMovedToAMissingChannelGoesLiveToError()
    {
        using var run = new ToolRun();
        var moved = run.ChangedCatalog("moved.json", c => c["messages"]![0]!["channelId"] = "web-old");

        var (writtenExit, written, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), moved);
        var (exit, output, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), moved, "--workspace", ToolRun.Example("workspace.json"));
        var (jsonExit, json, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), moved, "--workspace", ToolRun.Example("workspace.json"), "--format", "json");

        Assert.Equal(ToolExitCodes.Success, writtenExit);
        Assert.Contains("channel: web-main -> web-old", written, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", written, StringComparison.Ordinal);
        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Contains("channel: web-main -> web-old", output, StringComparison.Ordinal);
        Assert.Contains("status: live -> error", output, StringComparison.Ordinal);
        Assert.Equal(ToolExitCodes.Success, jsonExit);
        var status = JsonNode.Parse(json)!["messages"]![0]!["changes"]!.AsArray().Single(c => (string?)c!["aspect"] == "status")!;
        Assert.Equal(("live", "error"), ((string)status["old"]!, (string)status["new"]!));
    }

    private static (string Status, long Shown) Checkout(string output)
    {
        var checkout = JsonNode.Parse(output)!["messages"]!.AsArray().Single(m => (string?)m!["id"] == "checkout-help")!;
        return ((string)checkout["status"]!, (long)checkout["shown"]!);
    }

    private static async Task<List<JsonNode>> FindingsAsync(string catalog, string workspace)
    {
        var (exit, output, error) = await ToolRun.RunAsync("analyse", catalog, "--workspace", workspace, "--at", At, "--format", "json");
        Assert.True(exit is ToolExitCodes.Success or ToolExitCodes.Problems, error);
        return [.. JsonNode.Parse(output)!["findings"]!.AsArray().Select(f => f!)];
    }

    private static List<string> Paths(JsonNode finding) => [.. finding["paths"]!.AsArray().Select(p => (string)p!)];

    /// <summary>The example workspace, changed by <paramref name="change"/>, written into the folder.</summary>
    private static string ChangedWorkspace(ToolRun run, Action<JsonObject> change)
    {
        var workspace = JsonNode.Parse(File.ReadAllText(ToolRun.Example("workspace.json")))!.AsObject();
        change(workspace);
        return run.Write("workspace-changed.json", workspace.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    // Monday 2026-11-30 10:00 UTC: inside the example's support hours.
    private static string Event(string visitor, string path, int timeOnPage) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"formatVersion":1,"at":"2026-11-30T10:00:00Z","type":"pageView","channelId":"web-main","visitorId":"{{visitor}}","visitor":{"url":"https://example.com{{path}}","timeOnPage":{{timeOnPage}}""") + "}}";
}
