using System.Text.Json.Nodes;

namespace ProactiveMessaging.Tool.Tests;

public sealed class ExplainCommandTests
{
    // Monday 10:00 in London: inside the example catalog's support hours.
    internal const string CheckoutVisitor = """
        {
          "formatVersion": 1,
          "at": "2026-11-30T10:00:00Z",
          "type": "pageView",
          "channelId": "web-main",
          "visitorId": "v-42",
          "visitor": {
            "url": "https://example.com/checkout/payment",
            "timeOnPage": 45,
            "country": "PT",
            "language": "pt-BR"
          }
        }
        """;

    [Fact]
    public async Task Explain_VisitorOnTheCheckout_IsShownTheLiveMessage_WithTheTraceAndTheVisitorsValues()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", CheckoutVisitor);

        var (exit, output, error) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor);

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.StartsWith("Show checkout-help: \"Precisa de ajuda para pagar?\" (at 2026-11-30T10:00:00Z)", output, StringComparison.Ordinal);
        Assert.Contains("timing: BusinessHours, allowed now", output, StringComparison.Ordinal);
        Assert.Contains("$.rules.conditions.all[1]: held [page.timeOnPage AtLeast 30] (visitor: 45)", output, StringComparison.Ordinal);
        Assert.Contains("frequency: OncePerVisit, the store would send it", output, StringComparison.Ordinal);
        Assert.Contains("- pricing-bot: not offered: paused, not live", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_AtAnInstantOutsideBusinessHours_ShowsNothing_AndSaysWhy()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", CheckoutVisitor);

        var (exit, output, _) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor, "--at", "2026-11-30T20:00:00Z");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.StartsWith("Nothing: OutsideTiming (at 2026-11-30T20:00:00Z)", output, StringComparison.Ordinal);
        Assert.Contains("business hours are closed now", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_FormatJson_GivesTheDecisionAndEachConditionWithThePathAndValue()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", CheckoutVisitor.Replace("\"timeOnPage\": 45", "\"timeOnPage\": 12", StringComparison.Ordinal));

        var (exit, output, _) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor, "--format", "json", "--message", "checkout-help");

        Assert.Equal(ToolExitCodes.Success, exit);
        var report = JsonNode.Parse(output)!;
        Assert.Equal("noConditionsMet", (string)report["decision"]!["outcome"]!);
        var message = Assert.Single(report["messages"]!.AsArray())!;
        Assert.Equal("checkout-help", (string)message["messageId"]!);
        Assert.False((bool)message["conditions"]!["met"]!);
        var timeOnPage = message["conditions"]!["trace"]!.AsArray().Single(step => (string?)step!["path"] == "$.rules.conditions.all[1]")!;
        Assert.False((bool)timeOnPage["held"]!);
        Assert.Equal("page.timeOnPage", (string)timeOnPage["field"]!);
        Assert.Equal("12", (string)timeOnPage["visitor"]!);
        Assert.Equal("wouldSend", (string)message["frequency"]!["verdict"]!);
    }

    [Fact]
    public async Task Explain_MessageWithAnExperiment_GivesTheRolloutAndVariant()
    {
        using var run = new ToolRun();
        var catalog = run.ChangedCatalog("experiment.json", catalog =>
        {
            var message = catalog["messages"]![0]!.AsObject();
            message["experiment"] = JsonNode.Parse("""{"rolloutPercent": 100, "salt": "s", "variants": [{"id": "a", "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""");
        });
        var visitor = run.Write("visitor.json", CheckoutVisitor);

        var (exit, output, _) = await ToolRun.RunAsync("explain", catalog, visitor, "--format", "json");

        Assert.Equal(ToolExitCodes.Success, exit);
        var experiment = JsonNode.Parse(output)!["messages"]![0]!["experiment"]!;
        Assert.True((bool)experiment["inRollout"]!);
        Assert.Contains((string)experiment["variantId"]!, new[] { "a", "b" });
    }

    [Fact]
    public async Task Explain_DeclaredCustomAttributesAndEvents_AreSetFromTheVisitor_AndShowTheMessage()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", """
            {"formatVersion": 1, "at": "2026-11-30T10:00:00Z", "type": "appEvent", "eventName": "addedToCart", "channelId": "web-main", "visitorId": "v-7",
             "visitor": {"url": "/cart", "custom": {"plan": "Premium", "cartValue": 620.5, "segments": ["retail", "teams"]}, "events": {"addedToCart": 3}}}
            """);

        var (exit, output, error) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog-declared-fields.json"), visitor, "--message", "premium-cart-help");

        Assert.Equal(ToolExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.StartsWith("Show premium-cart-help", output, StringComparison.Ordinal);
        Assert.Contains("held [custom.cartValue AtLeast 500] (visitor: 620.5)", output, StringComparison.Ordinal);
        Assert.Contains("held [event.addedToCart.count AtLeast 3] (visitor: 3)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownChannel_NamesTheFileAndLine_AndExitsTwo()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", CheckoutVisitor.Replace("\"web-main\"", "\"web-other\"", StringComparison.Ordinal));

        var (exit, output, error) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Empty(output);
        Assert.Equal($"proactive: {visitor}:5: the catalog has no channel 'web-other' (it has web-main). (at $.channelId)", error.Trim());
    }

    [Fact]
    public async Task Explain_UndeclaredCustomAttribute_IsUnusableInputOnItsLine()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", CheckoutVisitor.Replace("\"timeOnPage\": 45,", "\"timeOnPage\": 45,\n    \"custom\": {\"plan\": \"pro\"},", StringComparison.Ordinal));

        var (exit, _, error) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor);

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Contains($"{visitor}:10: the workspace declares no custom attribute 'plan'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownMessageOption_IsUnusableInput()
    {
        using var run = new ToolRun();
        var visitor = run.Write("visitor.json", CheckoutVisitor);

        var (exit, _, error) = await ToolRun.RunAsync("explain", ToolRun.Example("catalog.json"), visitor, "--message", "nope");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.Contains("the catalog has no message 'nope'", error, StringComparison.Ordinal);
    }
}
