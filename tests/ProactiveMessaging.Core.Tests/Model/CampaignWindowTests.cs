using System.Text.Json.Nodes;
using NodaTime;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Lifecycle;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Model;

/// <summary>The campaign window of a message: its validation, its instants in a zone, its JSON, and its publish requirements.</summary>
public sealed class CampaignWindowTests
{
    private static readonly LocalDate Day = new(2025, 3, 30);
    private static readonly Instant Noon = Instant.FromUtc(2025, 3, 30, 12, 0);
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static TheoryData<string, CampaignWindow, string, string> Refused => new()
    {
        { "no bound", new CampaignWindow(), ModelProblemCodes.WindowEmpty, "$.window" },
        { "instants reversed", new CampaignWindow { Start = CampaignBound.At(Noon), End = CampaignBound.At(Noon - Duration.Epsilon) }, ModelProblemCodes.WindowEndBeforeStart, "$.window.end" },
        { "instants equal", new CampaignWindow { Start = CampaignBound.At(Noon), End = CampaignBound.At(Noon) }, ModelProblemCodes.WindowEndBeforeStart, "$.window.end" },
        { "dates reversed", new CampaignWindow { Start = CampaignBound.OnDate(Day), End = CampaignBound.OnDate(Day.PlusDays(-1)) }, ModelProblemCodes.WindowEndBeforeStart, "$.window.end" },
        { "year 0", new CampaignWindow { Start = CampaignBound.OnDate(new LocalDate(0, 12, 31)) }, ModelProblemCodes.WindowDateOutOfRange, "$.window.start" },
        { "year 9999", new CampaignWindow { End = CampaignBound.OnDate(new LocalDate(9999, 1, 1)) }, ModelProblemCodes.WindowDateOutOfRange, "$.window.end" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_BadWindow_IsMalformedAtItsPath(string why, CampaignWindow window, string code, string path)
    {
        var result = MessageValidator.Default.Validate(Definitions.Agent() with { Window = window });

        Assert.False(result.Succeeded, why);
        ProblemAssert.Single(result.Problems, code, ProblemKind.Malformed, path);
    }

    [Fact]
    public void Validate_OneDayWindowAndOneSidedWindows_AreFine()
    {
        CampaignWindow[] windows =
        [
            new() { Start = CampaignBound.OnDate(Day), End = CampaignBound.OnDate(Day) },
            new() { Start = CampaignBound.At(Noon) },
            new() { End = CampaignBound.OnDate(Day) },

            // A date and an instant compare only in the schedule's zone: publishing checks them.
            new() { Start = CampaignBound.OnDate(Day), End = CampaignBound.At(Noon - Duration.FromDays(10)) },
        ];

        Assert.All(windows, w => Assert.Empty(MessageValidator.Default.Validate(Definitions.Agent() with { Window = w }).Problems));
    }

    [Fact]
    public void Resolve_DatesInLondonAcrossTheStartOfSummerTime_GiveTheLocalMidnights()
    {
        var window = new CampaignWindow { Start = CampaignBound.OnDate(Day), End = CampaignBound.OnDate(Day) };

        var resolved = window.Resolve(London);

        // 30 March 2025 starts at 00:00 GMT and ends at 00:00 BST on the 31st: 23 hours.
        Assert.Equal((Instant.FromUtc(2025, 3, 30, 0, 0), Instant.FromUtc(2025, 3, 30, 23, 0)), (resolved.Start, resolved.End));
    }

    [Fact]
    public void Resolve_DayWhoseMidnightIsSkipped_StartsAtItsFirstInstant()
    {
        // In Santiago summer time started at midnight on 11 September 2022: the day began at 01:00 (-03).
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];
        var window = new CampaignWindow { Start = CampaignBound.OnDate(new LocalDate(2022, 9, 11)), End = CampaignBound.OnDate(new LocalDate(2022, 9, 10)) };

        var resolved = window.Resolve(santiago);

        Assert.Equal(Instant.FromUtc(2022, 9, 11, 4, 0), resolved.Start);
        Assert.Equal(resolved.Start, resolved.End);
        Assert.True(resolved.IsEmpty);
    }

    [Fact]
    public void Resolve_OpenBoundsAndNoZone_AreAlwaysOrNeverInside()
    {
        var open = new CampaignWindow { End = CampaignBound.At(Noon) }.Resolve(zone: null);
        var dated = new CampaignWindow { End = CampaignBound.OnDate(Day) }.Resolve(zone: null);

        Assert.True(open.Contains(Instant.MinValue) && !open.Contains(Noon));
        Assert.False(dated.IsResolved);
        Assert.False(dated.Contains(Noon));
    }

    [Fact]
    public void Publish_DateWindowOnAChannelWithoutSchedule_IsUnmetAtTheWindow()
    {
        var definition = Definitions.Agent() with { Window = new CampaignWindow { Start = CampaignBound.OnDate(Day) } };

        var problems = PublishRequirements.CheckRequirements(definition, Snapshots.Healthy with { DefaultScheduleId = null });

        ProblemAssert.Single(problems, RequirementProblemCodes.WindowScheduleMissing, ProblemKind.Unmet, "$.window");
        Assert.Empty(PublishRequirements.CheckRequirements(definition with { Window = new CampaignWindow { Start = CampaignBound.At(Noon) } }, Snapshots.Healthy with { DefaultScheduleId = null }));
    }

    [Fact]
    public void Publish_DateAndInstantEmptyInTheSchedulesZone_IsUnmetAtTheEnd()
    {
        // 31 March starts at 23:00 UTC on the 30th in London (BST): an end at that instant leaves nothing.
        var start = CampaignBound.OnDate(new LocalDate(2025, 3, 31));
        var empty = Definitions.Agent() with { Window = new CampaignWindow { Start = start, End = CampaignBound.At(Instant.FromUtc(2025, 3, 30, 23, 0)) } };
        var oneSecond = empty with { Window = empty.Window! with { End = CampaignBound.At(Instant.FromUtc(2025, 3, 30, 23, 0, 1)) } };

        ProblemAssert.Single(PublishRequirements.CheckRequirements(empty, Snapshots.Healthy), RequirementProblemCodes.WindowEmptyInZone, ProblemKind.Unmet, "$.window.end");
        Assert.Empty(PublishRequirements.CheckRequirements(oneSecond, Snapshots.Healthy));
    }

    [Theory]
    [InlineData("""{ "start": "2026-13-01" }""", JsonProblemCodes.InvalidValue, "$.window.start")]
    [InlineData("""{ "end": "2026-11-27T08:00:00+01:00" }""", JsonProblemCodes.InvalidValue, "$.window.end")]
    [InlineData("""{ "start": "27/11/2026" }""", JsonProblemCodes.InvalidValue, "$.window.start")]
    [InlineData("""{ "start": "2026-11-27", "zone": "Europe/Paris" }""", JsonProblemCodes.UnknownProperty, "$.window.zone")]
    [InlineData("""{ "start": 20261127 }""", JsonProblemCodes.WrongType, "$.window.start")]
    [InlineData(""" "2026-11-27" """, JsonProblemCodes.WrongType, "$.window")]
    [InlineData("""{}""", ModelProblemCodes.WindowEmpty, "$.window")]
    [InlineData("""{ "start": "2026-11-28", "end": "2026-11-27" }""", ModelProblemCodes.WindowEndBeforeStart, "$.window.end")]
    public void Read_BadWindow_IsRefusedAtItsPath(string window, string code, string path)
    {
        var result = MessageJson.ReadMessage(WithWindow(window));

        Assert.False(result.Succeeded);
        ProblemAssert.Contains(result.Problems, code, path);
    }

    [Fact]
    public void Read_WindowInACatalog_IsLocatedInTheCatalog()
    {
        var message = JsonNode.Parse(WithWindow("""{ "start": "2026-11-28", "end": "2026-11-27" }"""))!.AsObject();
        message.Remove("formatVersion");
        var catalog = new JsonObject { ["formatVersion"] = 1, ["workspace"] = new JsonObject { ["id"] = "acme" }, ["messages"] = new JsonArray(message) };

        var result = MessageJson.ReadCatalog(catalog.ToJsonString());

        ProblemAssert.Contains(result.Problems, ModelProblemCodes.WindowEndBeforeStart, "$.messages[0].window.end");
    }

    [Fact]
    public void Read_WindowOfEachKind_WritesBackTheSameBounds()
    {
        var result = MessageJson.ReadMessage(WithWindow("""{ "start": "2026-11-27T08:00:00.5Z", "end": "2026-11-30" }"""));

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(new CampaignWindow { Start = CampaignBound.At(Instant.FromUtc(2026, 11, 27, 8, 0) + Duration.FromMilliseconds(500)), End = CampaignBound.OnDate(new LocalDate(2026, 11, 30)) }, result.Value.Window);
        Assert.Contains("\"window\": {\n    \"start\": \"2026-11-27T08:00:00.5Z\",\n    \"end\": \"2026-11-30\"\n  },\n  \"status\"", MessageJson.WriteMessage(result.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocumentWithoutWindow_HasNoneAndWritesNone()
    {
        var result = MessageJson.ReadMessage(MessageJsonReadTests.Valid);

        Assert.True(result.Succeeded);
        Assert.Null(result.Value!.Window);
        Assert.DoesNotContain("window", MessageJson.WriteMessage(result.Value), StringComparison.Ordinal);
    }

    private static string WithWindow(string window)
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        root["window"] = JsonNode.Parse(window);
        return root.ToJsonString();
    }
}
