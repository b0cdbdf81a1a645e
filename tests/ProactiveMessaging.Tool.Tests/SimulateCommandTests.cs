using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ProactiveMessaging.Tool.Tests;

public sealed class SimulateCommandTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Simulate_GeneratedLog_ShowsTheLiveMessageToCheckoutVisitors_AndCountsOutcomes()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", GeneratedLog(visitors: 30));

        var (exit, output, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "json");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
        var report = JsonNode.Parse(output)!;
        var checkout = report["messages"]!.AsArray().Single(m => (string?)m!["id"] == "checkout-help")!;

        // Every third visitor stays on the checkout long enough; each opens, and every other one replies.
        Assert.Equal(10, (long)checkout["shown"]!);
        Assert.Equal(10, (long)checkout["sent"]!);
        Assert.Equal(10, (long)checkout["opened"]!);
        Assert.Equal(5, (long)checkout["replied"]!);
        Assert.Equal("live", (string)checkout["status"]!);
        Assert.Equal(0, (long)report["messages"]!.AsArray().Single(m => (string?)m!["id"] == "pricing-bot")!["shown"]!);
        Assert.Equal(60, (long)report["decisions"]!);
        Assert.Equal(50, (long)report["nothingShown"]!["noConditionsMet"]!);
        Assert.Equal(15, (long)report["outcomes"]!["recorded"]!);
    }

    [Fact]
    public async Task Simulate_FormatTable_WritesTheMessagesAndReasonsTables_WithoutProgressWhenRedirected()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", GeneratedLog(visitors: 3));

        var (exit, output, _) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log);

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.StartsWith("Messages", output.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("│ checkout-help  │ live   │     1 │    1 │      1 │       1 │", output, StringComparison.Ordinal);
        Assert.Contains("│ noConditionsMet │         5 │", output, StringComparison.Ordinal);
        Assert.Contains("10 lines: 6 decisions (1 shown), 4 outcomes (2 recorded, 2 for a message not sent to the visitor)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Simulating", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_FormatCsv_WritesOneRowPerMessageAndPerReason()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", GeneratedLog(visitors: 3));

        var (exit, output, _) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "csv");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Equal(
            [
                "kind,id,status,shown,sent,opened,replied,decisions",
                "message,checkout-help,live,1,1,1,1,",
                "message,pricing-bot,paused,0,0,0,0,",
                "message,preset-welcome,draft,0,0,0,0,",
                "nothingShown,noConditionsMet,,,,,,5",
            ],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Simulate_MalformedLine_StopsWithItsFileAndLineNumber_AndExitsTwo()
    {
        using var run = new ToolRun();
        var lines = GeneratedLog(visitors: 3).Split('\n').ToList();
        lines[3] = "{\"formatVersion\":1,\"at\":";
        var log = run.Write("events.jsonl", string.Join('\n', lines));

        var (exit, output, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Empty(output);
        Assert.StartsWith($"proactive: {log}:4: not a JSON object", error, StringComparison.Ordinal);
        Assert.Contains("--skip-bad-lines", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_SkipBadLines_ReportsTheirCountAndFirstOnes_AndSimulatesTheRest()
    {
        using var run = new ToolRun();
        var lines = GeneratedLog(visitors: 3).Split('\n').ToList();
        lines[1] = "not json";
        lines[4] = lines[4].Replace("\"web-main\"", "\"web-gone\"", StringComparison.Ordinal);
        lines[6] = lines[6].Replace("\"checkout-help\"", "\"no-such-message\"", StringComparison.Ordinal);
        var log = run.Write("events.jsonl", string.Join('\n', lines));

        var (exit, output, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--skip-bad-lines", "--format", "json");

        Assert.Equal(ToolExitCodes.Success, exit);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"proactive: skipped 3 bad lines of {log}:", errors[0]);
        Assert.StartsWith($"  {log}:2: not a JSON object", errors[1], StringComparison.Ordinal);
        Assert.Equal($"  {log}:5: the catalog has no channel 'web-gone' (it has web-main). (at $.channelId)", errors[2]);
        Assert.StartsWith($"  {log}:7: the catalog has no message 'no-such-message'", errors[3], StringComparison.Ordinal);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(3, (long)report["badLines"]!);
        Assert.Equal(4, (long)report["decisions"]!);
    }

    [Fact]
    public async Task Simulate_LineAFewSecondsEarlier_IsClamped_ButMoreThanAMinuteEarlier_IsABadLine()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", string.Join('\n',
            Event(Monday.AddSeconds(100), "v-1", "/blog", 0),
            Event(Monday.AddSeconds(90), "v-2", "/blog", 0),
            Event(Monday.AddSeconds(30), "v-3", "/blog", 0)));

        var (exit, _, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.StartsWith($"proactive: {log}:3: the event is at 2026-11-30T09:00:30Z, more than 60 s before", error, StringComparison.Ordinal);

        var (skipExit, skipOutput, _) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--skip-bad-lines", "--format", "json");
        Assert.Equal(ToolExitCodes.Success, skipExit);
        Assert.Equal(1, (long)JsonNode.Parse(skipOutput)!["clamped"]!);
    }

    [Fact]
    public async Task Simulate_TimeOnPageBeyondAnyDuration_IsABadLineWithItsNumber_NeverAStackTrace()
    {
        using var run = new ToolRun();
        var log = run.Write("events.jsonl", GeneratedLog(visitors: 3) + """
            {"formatVersion":1,"at":"2026-11-30T10:00:00Z","type":"heartbeat","channelId":"web-main","visitorId":"v-9","visitor":{"url":"/checkout","timeOnPage":1e13}}
            """);
        var lines = File.ReadAllLines(log).Length;

        var (exit, _, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "json");
        var (skipExit, skipOutput, _) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "json", "--skip-bad-lines");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.StartsWith($"proactive: {log}:{lines}: visitor.timeOnPage must be a number of seconds", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(ToolExitCodes.Success, skipExit);
        Assert.Equal(1, (long)JsonNode.Parse(skipOutput)!["badLines"]!);
    }

    [Fact]
    public async Task Simulate_MissingLog_NamesTheFile_AndExitsTwo()
    {
        var (exit, _, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), "/no/such/events.jsonl");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Equal("proactive: /no/such/events.jsonl: no such file (its folder does not exist).", error.Trim());
    }

    /// <summary>
    /// Per visitor: a page view and a heartbeat, then an opened outcome (and a replied one for every
    /// other visitor). Every third visitor is on the checkout for 40 s (shown the Live message); the
    /// others read the blog.
    /// </summary>
    internal static string GeneratedLog(int visitors)
    {
        var log = new StringBuilder();
        for (var i = 0; i < visitors; i++)
        {
            var at = Monday.AddSeconds(i * 10);
            var visitor = "v-" + i.ToString(CultureInfo.InvariantCulture);
            var path = i % 3 == 0 ? "/checkout/payment" : "/blog/spring";
            log.Append(Event(at, visitor, path, 0)).Append('\n');
            log.Append(Event(at.AddSeconds(5), visitor, path, 40, "heartbeat")).Append('\n');
            log.Append(Outcome(at.AddSeconds(6), visitor, "opened")).Append('\n');
            if (i % 6 == 0)
            {
                log.Append(Outcome(at.AddSeconds(7), visitor, "replied")).Append('\n');
            }
        }

        return log.ToString();
    }

    private static string Event(DateTimeOffset at, string visitor, string path, int timeOnPage, string type = "pageView") =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"formatVersion":1,"at":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","type":"{{type}}","channelId":"web-main","visitorId":"{{visitor}}","visitor":{"url":"https://example.com{{path}}","timeOnPage":{{timeOnPage}},"pageViews":1""") + "}}";

    private static string Outcome(DateTimeOffset at, string visitor, string outcome) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"formatVersion":1,"at":"{{at:yyyy-MM-ddTHH:mm:ssZ}}","type":"outcome","visitorId":"{{visitor}}","outcome":"{{outcome}}","messageId":"checkout-help"}""");
}
