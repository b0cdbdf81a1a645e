using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Json.Schema;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>The JSON Schemas in <c>docs/schema/</c> accept every example and everything the writer emits, and refuse bad documents.</summary>
public sealed class JsonSchemaTests
{
    private static readonly string SchemaDirectory = Path.Combine(AppContext.BaseDirectory, "docs", "schema");
    private static readonly (JsonSchema Message, JsonSchema Catalog) Schemas = LoadSchemas();
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    public static TheoryData<string> MessageExamples() => GoldenFileTests.MessageExamples();

    public static TheoryData<string> CatalogExamples() => GoldenFileTests.CatalogExamples();

    private static (JsonSchema Message, JsonSchema Catalog) LoadSchemas()
    {
        // A registry of our own, so that the catalog's $ref finds the message schema without the global registry.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var message = JsonSchema.FromFile(Path.Combine(SchemaDirectory, "message.v1.schema.json"), options);
        var catalog = JsonSchema.FromFile(Path.Combine(SchemaDirectory, "catalog.v1.schema.json"), options);
        return (message, catalog);
    }

    private static EvaluationResults Evaluate(JsonSchema schema, string json, EvaluationOptions? options = null)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, options ?? Evaluation);
    }

    private static string Errors(EvaluationResults results) =>
        string.Join(
            "\n",
            (results.Details ?? []).Prepend(results)
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {d.EvaluationPath}: {e.Value}")));

    private static void AssertValid(JsonSchema schema, string json)
    {
        if (!Evaluate(schema, json).IsValid)
        {
            Assert.Fail($"{Errors(Evaluate(schema, json, Detailed))}\n{json}");
        }
    }

    private static void AssertInvalid(JsonSchema schema, string json) =>
        Assert.False(Evaluate(schema, json).IsValid, $"The schema accepted a document that the format refuses:\n{json}");

    private static string WithExperiment(string experiment) => EditMessage(root => root["experiment"] = JsonNode.Parse(experiment));

    private static string EditMessage(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    // --- Every example, and everything written, is valid

    [Theory]
    [MemberData(nameof(MessageExamples))]
    public void MessageSchema_AcceptsTheExample(string file) =>
        AssertValid(Schemas.Message, File.ReadAllText(Path.Combine(GoldenFileTests.ExamplesDirectory, file)));

    [Theory]
    [MemberData(nameof(CatalogExamples))]
    public void CatalogSchema_AcceptsTheExample(string file) =>
        AssertValid(Schemas.Catalog, File.ReadAllText(Path.Combine(GoldenFileTests.ExamplesDirectory, file)));

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void MessageSchema_AcceptsEveryWrittenMessage(ProactiveMessage message) =>
        AssertValid(Schemas.Message, MessageJson.WriteMessage(message));

    [Property(MaxTest = 30, Arbitrary = new[] { typeof(MessageArbitraries) })]
    public void CatalogSchema_AcceptsEveryWrittenCatalog(CatalogDocument catalog) =>
        AssertValid(Schemas.Catalog, MessageJson.WriteCatalog(catalog));

    [Fact]
    public void MessageSchema_RefusesACatalogAndCatalogSchemaRefusesAMessage()
    {
        var catalog = File.ReadAllText(Path.Combine(GoldenFileTests.ExamplesDirectory, "catalog.json"));

        AssertInvalid(Schemas.Message, catalog);
        AssertInvalid(Schemas.Catalog, MessageJsonReadTests.Valid);
    }

    // --- Bad documents are refused, as the reader refuses them

    public static TheoryData<string, string> BadMessages() => new()
    {
        // Versions and unknown properties.
        { "no formatVersion", EditMessage(root => root.Remove("formatVersion")) },
        { "formatVersion 2", EditMessage(root => root["formatVersion"] = 2) },
        { "unknown root property", EditMessage(root => root["color"] = "red") },
        { "$type at the root", EditMessage(root => root["$type"] = "ProactiveMessaging.Model.ProactiveMessage") },
        { "unknown reply property", EditMessage(root => root["reply"]!["extra"] = 1) },
        { "unknown text property", EditMessage(root => root["reply"]!["text"]!["extra"] = 1) },
        { "unknown rules property", EditMessage(root => root["rules"]!["extra"] = 1) },
        { "unknown condition property", EditMessage(root => root["rules"]!["conditions"]!["all"]![0]!["extra"] = 1) },
        { "unknown metrics property", EditMessage(root => root["metrics"]!["extra"] = 1) },

        // The reply discriminator.
        { "reply type as a .NET type name", EditMessage(root => root["reply"]!["type"] = "ProactiveMessaging.Model.BotReply, ProactiveMessaging.Core") },
        { "reply without type", EditMessage(root => root["reply"]!.AsObject().Remove("type")) },
        { "agent reply with a bot answer", EditMessage(root => root["reply"]!["answerId"] = "answer-1") },
        { "bot reply asking for a name", EditMessage(root => root["reply"]!["type"] = "bot") },
        { "follow-up without a question", EditMessage(root => { root["reply"]!["askForName"] = false; root["reply"]!["askForEmail"] = false; }) },

        // Types, enums and formats.
        { "string where a number belongs", EditMessage(root => root["priority"] = "10") },
        { "number where a string belongs", EditMessage(root => root["name"] = 5) },
        { "unknown timing", EditMessage(root => root["timing"] = "always") },
        { "unknown operator", EditMessage(root => root["rules"]!["conditions"]!["all"]![0]!["operator"] = "equals") },
        { "malformed instant", EditMessage(root => root["updatedAt"] = "2026-11-20 09:30") },
        { "instant with an offset", EditMessage(root => root["updatedAt"] = "2026-11-20T09:30:00+01:00") },
        { "negative count", EditMessage(root => root["metrics"]!["sent"] = -1) },
        { "version 0", EditMessage(root => root["version"] = 0) },
        { "malformed id", EditMessage(root => root["id"] = "checkout help") },
        { "malformed variant language", EditMessage(root => root["reply"]!["text"]!["variants"]!["portuguese"] = "Oi") },
        { "empty variant", EditMessage(root => root["reply"]!["text"]!["variants"]!["pt-BR"] = "") },
        { "tag with a space", EditMessage(root => root["rules"]!["tags"]![0] = "check out") },

        // Conditions.
        { "group with all and any", EditMessage(root => root["rules"]!["conditions"]!["any"] = JsonNode.Parse("""[{"field": "a", "operator": "isSet"}]""")) },
        { "empty group", EditMessage(root => root["rules"]!["conditions"] = JsonNode.Parse("""{"all": []}""")) },
        { "condition as the root", EditMessage(root => root["rules"]!["conditions"] = JsonNode.Parse("""{"field": "a", "operator": "isSet"}""")) },
        { "condition without operator", EditMessage(root => root["rules"]!["conditions"]!["all"]![0]!.AsObject().Remove("operator")) },
        { "range without max", EditMessage(root => root["rules"]!["conditions"]!["all"]![1]!["value"] = JsonNode.Parse("""{"min": 1}""")) },
        { "list of booleans", EditMessage(root => root["rules"]!["conditions"]!["all"]![1]!["value"] = JsonNode.Parse("[true]")) },

        // Experiments.
        { "unknown experiment property", WithExperiment("""{"rollout": 50}""") },
        { "rollout over 100", WithExperiment("""{"rolloutPercent": 100.5}""") },
        { "rollout as a string", WithExperiment("""{"rolloutPercent": "50"}""") },
        { "rollout in steps finer than 0.01", WithExperiment("""{"rolloutPercent": 12.345}""") },
        { "holdout of 100", WithExperiment("""{"holdoutPercent": 100}""") },
        { "salt outside printable ASCII", WithExperiment("""{"salt": "sal\u00e9"}""") },
        { "one variant", WithExperiment("""{"variants": [{"id": "a", "weight": 100, "text": {"default": "A"}}]}""") },
        { "variant named control", WithExperiment("""{"variants": [{"id": "control", "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""") },
        { "variant of weight 0", WithExperiment("""{"variants": [{"id": "a", "weight": 0, "text": {"default": "A"}}, {"id": "b", "weight": 100, "text": {"default": "B"}}]}""") },
        { "variant without text", WithExperiment("""{"variants": [{"id": "a", "weight": 50}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""") },
        { "live with an empty variant text", WithExperiment("""{"variants": [{"id": "a", "weight": 50, "text": {"default": ""}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""") },
        { "goal with neither event nor page", WithExperiment("""{"goal": {"window": "P7D"}}""") },
        { "goal with event and page", WithExperiment("""{"goal": {"event": "purchase", "page": {"field": "page.path", "operator": "is", "value": "/thanks"}}}""") },
        { "page goal on the title", WithExperiment("""{"goal": {"page": {"field": "page.title", "operator": "is", "value": "Thanks"}}}""") },
        { "goal window in months", WithExperiment("""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/thanks"}, "window": "P1M"}}""") },
        { "goal window of 0 seconds", WithExperiment("""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/thanks"}, "window": 0}}""") },

        // Status and content that disagree.
        { "live without publishedAt", EditMessage(root => root.Remove("publishedAt")) },
        { "live without channel", EditMessage(root => root.Remove("channelId")) },
        { "live with an empty text", EditMessage(root => root["reply"]!["text"]!["default"] = "") },
        { "live without conditions", EditMessage(root => root["rules"]!.AsObject().Remove("conditions")) },
        { "live asking without follow-up", EditMessage(root => root["reply"]!.AsObject().Remove("followUp")) },
        { "live with a blank name", EditMessage(root => root["name"] = "  ") },
        { "error without problems", EditMessage(root => root["status"] = "error") },
        { "draft with problems", EditMessage(root => { root["status"] = "draft"; root["problems"] = JsonNode.Parse("""[{"code": "c", "message": "m", "path": "$", "kind": "unmet"}]"""); }) },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void MessageSchema_RefusesABadDocument(string reason, string json)
    {
        Assert.NotNull(reason);
        AssertInvalid(Schemas.Message, json);
        Assert.False(MessageJson.ReadMessage(json).Succeeded, $"The reader accepted: {reason}");
    }

    [Fact]
    public void MessageSchema_AcceptsALiveBotWithoutAgentProperties()
    {
        var json = EditMessage(root =>
        {
            var reply = root["reply"]!.AsObject();
            reply["type"] = "bot";
            reply.Remove("askForName");
            reply.Remove("askForEmail");
            reply.Remove("followUp");
            reply["answerId"] = "answer-1";
        });

        AssertValid(Schemas.Message, json);
    }

    [Fact]
    public void MessageSchema_AcceptsADraftWithAnEmptyVariantText()
    {
        var json = EditMessage(root =>
        {
            root["status"] = "draft";
            root["experiment"] = JsonNode.Parse("""{"rolloutPercent": 33.33, "variants": [{"id": "a", "weight": 33.34, "text": {"default": ""}}, {"id": "b", "weight": 66.66, "text": {"default": "B"}}], "goal": {"page": {"field": "page.url", "operator": "contains", "value": "/thanks"}, "window": 86400}}""");
        });

        AssertValid(Schemas.Message, json);
        Assert.True(MessageJson.ReadMessage(json).Succeeded);
    }

    [Fact]
    public void MessageSchema_AcceptsAnIncompleteDraft()
    {
        var json = EditMessage(root =>
        {
            root["status"] = "draft";
            root.Remove("channelId");
            root.Remove("publishedAt");
            root["name"] = "";
            root["reply"]!["text"]!["default"] = "";
            root["reply"]!.AsObject().Remove("followUp");
            root["rules"]!.AsObject().Remove("conditions");
        });

        AssertValid(Schemas.Message, json);
        Assert.True(MessageJson.ReadMessage(json).Succeeded);
    }

    public static TheoryData<string, string> BadCatalogs()
    {
        static string Edit(Action<JsonObject> edit, string file = "catalog.json")
        {
            var root = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenFileTests.ExamplesDirectory, file)))!.AsObject();
            edit(root);
            return root.ToJsonString();
        }

        static string EditDeclarations(Action<JsonObject> edit) => Edit(root => edit(root["workspace"]!.AsObject()), "catalog-declared-fields.json");

        return new()
        {
            { "no formatVersion", Edit(root => root.Remove("formatVersion")) },
            { "unknown root property", Edit(root => root["extra"] = 1) },
            { "unknown workspace property", Edit(root => root["workspace"]!["extra"] = 1) },
            { "no workspace", Edit(root => root.Remove("workspace")) },
            { "malformed workspace id", Edit(root => root["workspace"]!["id"] = "acme store") },
            { "formatVersion in a message", Edit(root => root["messages"]![0]!["formatVersion"] = 1) },
            { "unknown message property", Edit(root => root["messages"]![1]!["extra"] = 1) },
            { "unknown property deep in a message", Edit(root => root["messages"]![1]!["reply"]!["extra"] = 1) },
            { "message of unknown status", Edit(root => root["messages"]![2]!["status"] = "archived") },
            { "null message", Edit(root => root["messages"]!.AsArray().Add(null)) },

            // Declared custom attributes and events.
            { "custom attribute with a malformed name", EditDeclarations(w => w["customAttributes"]![0]!["name"] = "9lives") },
            { "custom attribute of an unknown type", EditDeclarations(w => w["customAttributes"]![3]!["type"] = "float") },
            { "custom attribute without a type", EditDeclarations(w => w["customAttributes"]![3]!.AsObject().Remove("type")) },
            { "enum attribute without allowed values", EditDeclarations(w => w["customAttributes"]![0]!.AsObject().Remove("allowedValues")) },
            { "enum attribute with an empty allowed value", EditDeclarations(w => w["customAttributes"]![0]!["allowedValues"]![1] = "") },
            { "text attribute with allowed values", EditDeclarations(w => w["customAttributes"]![1]!["allowedValues"] = JsonNode.Parse("""["a"]""")) },
            { "number attribute with a case mode", EditDeclarations(w => w["customAttributes"]![3]!["ignoreCase"] = true) },
            { "unknown custom attribute property", EditDeclarations(w => w["customAttributes"]![3]!["description"] = "x") },
            { "event with a malformed name", EditDeclarations(w => w["events"]![0] = "added-to-cart") },
            { "event declared twice", EditDeclarations(w => w["events"]!.AsArray().Add("couponApplied")) },
            { "event as an object", EditDeclarations(w => w["events"]![0] = JsonNode.Parse("""{"name": "addedToCart"}""")) },
        };
    }

    [Theory]
    [MemberData(nameof(BadCatalogs))]
    public void CatalogSchema_RefusesABadDocument(string reason, string json)
    {
        Assert.NotNull(reason);
        AssertInvalid(Schemas.Catalog, json);
        Assert.False(MessageJson.ReadCatalog(json).Succeeded, $"The reader accepted: {reason}");
    }
}
