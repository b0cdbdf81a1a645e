using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Simulation;

namespace ProactiveMessaging.Tool.Tests.Input;

public sealed class EventLineReaderTests
{
    private static readonly string[] Urls = ["/checkout/payment", "https://example.com/pricing", "/blog/caf\u00e9", "/p?q=\\u0041", null!];
    private static readonly string[] Languages = ["en-GB", "pt_BR", "de", "fr-\\u0046R"];
    private static readonly string[] Countries = ["PT", "GB", "DE", "BR"];

    [Fact]
    public async Task Read_ManyVariedLinesThroughOneReader_GivesTheEventsAFreshReaderGives_AndTheLinesValues()
    {
        using var tool = await ToolEngine.CreateAsync(CatalogInput.Read(ToolRun.Example("catalog.json")), Instant.FromUtc(2026, 11, 30, 9, 0), TestContext.Current.CancellationToken);
        var line = tool.NewLine();
        var fresh = tool.NewLine();
        var random = new Random(1_000_000);
        for (var i = 0; i < 5_000; i++)
        {
            var json = Line(random, i);
            var node = JsonNode.Parse(json)!;

            // One reader for the whole log, whose texts are shared from line to line, against a new one for this line alone.
            var problem = tool.Reader.Read(Encoding.UTF8.GetBytes(json), line);
            var freshProblem = NewReader(tool).Read(Encoding.UTF8.GetBytes(json), fresh);

            Assert.Equal(freshProblem, problem);

            // The only bad lines generated have a number for visitorId.
            Assert.Equal(node["visitorId"]!.GetValueKind() != JsonValueKind.String, problem is not null);
            if (problem is not null)
            {
                continue;
            }

            Assert.Equal(fresh.At, line.At);
            Assert.Equal(fresh.Type, line.Type);
            Assert.Equal(fresh.Outcome, line.Outcome);
            Assert.Equal((string)node["visitorId"]!, line.VisitorId);
            Assert.Equal((string?)node["visitId"], line.VisitId);
            Assert.Equal((string?)node["pageViewId"], line.PageViewId);
            Assert.Equal((string?)node["eventName"], line.EventName);
            Assert.Equal((string?)node["messageId"], line.MessageId);
            Assert.Equal((string?)node["channelId"] ?? string.Empty, line.ChannelId);
        }
    }

    [Fact]
    public async Task Simulate_BadLineAmongRepeatedVisitors_IsStillReportedWithItsNumber()
    {
        using var run = new ToolRun();
        var random = new Random(7);
        var lines = Enumerable.Range(0, 2_000).Select(i => Line(random, i, badLines: false)).ToList();
        lines[1_234] = lines[1_234].Replace("\"visitor\":{\"url\":", "\"visitor\":{\"url\":7,\"x\":", StringComparison.Ordinal);
        var log = run.Write("events.jsonl", string.Join('\n', lines));

        var (exit, _, error) = await ToolRun.RunAsync("simulate", ToolRun.Example("catalog.json"), log, "--format", "json");

        Assert.Equal(ToolExitCodes.UnusableInput, exit);
        Assert.StartsWith($"proactive: {log}:1235: visitor.url must be a string. (at $.visitor.url)", error, StringComparison.Ordinal);
    }

    private static EventLineReader NewReader(ToolEngine tool) =>
        new(tool.WorkspaceId, ["web-main"], tool.Messages.Select(m => m.Id), tool.Engine.GetFields(tool.WorkspaceId)) { DefaultZone = tool.Reader.DefaultZone };

    /// <summary>A line of the event format: 300 visitors seen again and again, texts of every kind, now and then a bad one.</summary>
    private static string Line(Random random, int i, bool badLines = true)
    {
        var at = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero).AddSeconds(i / 4);
        var visitor = "v-" + random.Next(300).ToString(CultureInfo.InvariantCulture);
        var head = string.Create(CultureInfo.InvariantCulture, $$"""{"formatVersion":1,"at":"{{at:yyyy-MM-ddTHH:mm:ssZ}}",""");
        if (random.Next(10) == 0)
        {
            var outcome = random.Next(2) == 0 ? "opened" : "conversationStarted";
            return head + $$"""
                "type":"outcome","visitorId":"{{visitor}}","outcome":"{{outcome}}","messageId":"checkout-help"}
                """;
        }

        var type = random.Next(3) switch { 0 => "pageView", 1 => "heartbeat", _ => "appEvent" };
        var ids = random.Next(4) == 0 ? $$""","visitId":"s-{{random.Next(50)}}","pageViewId":"p-{{random.Next(50)}}" """ : string.Empty;
        var eventName = type == "appEvent" && random.Next(2) == 0 ? ",\"eventName\":\"cart-\\u0061dded\"" : string.Empty;
        var url = Urls[random.Next(Urls.Length)];
        var visitorId = badLines && random.Next(200) == 0 ? "42" : $"\"{visitor}\"";

        // Now and then a property name written with an escape, which names the same property.
        var visitorIdName = random.Next(8) == 0 ? "\\u0076isitorId" : "visitorId";
        return head + string.Create(CultureInfo.InvariantCulture, $$"""
            "type":"{{type}}","channelId":"web-main","{{visitorIdName}}":{{visitorId}}{{ids}}{{eventName}},"visitor":{"url":{{(url is null ? "null" : $"\"{url}\"")}},"timeOnPage":{{random.Next(90)}},"pageViews":{{1 + random.Next(6)}},"isReturning":{{(random.Next(2) == 0 ? "true" : "false")}},"country":"{{Countries[random.Next(Countries.Length)]}}","language":"{{Languages[random.Next(Languages.Length)]}}"
            """) + "}}";
    }
}
