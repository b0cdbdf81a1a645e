using System.Text.Json.Nodes;
using ProactiveMessaging.Tool.Analysis;
using ProactiveMessaging.Tool.Commands;
using ProactiveMessaging.Tool.Output;

namespace ProactiveMessaging.Tool.Tests;

public sealed class AnalyseCommandTests
{
    private const string At = "2026-12-01T00:00:00Z";

    // A Live message needs a condition; this one holds for every visitor.
    private const string AlwaysHolds = """{"any": [{"field": "visitor.country", "operator": "isSet"}, {"field": "visitor.country", "operator": "isNotSet"}]}""";

    [Fact]
    public async Task Analyse_TheExampleCatalog_HasNoFinding_AndExitsZero()
    {
        var (exit, output, error) = await ToolRun.RunAsync("analyse", ToolRun.Example("catalog.json"), "--at", At, "--fail-on", "info");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Contains("3 messages, 0 errors, 0 warnings, 0 infos", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("""{"field": "visit.pageViews", "operator": "atLeast", "value": 10}""", """{"field": "visit.pageViews", "operator": "lessThan", "value": 5}""", "conditions.never.bounds")]
    [InlineData("""{"field": "visit.pageViews", "operator": "between", "value": {"min": 1, "max": 3}}""", """{"field": "visit.pageViews", "operator": "greaterThan", "value": 3}""", "conditions.never.bounds")]
    [InlineData("""{"field": "visit.pageViews", "operator": "equalTo", "value": 1}""", """{"field": "visit.pageViews", "operator": "equalTo", "value": 2}""", "conditions.never.bounds")]
    [InlineData("""{"field": "page.title", "operator": "is", "value": "Pricing"}""", """{"field": "page.title", "operator": "is", "value": "Checkout"}""", "conditions.never.values")]
    [InlineData("""{"field": "visitor.isReturning", "operator": "isTrue"}""", """{"field": "visitor.isReturning", "operator": "isFalse"}""", "conditions.never.values")]
    [InlineData("""{"field": "page.path", "operator": "startsWith", "value": "/a"}""", """{"field": "page.path", "operator": "startsWith", "value": "/b"}""", "conditions.never.prefixes")]
    [InlineData("""{"field": "visitor.country", "operator": "isOneOf", "value": ["PT", "BR"]}""", """{"field": "visitor.country", "operator": "is", "value": "US"}""", "conditions.never.notInList")]
    [InlineData("""{"field": "visit.pageViews", "operator": "isOneOf", "value": [1, 2]}""", """{"field": "visit.pageViews", "operator": "equalTo", "value": 3}""", "conditions.never.notInList")]
    public async Task Analyse_ContradictoryConditionsUnderAll_AreAnErrorWithBothPaths(string first, string second, string code)
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("m", conditions: $$"""{"all": [{{first}}, {{second}}]}"""));

        var (exit, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        Assert.Equal(ToolExitCodes.Problems, exit);
        var finding = Assert.Single(Findings(output), f => (string)f["code"]! == code);
        Assert.Equal("error", (string)finding["severity"]!);
        Assert.Equal("m", (string)finding["messageId"]!);
        Assert.Equal(["$.messages[0].rules.conditions.all[0]", "$.messages[0].rules.conditions.all[1]"], finding["paths"]!.AsArray().Select(p => (string)p!));
    }

    [Theory]
    [InlineData("""{"field": "visit.pageViews", "operator": "atLeast", "value": 5}""", """{"field": "visit.pageViews", "operator": "atMost", "value": 5}""")]
    [InlineData("""{"field": "page.title", "operator": "is", "value": "Pricing"}""", """{"field": "page.title", "operator": "is", "value": "PRICING"}""")]
    [InlineData("""{"field": "page.path", "operator": "startsWith", "value": "/a"}""", """{"field": "page.path", "operator": "startsWith", "value": "/ab"}""")]
    [InlineData("""{"field": "visitor.language", "operator": "is", "value": "ja"}""", """{"field": "visitor.language", "operator": "is", "value": "ja-JP"}""")]
    [InlineData("""{"field": "visitor.country", "operator": "isOneOf", "value": ["PT", "BR"]}""", """{"field": "visitor.country", "operator": "is", "value": "br"}""")]
    [InlineData("""{"field": "app.version", "operator": "isOneOf", "value": ["2.0.0+build.7"]}""", """{"field": "app.version", "operator": "equalTo", "value": "2.0.0"}""")]
    public async Task Analyse_ConditionsThatCanHoldTogether_AreNoFinding(string first, string second)
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("m", conditions: $$"""{"all": [{{first}}, {{second}}]}"""));

        var (exit, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json", "--fail-on", "info");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(Findings(output));
    }

    [Fact]
    public async Task Analyse_ContradictionInsideAnAnyBranch_IsAWarningForThatBranch()
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("m", conditions: """
            {"any": [
              {"field": "visitor.isReturning", "operator": "isTrue"},
              {"all": [{"field": "page.path", "operator": "startsWith", "value": "/a"}, {"all": [{"field": "page.path", "operator": "startsWith", "value": "/b"}]}]}
            ]}
            """));

        var (exit, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        Assert.Equal(ToolExitCodes.Success, exit);
        var finding = Assert.Single(Findings(output));
        Assert.Equal("conditions.never.prefixes", (string)finding["code"]!);
        Assert.Equal("warning", (string)finding["severity"]!);
        Assert.Equal(["$.messages[0].rules.conditions.any[1].all[0]", "$.messages[0].rules.conditions.any[1].all[1].all[0]"], finding["paths"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public async Task Analyse_PagePathPatternAnchoredOnAnotherCharacter_CannotMatch()
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("m", conditions: """{"all": [{"field": "page.path", "operator": "matchesPattern", "value": "^checkout/[0-9]+$"}]}"""));

        var (_, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        var finding = Assert.Single(Findings(output));
        Assert.Equal("conditions.never.pattern", (string)finding["code"]!);
        Assert.Equal("$.messages[0].rules.conditions.all[0]", (string)finding["paths"]![0]!);
    }

    [Fact]
    public async Task Analyse_MessageBehindAnAlwaysQualifyingLiveMessage_IsShadowed()
    {
        using var run = new ToolRun();
        var path = Catalog(
            run,
            Message("catch-all", conditions: AlwaysHolds, frequency: "everyTime", timing: "anytime", priority: 10),
            Message("behind", priority: 5),
            Message("other-channel", priority: 1, channel: "web-other"));

        var (_, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        var finding = Assert.Single(Findings(output), f => (string)f["code"]! == "message.shadowed");
        Assert.Equal("behind", (string)finding["messageId"]!);
        Assert.Equal("warning", (string)finding["severity"]!);
        Assert.Equal(["$.messages[1].priority", "$.messages[0]"], finding["paths"]!.AsArray().Select(p => (string)p!));
    }

    [Theory]
    [InlineData("oncePerVisit", "anytime")]
    [InlineData("everyTime", "businessHours")]
    public async Task Analyse_AHigherMessageThatMayNotBeSent_ShadowsNothing(string frequency, string timing)
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("first", conditions: AlwaysHolds, frequency: frequency, timing: timing, priority: 10), Message("behind", priority: 5));

        var (_, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        Assert.DoesNotContain(Findings(output), f => (string)f["code"]! == "message.shadowed");
    }

    [Fact]
    public async Task Analyse_BusinessHoursUnderANeverOpenSchedule_NeverHolds()
    {
        using var run = new ToolRun();
        var path = Catalog(run, """{"id": "closed", "timeZone": "UTC", "weekly": []}""", Message("m", timing: "businessHours"));

        var (exit, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        Assert.Equal(ToolExitCodes.Problems, exit);
        var finding = Assert.Single(Findings(output));
        Assert.Equal("timing.never", (string)finding["code"]!);
        Assert.Equal("$.messages[0].timing", (string)finding["paths"]![0]!);
    }

    [Fact]
    public async Task Analyse_BusinessHoursWithoutAnySchedule_IsTimingNoSchedule()
    {
        using var run = new ToolRun();
        var path = Catalog(run, schedule: null, Message("m", timing: "outsideBusinessHours"));

        var (exit, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At);

        Assert.Equal(ToolExitCodes.Problems, exit);
        Assert.Contains("error timing.noSchedule [m] timing outsideBusinessHours needs business hours", output, StringComparison.Ordinal);
        Assert.DoesNotContain("timing.schedule.missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyse_WindowThatEndedBeforeTheClock_IsAWarning_AndTheClockIsInjected()
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("m", window: """{"start": "2026-11-01T00:00:00Z", "end": "2026-11-15T00:00:00Z"}"""));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var before = AnalyseCommand.Run(ToolConsole.ForWriters(output, error), path, OutputFormat.Text, FindingSeverity.Warning, at: null, new FixedClock(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero)));
        var after = AnalyseCommand.Run(ToolConsole.ForWriters(output, error), path, OutputFormat.Text, FindingSeverity.Warning, at: null, new FixedClock(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(ToolExitCodes.Success, before);
        Assert.Equal(ToolExitCodes.Problems, after);
        Assert.Contains("warning window.ended [m] the campaign window ended at 2026-11-15T00:00:00Z", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyse_WindowDateWithoutASchedule_IsAnUnmetPublishRequirement()
    {
        using var run = new ToolRun();

        // A window date is read in the zone of the channel's schedule: a workspace without one cannot publish it.
        var path = Catalog(run, schedule: null, Message("m", window: """{"end": "2027-01-31"}"""));

        var (exit, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "json");

        Assert.Equal(ToolExitCodes.Problems, exit);
        var finding = Assert.Single(Findings(output), f => (string)f["code"]! == "requirement.unmet");
        Assert.Equal("error", (string)finding["severity"]!);
        Assert.StartsWith("window.schedule.missing:", (string)finding["text"]!, StringComparison.Ordinal);
        Assert.Equal("$.messages[0].window", (string)finding["paths"]![0]!);
    }

    [Theory]
    [InlineData("error", ToolExitCodes.Success)]
    [InlineData("warning", ToolExitCodes.Problems)]
    [InlineData("info", ToolExitCodes.Problems)]
    public async Task Analyse_ExitCode_FollowsFailOn(string failOn, int expected)
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("catch-all", conditions: AlwaysHolds, frequency: "everyTime", priority: 10), Message("behind", priority: 5));

        var (exit, _, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--fail-on", failOn);

        Assert.Equal(expected, exit);
    }

    [Fact]
    public async Task Analyse_FormatGithub_WritesAnAnnotationPerFindingOnTheLineOfItsFirstPath()
    {
        using var run = new ToolRun();
        var path = Catalog(run, Message("m", conditions: """{"all": [{"field": "visit.pageViews", "operator": "atLeast", "value": 10}, {"field": "visit.pageViews", "operator": "lessThan", "value": 5}]}"""));

        // The line of the first condition's object: the line before its "field".
        var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("\"visit.pageViews\"", StringComparison.Ordinal));

        var (_, output, _) = await ToolRun.RunAsync("analyse", path, "--at", At, "--format", "github");

        var annotation = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"::error file={path.Replace(":", "%3A", StringComparison.Ordinal)},line={line},title=conditions.never.bounds::m: visit.pageViews", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyse_BadAt_IsUnusableInput()
    {
        var (exit, _, error) = await ToolRun.RunAsync("analyse", ToolRun.Example("catalog.json"), "--at", "yesterday");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Contains("--at 'yesterday'", error, StringComparison.Ordinal);
    }

    private static List<JsonNode> Findings(string output) => [.. JsonNode.Parse(output)!["findings"]!.AsArray().Select(f => f!)];

    private static string Catalog(ToolRun run, params JsonObject[] messages) =>
        Catalog(run, """{"id": "hours", "timeZone": "UTC", "weekly": [{"day": "monday", "open": "09:00", "close": "17:00"}]}""", messages);

    private static string Catalog(ToolRun run, string? schedule, params JsonObject[] messages)
    {
        var workspace = new JsonObject { ["id"] = "acme" };
        if (schedule is not null)
        {
            var node = JsonNode.Parse(schedule)!;
            workspace["schedules"] = new JsonArray(node);
            workspace["defaultScheduleId"] = (string)node["id"]!;
        }

        var catalog = new JsonObject { ["formatVersion"] = 1, ["workspace"] = workspace, ["messages"] = new JsonArray(messages) };
        return run.Write("catalog.json", catalog.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Message(
        string id,
        string conditions = """{"all": [{"field": "visitor.isReturning", "operator": "isTrue"}]}""",
        string frequency = "oncePerVisit",
        string timing = "anytime",
        int priority = 0,
        string channel = "web-main",
        string? window = null)
    {
        var message = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["channelId"] = channel,
            ["reply"] = JsonNode.Parse("""{"type": "agent", "text": {"default": "Hello"}}"""),
            ["rules"] = new JsonObject { ["conditions"] = JsonNode.Parse(conditions) },
            ["timing"] = timing,
            ["frequency"] = frequency,
            ["priority"] = priority,
            ["status"] = "live",
            ["updatedAt"] = "2026-11-20T09:30:00Z",
            ["publishedAt"] = "2026-11-20T09:30:00Z",
            ["version"] = 1,
            ["metrics"] = JsonNode.Parse("""{"sent": 0, "opened": 0, "replied": 0}"""),
        };
        if (window is not null)
        {
            message["window"] = JsonNode.Parse(window);
        }

        return message;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
