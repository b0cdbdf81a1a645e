using System.Text.Json.Nodes;

namespace ProactiveMessaging.Tool.Tests;

public sealed class DiffCommandTests
{
    [Fact]
    public async Task Diff_TheExampleCatalogWithItself_IsAllUnchanged_AndExitsZero()
    {
        var example = ToolRun.Example("catalog.json");

        var (exit, output, error) = await ToolRun.RunAsync("diff", example, example);

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Equal("0 added, 0 removed, 0 changed, 3 unchanged.", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public async Task Diff_TheExampleCatalogAgainstAnEditedCopy_ListsEachChangeOldToNew_AndExitsZero()
    {
        using var run = new ToolRun();
        var edited = Edited(run);

        var (exit, output, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), edited);

        Assert.Equal(ToolExitCodes.Success, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();
        Assert.Equal(
            [
                "~ checkout-help \"Checkout help\" changed",
                "    status: live -> paused",
                "    conditions: all(page.path startsWith \"/checkout\", page.timeOnPage atLeast 30) -> all(page.path startsWith \"/checkout\", page.timeOnPage atLeast 60)",
                "    timing: businessHours -> anytime",
                "    frequency: oncePerVisit -> everyTime",
                "    priority: 10 -> 20",
                "    window: none -> open .. 2027-01-31",
                "    text[pt-BR]: \"Precisa de ajuda para pagar?\" -> \"Precisa de ajuda?\"",
                "- preset-welcome \"Welcome returning visitors\" removed",
                "+ returns-help \"Returns help\" added",
                "1 added, 1 removed, 1 changed, 1 unchanged.",
            ],
            lines);
    }

    [Fact]
    public async Task Diff_FormatJson_IsOneDocumentPerMessageWithItsChanges()
    {
        using var run = new ToolRun();
        var edited = Edited(run);

        var (exit, output, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), edited, "--format", "json");

        Assert.Equal(ToolExitCodes.Success, exit);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(1, (int)report["unchanged"]!);
        var messages = report["messages"]!.AsArray().Select(m => m!).ToList();
        Assert.Equal(["changed", "removed", "added"], messages.Select(m => (string)m["kind"]!));
        var priority = Assert.Single(messages[0]["changes"]!.AsArray(), c => (string)c!["aspect"]! == "priority")!;
        Assert.Equal("10", (string)priority["old"]!);
        Assert.Equal("20", (string)priority["new"]!);
    }

    [Fact]
    public async Task Diff_ExperimentAdded_ShowsRolloutAndVariants()
    {
        using var run = new ToolRun();
        var edited = run.ChangedCatalog("edited.json", catalog =>
            catalog["messages"]![0]!.AsObject()["experiment"] = JsonNode.Parse("""{"rolloutPercent": 50, "variants": [{"id": "a", "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}"""));

        var (_, output, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), edited);

        Assert.Contains("    experiment: none -> rollout 50%, variants a:50 \"A\" b:50 \"B\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_InvalidNewCatalog_IsUnusableInput()
    {
        using var run = new ToolRun();
        var broken = run.Write("broken.json", "{\n  \"formatVersion\": 1,\n");

        var (exit, _, error) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), broken);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.StartsWith($"proactive: {broken}:", error, StringComparison.Ordinal);
    }

    private static string Edited(ToolRun run) => run.ChangedCatalog("edited.json", catalog =>
    {
        var messages = catalog["messages"]!.AsArray();
        var checkout = messages[0]!.AsObject();
        var added = checkout.DeepClone().AsObject();
        checkout["status"] = "paused";
        checkout["rules"]!["conditions"]!["all"]![1]!["value"] = 60;
        checkout["timing"] = "anytime";
        checkout["frequency"] = "everyTime";
        checkout["priority"] = 20;
        checkout["window"] = JsonNode.Parse("""{"end": "2027-01-31"}""");
        checkout["reply"]!["text"]!["variants"]!["pt-BR"] = "Precisa de ajuda?";
        checkout["metrics"]!["sent"] = 500;
        messages.RemoveAt(2);
        added["id"] = "returns-help";
        added["name"] = "Returns help";
        messages.Add(added);
    });
    [Fact]
    public async Task Diff_WithAnEventLog_CountsTheDecisionsThatWouldChange_ByWhatTheyWereAndBecome()
    {
        using var run = new ToolRun();
        var held = run.ChangedCatalog("holdout.json", catalog => catalog["messages"]![0]!.AsObject()["experiment"] = System.Text.Json.Nodes.JsonNode.Parse("""{"rolloutPercent": 0}"""));
        var log = run.Write("events.jsonl", SimulateCommandTests.GeneratedLog(30));

        var (exit, output, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), held, log);
        var (_, json, _) = await ToolRun.RunAsync("diff", ToolRun.Example("catalog.json"), held, log, "--format", "json");

        // The generated log sends the checkout message to every third visitor (10 of 30); a rollout
        // of 0 leaves each of them out.
        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Contains("60 decisions replayed; 10 would change, for 10 of 30 visitors.", output, StringComparison.Ordinal);
        Assert.Contains("10  show checkout-help -> NotInRollout", output, StringComparison.Ordinal);
        var decisions = System.Text.Json.Nodes.JsonNode.Parse(json)!["decisions"]!;
        Assert.Equal(10, (long)decisions["changed"]!);
        Assert.Equal("NotInRollout", (string)decisions["transitions"]![0]!["new"]!);
    }
}
