using System.Text;
using FsCheck.Xunit;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

public sealed class MessageJsonRoundTripTests
{
    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void WriteThenRead_ValidMessage_GivesAnEqualMessage(ProactiveMessage message)
    {
        var json = MessageJson.WriteMessageUtf8(message);

        var result = MessageJson.ReadMessage(json);

        Assert.True(result.Succeeded, $"{ProblemAssert.Describe(result.Problems)}\n{Encoding.UTF8.GetString(json)}");
        Assert.Equal(message, result.Value);
    }

    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void Write_ReadMessage_IsStable(ProactiveMessage message)
    {
        var written = MessageJson.WriteMessage(message);

        var rewritten = MessageJson.WriteMessage(MessageJson.ReadMessage(written).GetValueOrThrow());

        Assert.Equal(written, rewritten);
    }

    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void WriteThenRead_ValidCatalog_GivesAnEqualCatalog(CatalogDocument catalog)
    {
        var json = MessageJson.WriteCatalogUtf8(catalog);

        var result = MessageJson.ReadCatalog(json);

        Assert.True(result.Succeeded, $"{ProblemAssert.Describe(result.Problems)}\n{Encoding.UTF8.GetString(json)}");
        Assert.Equal(catalog, result.Value);
    }

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void WriteThenRead_CatalogWhoseHostDeclaresTheSameFields_GivesAnEqualCatalog(CatalogDocument catalog)
    {
        var host = catalog.Workspace.ExtendFields(ProactiveMessaging.Conditions.FieldCatalog.Default).GetValueOrThrow();
        var options = new JsonFormatOptions { Validator = new MessageValidator(fields: host) };

        var result = MessageJson.ReadCatalog(MessageJson.WriteCatalogUtf8(catalog), options);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(catalog, result.Value);
        Assert.Same(host, result.Value.Workspace.ExtendFields(host).Value);
    }

    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void Write_ReadCatalog_IsStable(CatalogDocument catalog)
    {
        var written = MessageJson.WriteCatalog(catalog);

        var rewritten = MessageJson.WriteCatalog(MessageJson.ReadCatalog(written).GetValueOrThrow());

        Assert.Equal(written, rewritten);
    }

    [Property(MaxTest = 200, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void Write_Message_IsInTheCanonicalLayout(ProactiveMessage message)
    {
        var json = MessageJson.WriteMessage(message);

        Assert.StartsWith("{\n  \"formatVersion\": 1,\n  \"id\": ", json, StringComparison.Ordinal);
        Assert.EndsWith("\n}\n", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        Assert.Equal(json, Encoding.UTF8.GetString(MessageJson.WriteMessageUtf8(message)));
    }

    [Fact]
    public void Write_CompactDocument_GivesTheCanonicalForm()
    {
        var compact = System.Text.Json.Nodes.JsonNode.Parse(MessageJsonReadTests.Valid)!.ToJsonString();

        var written = MessageJson.WriteMessage(MessageJson.ReadMessage(compact).GetValueOrThrow());

        Assert.Equal(MessageJsonReadTests.Valid + "\n", written);
    }

    [Fact]
    public void Write_PropertiesInAnotherOrder_GivesTheCanonicalOrder()
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        var reversed = new System.Text.Json.Nodes.JsonObject();
        foreach (var property in root.Reverse().ToList())
        {
            root.Remove(property.Key);
            reversed[property.Key] = property.Value;
        }

        var written = MessageJson.WriteMessage(MessageJson.ReadMessage(reversed.ToJsonString()).GetValueOrThrow());

        Assert.Equal(MessageJsonReadTests.Valid + "\n", written);
    }
}
