using System.Collections.Immutable;
using System.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>
/// A catalog document declares its custom attributes and events in its workspace, so that a
/// catalog whose conditions test <c>custom.*</c> and <c>event.*</c> reads without host code.
/// </summary>
public sealed class CatalogDeclarationsJsonTests
{
    private const string Declarations = """
        "customAttributes": [
          {"name": "plan", "type": "enum", "allowedValues": ["free", "pro", "enterprise"]},
          {"name": "company", "type": "text", "ignoreCase": false},
          {"name": "cartValue", "type": "number"},
          {"name": "segments", "type": "list"}
        ],
        "events": ["addedToCart", "checkoutStarted"]
        """;

    private const string Conditions = """
        {"all": [
          {"field": "custom.plan", "operator": "is", "value": "pro"},
          {"field": "custom.cartValue", "operator": "atLeast", "value": 50},
          {"field": "event.addedToCart.count", "operator": "atLeast", "value": 2},
          {"field": "event.checkoutStarted.occurred", "operator": "isFalse"}
        ]}
        """;

    private static string Catalog(string declarations, string conditions = Conditions) => $$"""
        {
          "formatVersion": 1,
          "workspace": {"id": "acme"{{(declarations.Length == 0 ? string.Empty : ", " + declarations)}} },
          "messages": [
            {
              "id": "upgrade", "name": "Upgrade", "channelId": "web-main",
              "reply": {"type": "agent", "text": {"default": "Ready for Enterprise?"} },
              "rules": {"conditions": {{conditions}} },
              "timing": "anytime", "frequency": "once", "status": "live",
              "metrics": {"sent": 0, "opened": 0, "replied": 0},
              "updatedAt": "2026-11-20T09:30:00Z", "publishedAt": "2026-11-20T09:30:00Z", "version": 1
            }
          ]
        }
        """;

    private static string Attributes(params string[] items) => $$"""
        "customAttributes": [{{string.Join(", ", items)}}]
        """;

    private static ValidationResult<CatalogDocument> Read(string json, JsonFormatOptions? options = null) => MessageJson.ReadCatalog(json, options);

    private static void Refused(string json, string code, string path, JsonFormatOptions? options = null)
    {
        var result = Read(json, options);
        Assert.False(result.Succeeded, "The catalog was read, but it should have been refused.");
        ProblemAssert.Contains(result.Problems, code, path, ProblemKind.Malformed);
    }

    private static JsonFormatOptions HostDeclaring(Func<FieldCatalog, FieldCatalog> declare) =>
        new() { Validator = new MessageValidator(fields: declare(FieldCatalog.Default)) };

    // --- Self-contained catalogs

    [Fact]
    public void ReadCatalog_DeclaredAttributesAndEvents_ValidateTheirConditionsWithoutHostCode()
    {
        var result = Read(Catalog(Declarations));

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        var workspace = result.Value.Workspace;
        Assert.Equal(
            [
                new CustomAttributeDeclaration("plan", FieldType.Enum) { AllowedValues = ["free", "pro", "enterprise"] },
                new CustomAttributeDeclaration("company", FieldType.Text) { IgnoreCase = false },
                new CustomAttributeDeclaration("cartValue", FieldType.Number),
                new CustomAttributeDeclaration("segments", FieldType.List),
            ],
            workspace.CustomAttributes);
        Assert.Equal(["addedToCart", "checkoutStarted"], workspace.Events);
        Assert.Equal(4, result.Value.Messages[0].Rules.Conditions!.Items.Length);
    }

    [Fact]
    public async Task ReadCatalog_Declarations_ReadStreamedLikeFromBytes()
    {
        var json = Catalog(Declarations);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var streamed = await MessageJson.ReadCatalogAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Read(json).Value, streamed.Value);
    }

    [Fact]
    public void ReadCatalog_WithoutTheDeclarations_ReportsTheFieldsUnknown()
    {
        var result = Read(Catalog(string.Empty));

        Assert.False(result.Succeeded);
        Assert.Equal(
            ["$.messages[0].rules.conditions.all[0].field", "$.messages[0].rules.conditions.all[1].field", "$.messages[0].rules.conditions.all[2].field", "$.messages[0].rules.conditions.all[3].field"],
            result.Problems.Where(p => p.Code == ConditionProblemCodes.FieldUnknown).Select(p => p.Path));
    }

    [Fact]
    public void ReadCatalog_ValueOutsideTheDeclaredEnum_IsReportedAtTheCondition() =>
        Refused(
            Catalog(Declarations, """{"all": [{"field": "custom.plan", "operator": "is", "value": "gold"}]}"""),
            ConditionProblemCodes.ValueNotAllowed,
            "$.messages[0].rules.conditions.all[0].value");

    [Fact]
    public void ReadCatalog_DeclaredCaseMode_IsTheFieldsCaseMode()
    {
        var workspace = Read(Catalog(Declarations)).GetValueOrThrow().Workspace;

        var fields = workspace.ExtendFields(FieldCatalog.Default).GetValueOrThrow();

        Assert.True(fields.TryGetField("custom.company", out var company));
        Assert.False(company.IgnoreCase);
        Assert.True(fields.TryGetField("custom.segments", out var segments));
        Assert.True(segments.IgnoreCase);
        Assert.True(fields.TryGetField("event.checkoutStarted.occurred", out _));
    }

    [Fact]
    public void ReadMessage_CustomAttribute_NeedsTheHostBecauseAMessageDocumentHasNoWorkspace()
    {
        var message = MessageJson.WriteMessage(Read(Catalog(Declarations)).GetValueOrThrow().Messages[0]);

        Assert.False(MessageJson.ReadMessage(message).Succeeded);
        var host = HostDeclaring(f => f.WithCustomAttribute("plan", FieldType.Enum, ["free", "pro", "enterprise"]).WithCustomAttribute("cartValue", FieldType.Number).WithEvent("addedToCart").WithEvent("checkoutStarted"));
        Assert.True(MessageJson.ReadMessage(message, host).Succeeded);
    }

    // --- The host's own declarations

    [Fact]
    public void ReadCatalog_HostDeclaresTheSameAttributesAndEvents_IsRead()
    {
        var options = HostDeclaring(f => f
            .WithCustomAttribute("plan", FieldType.Enum, ["free", "pro", "enterprise"])
            .WithCustomAttribute("company", FieldType.Text, ignoreCase: false)
            .WithCustomAttribute("cartValue", FieldType.Number, ignoreCase: false)
            .WithEvent("addedToCart"));

        var result = Read(Catalog(Declarations), options);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(4, result.Value.Workspace.CustomAttributes.Length);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("case")]
    [InlineData("values")]
    [InlineData("order")]
    public void ReadCatalog_HostDeclaresAnAttributeDifferently_ReportsTheConflict(string difference)
    {
        var options = HostDeclaring(f => difference switch
        {
            "type" => f.WithCustomAttribute("company", FieldType.Number),
            "case" => f.WithCustomAttribute("company", FieldType.Text, ignoreCase: true),
            "values" => f.WithCustomAttribute("plan", FieldType.Enum, ["free", "pro"]),
            _ => f.WithCustomAttribute("plan", FieldType.Enum, ["pro", "free", "enterprise"]),
        });

        Refused(Catalog(Declarations), ConditionProblemCodes.DeclarationConflict, difference is "type" or "case" ? "$.workspace.customAttributes[1]" : "$.workspace.customAttributes[0]", options);
    }

    // --- Bad declarations, each at its path

    [Theory]

    // Names.
    [InlineData("""{"name": "9lives", "type": "text"}""", ConditionProblemCodes.DeclarationNameInvalid, "$.workspace.customAttributes[0].name")]
    [InlineData("""{"name": "", "type": "text"}""", ConditionProblemCodes.DeclarationNameInvalid, "$.workspace.customAttributes[0].name")]
    [InlineData("""{"name": "a.b", "type": "text"}""", ConditionProblemCodes.DeclarationNameInvalid, "$.workspace.customAttributes[0].name")]
    [InlineData("""{"name": "x12345678901234567890123456789012345678901234567890123456789012345", "type": "text"}""", ConditionProblemCodes.DeclarationNameInvalid, "$.workspace.customAttributes[0].name")]
    [InlineData("""{"name": "plan", "type": "text"}, {"name": "plan", "type": "number"}""", ConditionProblemCodes.DeclarationDuplicate, "$.workspace.customAttributes[1].name")]

    // Types and case modes.
    [InlineData("""{"name": "plan", "type": "float"}""", JsonProblemCodes.UnknownValue, "$.workspace.customAttributes[0].type")]
    [InlineData("""{"name": "plan", "type": "Text"}""", JsonProblemCodes.UnknownValue, "$.workspace.customAttributes[0].type")]
    [InlineData("""{"name": "plan", "type": "number", "ignoreCase": true}""", JsonProblemCodes.NotApplicable, "$.workspace.customAttributes[0].ignoreCase")]
    [InlineData("""{"name": "plan", "type": "enum", "ignoreCase": false, "allowedValues": ["a"]}""", JsonProblemCodes.NotApplicable, "$.workspace.customAttributes[0].ignoreCase")]

    // Allowed values.
    [InlineData("""{"name": "plan", "type": "enum"}""", ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues")]
    [InlineData("""{"name": "plan", "type": "enum", "allowedValues": []}""", ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues")]
    [InlineData("""{"name": "plan", "type": "enum", "allowedValues": ["pro", "PRO"]}""", ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues[1]")]
    [InlineData("""{"name": "plan", "type": "enum", "allowedValues": [""]}""", ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues[0]")]
    [InlineData("""{"name": "plan", "type": "text", "allowedValues": ["a"]}""", ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues")]
    [InlineData("""{"name": "plan", "type": "enum", "allowedValues": ["a", null]}""", JsonProblemCodes.WrongType, "$.workspace.customAttributes[0].allowedValues[1]")]
    [InlineData("""{"name": "plan", "type": "enum", "allowedValues": "a"}""", JsonProblemCodes.WrongType, "$.workspace.customAttributes[0].allowedValues")]

    // The JSON shape.
    [InlineData("""{"type": "text"}""", JsonProblemCodes.MissingProperty, "$.workspace.customAttributes[0].name")]
    [InlineData("""{"name": "plan"}""", JsonProblemCodes.MissingProperty, "$.workspace.customAttributes[0].type")]
    [InlineData("""{"name": "plan", "type": "text", "description": "x"}""", JsonProblemCodes.UnknownProperty, "$.workspace.customAttributes[0].description")]
    [InlineData("""null""", JsonProblemCodes.WrongType, "$.workspace.customAttributes[0]")]
    [InlineData("""null, {"name": "9", "type": "text"}""", ConditionProblemCodes.DeclarationNameInvalid, "$.workspace.customAttributes[1].name")]
    [InlineData("""{"name": "plan", "type": "text", "ignoreCase": "yes"}""", JsonProblemCodes.WrongType, "$.workspace.customAttributes[0].ignoreCase")]
    public void ReadCatalog_BadCustomAttribute_IsReportedAtItsPath(string attributes, string code, string path) =>
        Refused(Catalog(Attributes(attributes), """{"all": [{"field": "page.path", "operator": "is", "value": "/"}]}"""), code, path);

    [Theory]
    [InlineData("""["add-to-cart"]""", ConditionProblemCodes.DeclarationNameInvalid, "$.workspace.events[0]")]
    [InlineData("""["cart", "ok", "cart"]""", ConditionProblemCodes.DeclarationDuplicate, "$.workspace.events[2]")]
    [InlineData("""["cart", null]""", JsonProblemCodes.WrongType, "$.workspace.events[1]")]
    [InlineData("""[{"name": "cart"}]""", JsonProblemCodes.WrongType, "$.workspace.events[0]")]
    [InlineData("""{"cart": true}""", JsonProblemCodes.WrongType, "$.workspace.events")]
    public void ReadCatalog_BadEvent_IsReportedAtItsPath(string events, string code, string path) =>
        Refused(Catalog($"\"events\": {events}", """{"all": [{"field": "page.path", "operator": "is", "value": "/"}]}"""), code, path);

    [Fact]
    public void ReadCatalog_MoreDeclarationsThanTheBound_ReportsTooMany()
    {
        var attributes = Attributes([.. Enumerable.Range(0, 257).Select(i => $$"""{"name": "a{{i}}", "type": "number"}""")]);
        var events = "\"events\": [" + string.Join(", ", Enumerable.Range(0, 257).Select(i => $"\"e{i}\"")) + "]";

        var result = Read(Catalog(attributes + ", " + events, """{"all": [{"field": "page.path", "operator": "is", "value": "/"}]}"""));

        Assert.False(result.Succeeded);
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.DeclarationTooMany, "$.workspace.customAttributes");
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.DeclarationTooMany, "$.workspace.events");
    }

    [Fact]
    public void ReadCatalog_TheMostDeclarations_AreRead()
    {
        var attributes = Attributes([.. Enumerable.Range(0, 256).Select(i => $$"""{"name": "a{{i}}", "type": "enum", "allowedValues": [{{string.Join(", ", Enumerable.Range(0, 256).Select(v => $"\"v{v}\""))}}]}""")]);
        var events = "\"events\": [" + string.Join(", ", Enumerable.Range(0, 256).Select(i => $"\"e{i}\"")) + "]";

        var result = Read(Catalog(attributes + ", " + events, """{"all": [{"field": "custom.a255", "operator": "is", "value": "v255"}, {"field": "event.e255.occurred", "operator": "isTrue"}]}"""));

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
    }

    [Fact]
    public void ReadCatalog_BadDeclaration_FailsTheCatalogEvenWhenSkippingInvalidMessages()
    {
        var json = Catalog(Attributes("""{"name": "plan", "type": "enum"}"""), """{"all": [{"field": "page.path", "operator": "is", "value": "/"}]}""");

        Refused(json, ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues", new JsonFormatOptions { SkipInvalidMessages = true });
    }

    [Fact]
    public void ReadCatalog_BadDeclarationAndAMessageUsingIt_ReportsBoth()
    {
        var result = Read(Catalog(Attributes("""{"name": "plan", "type": "enum", "allowedValues": []}"""), """{"all": [{"field": "custom.plan", "operator": "is", "value": "pro"}]}"""));

        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.workspace.customAttributes[0].allowedValues");
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.FieldUnknown, "$.messages[0].rules.conditions.all[0].field");
    }

    // --- Writing

    [Fact]
    public void WriteCatalog_Declarations_AreInTheCanonicalForm()
    {
        var catalog = new CatalogDocument(
            new WorkspaceSettings("acme")
            {
                CustomAttributes =
                [
                    new CustomAttributeDeclaration("segments", FieldType.List),
                    new CustomAttributeDeclaration("plan", FieldType.Enum) { AllowedValues = ["pro", "free"], IgnoreCase = false },
                    new CustomAttributeDeclaration("cartValue", FieldType.Number) { IgnoreCase = false },
                ],
                Events = ["checkoutStarted", "addedToCart"],
            },
            []);

        var json = MessageJson.WriteCatalog(catalog);

        Assert.Equal(
            """
            {
              "formatVersion": 1,
              "workspace": {
                "id": "acme",
                "customAttributes": [
                  {
                    "name": "segments",
                    "type": "list",
                    "ignoreCase": true
                  },
                  {
                    "name": "plan",
                    "type": "enum",
                    "allowedValues": [
                      "pro",
                      "free"
                    ]
                  },
                  {
                    "name": "cartValue",
                    "type": "number"
                  }
                ],
                "events": [
                  "checkoutStarted",
                  "addedToCart"
                ]
              },
              "messages": []
            }

            """,
            json);
        Assert.Equal(catalog, MessageJson.ReadCatalog(json).Value);
    }

    [Fact]
    public void ReadCatalog_Declarations_WrittenAgainAreCanonical()
    {
        var read = Read(Catalog(Declarations)).GetValueOrThrow();

        var written = MessageJson.WriteCatalog(read);

        Assert.Equal(read, MessageJson.ReadCatalog(written).Value);
        Assert.Equal(written, MessageJson.WriteCatalog(MessageJson.ReadCatalog(written).GetValueOrThrow()));
        Assert.Contains("\"ignoreCase\": true", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCatalog_WithoutDeclarations_HasNone()
    {
        var workspace = Read(MessageJsonReadTests.ValidCatalog).GetValueOrThrow().Workspace;

        Assert.Equal(ImmutableArray<CustomAttributeDeclaration>.Empty, workspace.CustomAttributes);
        Assert.Empty(workspace.Events);
        Assert.DoesNotContain("customAttributes", MessageJson.WriteCatalog(new CatalogDocument(workspace, [])), StringComparison.Ordinal);
    }
}
