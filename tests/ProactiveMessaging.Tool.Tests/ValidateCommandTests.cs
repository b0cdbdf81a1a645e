using System.Text.Json.Nodes;

namespace ProactiveMessaging.Tool.Tests;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_TheExampleCatalog_IsValid_AndExitsZero()
    {
        var (exit, output, error) = await ToolRun.RunAsync("validate", ToolRun.Example("catalog.json"));

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Contains("valid, 3 messages", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task Validate_CatalogWithProblems_ListsEachWithItsLinePathAndCode_AndExitsOne()
    {
        using var run = new ToolRun();
        var path = run.ChangedCatalog("invalid.json", catalog =>
        {
            var message = catalog["messages"]![0]!.AsObject();
            message["experiment"] = JsonNode.Parse("""{"rolloutPercent": 150, "variants": [{"id": "a", "weight": 60, "text": {"default": "A"}}, {"id": "b", "weight": 30, "text": {"default": "B"}}]}""");
        });
        var rolloutLine = File.ReadAllLines(path).ToList().FindIndex(line => line.Contains("\"rolloutPercent\"", StringComparison.Ordinal)) + 1;

        var (exit, output, _) = await ToolRun.RunAsync("validate", path);

        Assert.Equal(ToolExitCodes.Problems, exit);
        Assert.Contains($"{path}:{rolloutLine}: experiment.rollout.outOfRange at $.messages[0].experiment.rolloutPercent:", output, StringComparison.Ordinal);
        Assert.Contains("experiment.variants.weightSum at $.messages[0].experiment.variants", output, StringComparison.Ordinal);
        Assert.Contains("2 problems.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FormatGithub_WritesOneErrorAnnotationPerProblemOnItsLine()
    {
        using var run = new ToolRun();
        var path = run.ChangedCatalog("invalid.json", catalog => catalog["messages"]![0]!.AsObject()["priority"] = "high");

        var (exit, output, _) = await ToolRun.RunAsync("validate", path, "--format", "github");

        Assert.Equal(ToolExitCodes.Problems, exit);
        var annotation = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = File.ReadAllLines(path).ToList().FindIndex(l => l.Contains("\"priority\"", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"::error file={path.Replace(":", "%3A", StringComparison.Ordinal)},line={line},title=json.wrongType::", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FormatJson_IsOneDocumentWithEveryProblem()
    {
        using var run = new ToolRun();
        var path = run.ChangedCatalog("invalid.json", catalog => catalog["messages"]![0]!.AsObject()["priority"] = "high");

        var (exit, output, _) = await ToolRun.RunAsync("validate", path, "--format", "json");

        Assert.Equal(ToolExitCodes.Problems, exit);
        var report = JsonNode.Parse(output)!;
        Assert.False((bool)report["valid"]!);
        var problem = Assert.Single(report["problems"]!.AsArray())!;
        Assert.Equal("json.wrongType", (string)problem["code"]!);
        Assert.Equal("$.messages[0].priority", (string)problem["path"]!);
    }

    [Fact]
    public async Task Validate_MissingFile_IsOneLineNamingTheFile_AndExitsTwo()
    {
        var (exit, output, error) = await ToolRun.RunAsync("validate", "/no/such/catalog.json");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Empty(output);
        Assert.Equal("proactive: /no/such/catalog.json: no such file (its folder does not exist).", error.Trim());
    }

    [Fact]
    public async Task Validate_MalformedJson_NamesTheLine_AndExitsTwo()
    {
        using var run = new ToolRun();
        var path = run.Write("broken.json", "{\n  \"formatVersion\": 1,\n  \"workspace\": {\"id\": \"acme\"},\n  \"messages\": [ { \"id\": \"m1\" ]\n}\n");

        var (exit, output, _) = await ToolRun.RunAsync("validate", path);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Contains($"{path}:4: json.syntax", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOption_IsUnusableInput()
    {
        var (exit, _, error) = await ToolRun.RunAsync("validate", ToolRun.Example("catalog.json"), "--frobnicate");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Contains("--frobnicate", error, StringComparison.Ordinal);
    }
}
