using System.Text.Json.Nodes;
using ProactiveMessaging.Scheduling;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>Schedules travel in a catalog's workspace settings.</summary>
public sealed class CatalogScheduleJsonTests
{
    private static string Catalog(string workspace) => $$"""
        {"formatVersion": 1, "workspace": {{workspace}}, "messages": []}
        """;

    private const string Hours = """
        {"id": "support", "timeZone": "Europe/London", "weekly": [{"day": "monday", "open": "09:00", "close": "17:30"}], "holidays": [{"date": "2026-12-25", "recurring": true}]}
        """;

    [Fact]
    public void ReadCatalog_WorkspaceSchedules_AreReadAndWrittenBack()
    {
        var result = MessageJson.ReadCatalog(Catalog($$"""{"id": "acme", "defaultScheduleId": "support", "schedules": [{{Hours}}]}"""));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var schedule = Assert.Single(result.Value.Workspace.Schedules);
        Assert.Equal("support", schedule.Id);
        Assert.Equal("Europe/London", schedule.TimeZoneId);
        Assert.Equal("support", result.Value.Workspace.DefaultScheduleId);
        var again = MessageJson.ReadCatalog(MessageJson.WriteCatalog(result.Value));
        Assert.Equal(result.Value, again.Value);
    }

    [Fact]
    public void ReadCatalog_DefaultScheduleNotInTheWorkspace_IsRefusedAtItsPath()
    {
        var result = MessageJson.ReadCatalog(Catalog($$"""{"id": "acme", "defaultScheduleId": "other", "schedules": [{{Hours}}]}"""));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(JsonProblemCodes.InvalidValue, problem.Code);
        Assert.Equal("$.workspace.defaultScheduleId", problem.Path);
    }

    [Fact]
    public void ReadCatalog_TwoSchedulesWithOneId_IsRefusedAtTheSecond()
    {
        var result = MessageJson.ReadCatalog(Catalog($$"""{"id": "acme", "schedules": [{{Hours}}, {{Hours}}]}"""));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(JsonProblemCodes.DuplicateId, problem.Code);
        Assert.Equal("$.workspace.schedules[1].id", problem.Path);
    }

    [Fact]
    public void ReadCatalog_UnknownTimeZone_IsRefusedWithTheScheduleCodeAndASuggestion()
    {
        var result = MessageJson.ReadCatalog(Catalog(
            """{"id": "acme", "schedules": [{"id": "s", "timeZone": "Europe/Londn", "weekly": []}]}"""));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ScheduleProblemCodes.TimeZoneUnknown, problem.Code);
        Assert.Equal("$.workspace.schedules[0].timeZone", problem.Path);
        Assert.Contains("Europe/London", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$.workspace.schedules[0].shift", "schedules.0")]
    [InlineData("$.workspace.schedules[0].weekly[0].shift", "schedules.0.weekly.0")]
    [InlineData("$.workspace.schedules[0].holidays[0].shift", "schedules.0.holidays.0")]
    public void ReadCatalog_UnknownPropertyInASchedule_IsRefusedAtItsPath(string path, string where)
    {
        var workspace = JsonNode.Parse($$"""{"id": "acme", "schedules": [{{Hours}}]}""")!.AsObject();
        JsonNode node = workspace;
        foreach (var part in where.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part]!;
        }

        node.AsObject()["shift"] = "night";

        var result = MessageJson.ReadCatalog(Catalog(workspace.ToJsonString()));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(JsonProblemCodes.UnknownProperty, problem.Code);
        Assert.Equal(path, problem.Path);
    }
}
