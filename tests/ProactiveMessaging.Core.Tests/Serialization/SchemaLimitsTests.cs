using System.Text.Json.Nodes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Scheduling.Internal;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>The literals of the published catalog schema equal the one definition each has in the library.</summary>
public sealed class SchemaLimitsTests
{
    private static readonly JsonNode Catalog =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "schema", "catalog.v1.schema.json")))!;

    [Fact]
    public void CatalogSchema_EnumAllowedValues_AreBoundedByTheEnumLimit() =>
        Assert.Equal(FieldCatalog.MaxEnumValues, (int)Catalog["$defs"]!["customAttribute"]!["properties"]!["allowedValues"]!["maxItems"]!);

    [Fact]
    public void CatalogSchema_DeclaredAttributesAndEvents_AreBoundedByTheWorkspaceLimit()
    {
        JsonNode workspace = Catalog["properties"]!["workspace"]!["properties"]!;
        Assert.Equal(CustomAttributeDeclaration.MaxPerWorkspace, (int)workspace["customAttributes"]!["maxItems"]!);
        Assert.Equal(CustomAttributeDeclaration.MaxPerWorkspace, (int)workspace["events"]!["maxItems"]!);
    }

    [Fact]
    public void CatalogSchema_WeeklyIntervalDays_AreTheLibrarysDayNames()
    {
        JsonArray days = Catalog["$defs"]!["schedule"]!["properties"]!["weekly"]!["items"]!["properties"]!["day"]!["enum"]!.AsArray();
        Assert.Equal(DayNames.All, days.Select(day => (string)day!));
    }
}
