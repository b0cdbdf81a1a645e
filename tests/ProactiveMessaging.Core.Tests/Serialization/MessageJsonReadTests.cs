using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

public sealed class MessageJsonReadTests
{
    /// <summary>A complete Live agent message in the canonical form.</summary>
    internal const string Valid = """
        {
          "formatVersion": 1,
          "id": "checkout-help",
          "name": "Checkout help",
          "channelId": "web-main",
          "reply": {
            "type": "agent",
            "text": {
              "default": "Need help paying?",
              "variants": {
                "pt-BR": "Precisa de ajuda para pagar?"
              }
            },
            "askForName": true,
            "askForEmail": true,
            "followUp": {
              "default": "Thanks! An agent will be with you shortly."
            }
          },
          "rules": {
            "conditions": {
              "all": [
                {
                  "field": "page.path",
                  "operator": "startsWith",
                  "value": "/checkout"
                },
                {
                  "field": "page.timeOnPage",
                  "operator": "atLeast",
                  "value": 30
                }
              ]
            },
            "tags": [
              "checkout",
              "proactive"
            ]
          },
          "timing": "businessHours",
          "frequency": "oncePerVisit",
          "priority": 10,
          "status": "live",
          "metrics": {
            "sent": 120,
            "opened": 45,
            "replied": 12
          },
          "updatedAt": "2026-11-20T09:30:00Z",
          "publishedAt": "2026-11-20T09:30:00Z",
          "version": 3
        }
        """;

    private static readonly JsonFormatOptions Options = new();

    private static ValidationResult<ProactiveMessage> Read(string json, JsonFormatOptions? options = null) => MessageJson.ReadMessage(json, options);

    /// <summary>The valid document with one piece of its text replaced.</summary>
    private static string Replace(string find, string replacement, string json = Valid)
    {
        Assert.Contains(find, json, StringComparison.Ordinal);
        return json.Replace(find, replacement, StringComparison.Ordinal);
    }

    /// <summary>The valid document with one change made to its tree.</summary>
    private static string Edit(Action<JsonObject> edit, string json = Valid)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static JsonObject At(JsonObject root, string dotted)
    {
        JsonNode node = root;
        foreach (var part in dotted.Split('.'))
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part]!;
        }

        return node.AsObject();
    }

    private static Problem Refused(ValidationResult<ProactiveMessage> result, string code, string path)
    {
        Assert.False(result.Succeeded, "The document was read, but it should have been refused.");
        Assert.Null(result.Value);
        return ProblemAssert.Contains(result.Problems, code, path, ProblemKind.Malformed);
    }

    private static Problem RefusedOnly(ValidationResult<ProactiveMessage> result, string code, string path)
    {
        Assert.False(result.Succeeded, "The document was read, but it should have been refused.");
        return ProblemAssert.Single(result.Problems, code, ProblemKind.Malformed, path);
    }

    // --- The valid document

    [Fact]
    public void ReadMessage_ValidDocument_ReturnsTheMessage()
    {
        var result = Read(Valid);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        var message = result.Value;
        Assert.Equal(("checkout-help", "Checkout help", "web-main", MessageStatus.Live, 3L), (message.Id, message.Name, message.ChannelId, message.Status, message.Version));
        var reply = Assert.IsType<AgentReply>(message.Reply);
        Assert.True(reply.AskForName && reply.AskForEmail);
        Assert.Equal("Precisa de ajuda para pagar?", reply.Text.Resolve("pt-BR"));
        Assert.Equal(new MessageMetrics(120, 45, 12), message.Metrics);
        Assert.Equal(["checkout", "proactive"], message.Rules.Tags);
        Assert.Equal(2, message.Rules.Conditions!.Items.Length);
    }

    [Fact]
    public void ReadMessage_Utf8Bytes_ReadLikeTheString() =>
        Assert.Equal(Read(Valid).Value, MessageJson.ReadMessage(Encoding.UTF8.GetBytes(Valid)).Value);

    [Fact]
    public void ReadMessage_WithByteOrderMark_IsAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();

        Assert.True(MessageJson.ReadMessage(bytes).Succeeded);
        Assert.True(Read("\uFEFF" + Valid).Succeeded);
    }

    [Fact]
    public void ReadMessage_IncompleteDraft_IsRead()
    {
        var json = Edit(root =>
        {
            root["status"] = "draft";
            root.Remove("channelId");
            root.Remove("publishedAt");
            At(root, "reply.text")["default"] = "";
            At(root, "rules").Remove("conditions");
        });

        var result = Read(json);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Null(result.Value.ChannelId);
    }

    // --- Duplicate property names

    [Fact]
    public void ReadMessage_DuplicateRootProperty_ReportsDuplicatePropertyAtIt() =>
        RefusedOnly(Read(Replace("\"id\": \"checkout-help\",", "\"id\": \"checkout-help\", \"id\": \"other\",")), JsonProblemCodes.DuplicateProperty, "$.id");

    [Fact]
    public void ReadMessage_DuplicateNestedProperty_ReportsDuplicatePropertyAtIt() =>
        RefusedOnly(Read(Replace("\"type\": \"agent\",", "\"type\": \"agent\", \"type\": \"bot\",")), JsonProblemCodes.DuplicateProperty, "$.reply.type");

    [Fact]
    public void ReadMessage_DuplicatePropertyInAnArrayItem_ReportsItsPath() =>
        RefusedOnly(Read(Replace("\"field\": \"page.timeOnPage\",", "\"field\": \"page.timeOnPage\", \"field\": \"page.url\",")), JsonProblemCodes.DuplicateProperty, "$.rules.conditions.all[1].field");

    [Fact]
    public void ReadMessage_DuplicateVariantLanguage_ReportsDuplicatePropertyAtTheVariant() =>
        RefusedOnly(Read(Replace("\"pt-BR\": \"Precisa de ajuda para pagar?\"", "\"pt-BR\": \"A\", \"pt-BR\": \"B\"")), JsonProblemCodes.DuplicateProperty, "$.reply.text.variants['pt-BR']");

    [Fact]
    public void ReadMessage_VariantLanguagesDifferingOnlyInCase_ReportsLanguageDuplicate() =>
        Refused(Read(Replace("\"pt-BR\": \"Precisa de ajuda para pagar?\"", "\"pt-BR\": \"A\", \"pt-br\": \"B\"")), ModelProblemCodes.VariantLanguageDuplicate, "$.reply.text.variants['pt-br']");

    // --- Size cap, checked before parsing

    [Fact]
    public void ReadMessage_BytesOverTheCap_ReportsTooLargeBeforeParsing()
    {
        var garbage = Enumerable.Repeat((byte)'{', JsonFormatDefaults.MaxMessageBytes + 1).ToArray();

        RefusedOnly(MessageJson.ReadMessage(garbage), JsonProblemCodes.TooLarge, "$");
    }

    [Fact]
    public void ReadMessage_StringOverTheCap_ReportsTooLargeBeforeParsing() =>
        RefusedOnly(Read(new string('[', JsonFormatDefaults.MaxMessageBytes + 1)), JsonProblemCodes.TooLarge, "$");

    [Fact]
    public void ReadMessage_StringOverTheCapOnlyInUtf8Bytes_ReportsTooLarge()
    {
        var json = new string('é', (JsonFormatDefaults.MaxMessageBytes / 2) + 1);

        Assert.True(json.Length <= JsonFormatDefaults.MaxMessageBytes);
        RefusedOnly(Read(json), JsonProblemCodes.TooLarge, "$");
    }

    [Fact]
    public void ReadMessage_CapFromOptions_IsInclusive()
    {
        var size = Encoding.UTF8.GetByteCount(Valid);

        Assert.True(Read(Valid, new JsonFormatOptions { MaxMessageBytes = size }).Succeeded);
        RefusedOnly(Read(Valid, new JsonFormatOptions { MaxMessageBytes = size - 1 }), JsonProblemCodes.TooLarge, "$");
        RefusedOnly(MessageJson.ReadMessage(Encoding.UTF8.GetBytes(Valid), new JsonFormatOptions { MaxMessageBytes = size - 1 }), JsonProblemCodes.TooLarge, "$");
    }

    [Fact]
    public void ReadCatalog_BytesAndStringOverTheCap_ReportTooLarge()
    {
        var options = new JsonFormatOptions { MaxCatalogBytes = 1024 };
        var garbage = new string('{', 1025);

        ProblemAssert.Single(MessageJson.ReadCatalog(garbage, options).Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
        ProblemAssert.Single(MessageJson.ReadCatalog(Encoding.UTF8.GetBytes(garbage), options).Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
    }

    [Fact]
    public async Task ReadCatalogAsync_EndlessStream_StopsReadingPastTheCap()
    {
        var options = new JsonFormatOptions { MaxCatalogBytes = 100_000 };
        using var stream = new EndlessStream();

        var result = await MessageJson.ReadCatalogAsync(stream, options, TestContext.Current.CancellationToken);

        ProblemAssert.Single(result.Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
        Assert.Equal(options.MaxCatalogBytes + 1, stream.BytesRead);
    }

    [Fact]
    public async Task ReadCatalogAsync_StreamUnderTheCap_IsRead()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ValidCatalog));

        var result = await MessageJson.ReadCatalogAsync(stream, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
    }

    // --- Nesting depth

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void ReadMessage_ArraysNestedVeryDeep_ReportsTooDeepWithoutOverflowingTheStack(int depth)
    {
        var json = new string('[', depth) + new string(']', depth);
        var options = new JsonFormatOptions { MaxMessageBytes = (2 * depth) + 1 };

        RefusedOnly(Read(json, options), JsonProblemCodes.TooDeep, "$" + string.Concat(Enumerable.Repeat("[0]", JsonFormatDefaults.MaxDepth)));
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void ReadMessage_ObjectsNestedVeryDeep_ReportsTooDeep(int depth)
    {
        var json = new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString();
        var options = new JsonFormatOptions { MaxMessageBytes = json.Length };

        var problem = RefusedOnly(Read(json, options), JsonProblemCodes.TooDeep, "$" + string.Concat(Enumerable.Repeat(".a", JsonFormatDefaults.MaxDepth)));
        Assert.Contains("32", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadMessage_UnterminatedDeepNesting_ReportsTooDeepBeforeTheSyntax() =>
        RefusedOnly(Read(new string('[', 100_000)), JsonProblemCodes.TooDeep, "$" + string.Concat(Enumerable.Repeat("[0]", JsonFormatDefaults.MaxDepth)));

    [Fact]
    public void ReadMessage_DeepValueInsideTheDocument_ReportsTooDeepAtItsPath()
    {
        var json = Replace("\"value\": 30", "\"value\": " + new string('[', 40) + new string(']', 40));

        var problem = RefusedOnly(Read(json), JsonProblemCodes.TooDeep, "$.rules.conditions.all[1].value" + string.Concat(Enumerable.Repeat("[0]", JsonFormatDefaults.MaxDepth - 5)));
        Assert.NotNull(problem);
    }

    [Fact]
    public void ReadMessage_DepthFromOptions_IsApplied() =>
        RefusedOnly(Read(Valid, new JsonFormatOptions { MaxDepth = 4 }), JsonProblemCodes.TooDeep, "$.rules.conditions.all[0]");

    [Fact]
    public void ReadMessage_ValidatorFromOptions_IsApplied()
    {
        var options = new JsonFormatOptions { Validator = new MessageValidator(new MessageValidationOptions { MaxTags = 1, MaxNameLength = 5 }) };

        var result = Read(Valid, options);

        Assert.Equal(["$.name", "$.rules.tags"], result.Problems.Select(p => p.Path));
        Assert.Equal([ModelProblemCodes.NameTooLong, ModelProblemCodes.TagsTooMany], result.Problems.Select(p => p.Code));
    }

    [Fact]
    public void ReadCatalog_ValidatorFromOptions_IsAppliedToEveryMessage()
    {
        var options = new JsonFormatOptions { Validator = new MessageValidator(new MessageValidationOptions { MaxNameLength = 5 }) };

        var result = MessageJson.ReadCatalog(ValidCatalog, options);

        Assert.Equal(["$.messages[0].name", "$.messages[1].name"], result.Problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(MessageJson.MaxSupportedDepth + 1)]
    public void ReadMessage_DepthOptionOutOfRange_Throws(int maxDepth) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Read(Valid, new JsonFormatOptions { MaxDepth = maxDepth }));

    // --- Wrong JSON types

    [Theory]
    // Strings where numbers belong.
    [InlineData("\"priority\": 10", "\"priority\": \"10\"", "$.priority")]
    [InlineData("\"version\": 3", "\"version\": \"3\"", "$.version")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": \"1\"", "$.formatVersion")]
    [InlineData("\"sent\": 120", "\"sent\": \"120\"", "$.metrics.sent")]
    // Numbers that are not whole or not in range.
    [InlineData("\"version\": 3", "\"version\": 3.5", "$.version")]
    [InlineData("\"sent\": 120", "\"sent\": 1e30", "$.metrics.sent")]
    [InlineData("\"priority\": 10", "\"priority\": 99999999999", "$.priority")]
    // Numbers and other types where strings belong.
    [InlineData("\"name\": \"Checkout help\"", "\"name\": 5", "$.name")]
    [InlineData("\"id\": \"checkout-help\"", "\"id\": true", "$.id")]
    [InlineData("\"timing\": \"businessHours\"", "\"timing\": 1", "$.timing")]
    [InlineData("\"type\": \"agent\"", "\"type\": 0", "$.reply.type")]
    [InlineData("\"updatedAt\": \"2026-11-20T09:30:00Z\"", "\"updatedAt\": 1763631000", "$.updatedAt")]
    [InlineData("\"default\": \"Need help paying?\"", "\"default\": [\"Need help paying?\"]", "$.reply.text.default")]
    [InlineData("\"checkout\",", "1,", "$.rules.tags[0]")]
    // Booleans, objects and arrays.
    [InlineData("\"askForName\": true", "\"askForName\": \"yes\"", "$.reply.askForName")]
    [InlineData("\"askForEmail\": true", "\"askForEmail\": 1", "$.reply.askForEmail")]
    public void ReadMessage_WrongJsonType_ReportsWrongTypeAtItsPath(string find, string replacement, string path) =>
        RefusedOnly(Read(Replace(find, replacement)), JsonProblemCodes.WrongType, path);

    [Theory]
    [InlineData("reply", "\"agent\"")]
    [InlineData("rules", "[]")]
    [InlineData("metrics", "0")]
    [InlineData("problems", "{}")]
    public void ReadMessage_ScalarWhereAnObjectBelongs_ReportsWrongType(string property, string value) =>
        RefusedOnly(Read(Edit(root => root[property] = JsonNode.Parse(value))), JsonProblemCodes.WrongType, "$." + property);

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"message\"")]
    [InlineData("true")]
    public void ReadMessage_RootNotAnObject_ReportsWrongTypeAtRoot(string json) =>
        RefusedOnly(Read(json), JsonProblemCodes.WrongType, "$");

    // --- Unknown values

    [Theory]
    [InlineData("\"timing\": \"businessHours\"", "\"timing\": \"always\"", "$.timing")]
    [InlineData("\"timing\": \"businessHours\"", "\"timing\": \"BusinessHours\"", "$.timing")]
    [InlineData("\"frequency\": \"oncePerVisit\"", "\"frequency\": \"twice\"", "$.frequency")]
    [InlineData("\"frequency\": \"oncePerVisit\"", "\"frequency\": \"1\"", "$.frequency")]
    [InlineData("\"status\": \"live\"", "\"status\": \"published\"", "$.status")]
    [InlineData("\"operator\": \"startsWith\"", "\"operator\": \"equals\"", "$.rules.conditions.all[0].operator")]
    [InlineData("\"operator\": \"startsWith\"", "\"operator\": \"StartsWith\"", "$.rules.conditions.all[0].operator")]
    public void ReadMessage_UnknownEnumValue_ReportsUnknownValueAtItsPath(string find, string replacement, string path) =>
        RefusedOnly(Read(Replace(find, replacement)), JsonProblemCodes.UnknownValue, path);

    [Theory]
    [InlineData("human")]
    [InlineData("Agent")]
    [InlineData("")]
    [InlineData("System.Object")]
    [InlineData("ProactiveMessaging.Model.BotReply, ProactiveMessaging.Core")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    public void ReadMessage_UnknownReplyType_ReportsUnknownValueAtReplyType(string type) =>
        RefusedOnly(Read(Replace("\"type\": \"agent\"", $"\"type\": \"{type}\"")), JsonProblemCodes.UnknownValue, "$.reply.type");

    [Theory]
    [InlineData("$type")]
    [InlineData("$id")]
    [InlineData("$ref")]
    [InlineData("$values")]
    public void ReadMessage_MetadataPropertyInReply_ReportsUnknownProperty(string name)
    {
        var json = Replace("\"type\": \"agent\",", $"\"{name}\": \"System.Object, System.Private.CoreLib\", \"type\": \"agent\",");

        RefusedOnly(Read(json), JsonProblemCodes.UnknownProperty, $"$.reply['{name}']");
    }

    [Fact]
    public void ReadMessage_TypeNameAtTheRoot_ReportsUnknownProperty()
    {
        var json = Replace("\"formatVersion\": 1,", "\"$type\": \"ProactiveMessaging.Model.ProactiveMessage, ProactiveMessaging.Core\", \"formatVersion\": 1,");

        RefusedOnly(Read(json), JsonProblemCodes.UnknownProperty, "$['$type']");
    }

    // --- Unknown properties, at every level

    [Theory]
    [InlineData("", "$.extra")]
    [InlineData("reply", "$.reply.extra")]
    [InlineData("reply.text", "$.reply.text.extra")]
    [InlineData("reply.followUp", "$.reply.followUp.extra")]
    [InlineData("rules", "$.rules.extra")]
    [InlineData("rules.conditions", "$.rules.conditions.extra")]
    [InlineData("rules.conditions.all.0", "$.rules.conditions.all[0].extra")]
    [InlineData("metrics", "$.metrics.extra")]
    public void ReadMessage_UnknownProperty_ReportsUnknownPropertyAtItsPath(string parent, string path)
    {
        var json = Edit(root => (parent.Length == 0 ? root : At(root, parent))["extra"] = 1);

        RefusedOnly(Read(json), JsonProblemCodes.UnknownProperty, path);
    }

    [Fact]
    public void ReadMessage_UnknownPropertyInAProblem_ReportsItsPath()
    {
        var json = Edit(root =>
        {
            root["status"] = "error";
            root["problems"] = JsonNode.Parse("""[{"code": "channel.deleted", "message": "The channel was deleted.", "path": "$.channelId", "kind": "unmet", "extra": 1}]""");
        });

        RefusedOnly(Read(json), JsonProblemCodes.UnknownProperty, "$.problems[0].extra");
    }

    [Fact]
    public void ReadMessage_UnknownPropertyInARange_ReportsItsPath() =>
        RefusedOnly(Read(Replace("\"value\": 30", "\"value\": {\"min\": 1, \"max\": 2, \"step\": 1}")), JsonProblemCodes.UnknownProperty, "$.rules.conditions.all[1].value.step");

    [Fact]
    public void ReadMessage_PropertyNameInAnotherCase_IsUnknownAndTheRealOneMissing()
    {
        var result = Read(Replace("\"name\": \"Checkout help\"", "\"Name\": \"Checkout help\""));

        Refused(result, JsonProblemCodes.UnknownProperty, "$.Name");
        Refused(result, JsonProblemCodes.MissingProperty, "$.name");
    }

    [Fact]
    public void ReadMessage_SeveralUnknownProperties_ReportsEveryOne()
    {
        var json = Edit(root =>
        {
            root["a"] = 1;
            At(root, "reply")["b"] = 2;
            At(root, "metrics")["c"] = 3;
        });

        var result = Read(json);

        Assert.Equal(["$.a", "$.metrics.c", "$.reply.b"], result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    // --- Missing required properties

    [Theory]
    [InlineData("", "id")]
    [InlineData("", "name")]
    [InlineData("", "reply")]
    [InlineData("", "rules")]
    [InlineData("", "timing")]
    [InlineData("", "frequency")]
    [InlineData("", "status")]
    [InlineData("", "metrics")]
    [InlineData("", "updatedAt")]
    [InlineData("", "version")]
    [InlineData("reply", "type")]
    [InlineData("reply", "text")]
    [InlineData("reply.text", "default")]
    [InlineData("reply.followUp", "default")]
    [InlineData("metrics", "sent")]
    [InlineData("metrics", "opened")]
    [InlineData("metrics", "replied")]
    [InlineData("rules.conditions.all.0", "operator")]
    public void ReadMessage_MissingRequiredProperty_ReportsMissingPropertyAtIt(string parent, string property)
    {
        var json = Edit(root => (parent.Length == 0 ? root : At(root, parent)).Remove(property));
        var parentPath = parent.Length == 0 ? "$" : "$." + parent.Replace(".all.0", ".all[0]", StringComparison.Ordinal);

        RefusedOnly(Read(json), JsonProblemCodes.MissingProperty, $"{parentPath}.{property}");
    }

    [Fact]
    public void ReadMessage_ConditionWithoutField_ReportsMissingPropertyAtTheCondition() =>
        RefusedOnly(Read(Edit(root => At(root, "rules.conditions.all.0").Remove("field"))), JsonProblemCodes.MissingProperty, "$.rules.conditions.all[0]");

    [Fact]
    public void ReadMessage_OptionalPropertiesAbsent_TakeTheirDefaults()
    {
        var json = Edit(root =>
        {
            root.Remove("priority");
            At(root, "reply").Remove("askForEmail");
            At(root, "reply.text").Remove("variants");
            At(root, "rules").Remove("tags");
            At(root, "rules.conditions.all.0").Remove("value");
            At(root, "rules.conditions.all.0")["operator"] = "isSet";
        });

        var message = Read(json).GetValueOrThrow();

        Assert.Equal(0, message.Priority);
        Assert.False(((AgentReply)message.Reply).AskForEmail);
        Assert.Empty(message.Reply.Text.Variants);
        Assert.Empty(message.Rules.Tags);
        Assert.Equal(ConditionValue.None, ((Condition)message.Rules.Conditions!.Items[0]).Value);
    }

    [Fact]
    public void ReadMessage_ManyProblems_ReportsEveryOneAtOnce()
    {
        var json = Edit(root =>
        {
            root.Remove("id");
            root["timing"] = "always";
            At(root, "metrics")["sent"] = -1;
            root["updatedAt"] = "yesterday";
            root["color"] = "red";
        });

        var result = Read(json);

        Assert.Equal(
            ["$.color", "$.id", "$.metrics.sent", "$.timing", "$.updatedAt"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    // --- Format version

    [Fact]
    public void ReadMessage_NoFormatVersion_ReportsFormatVersion() =>
        RefusedOnly(Read(Edit(root => root.Remove("formatVersion"))), JsonProblemCodes.FormatVersion, "$.formatVersion");

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(-1)]
    public void ReadMessage_UnsupportedFormatVersion_ReportsFormatVersion(int version) =>
        RefusedOnly(Read(Edit(root => root["formatVersion"] = version)), JsonProblemCodes.FormatVersion, "$.formatVersion");

    [Fact]
    public void ReadMessage_FutureFormatVersionWithNewProperties_ReportsOnlyTheVersion() =>
        RefusedOnly(Read(Edit(root => { root["formatVersion"] = 2; root["audience"] = "all"; })), JsonProblemCodes.FormatVersion, "$.formatVersion");

    // --- Values out of range or format

    [Theory]
    [InlineData("updatedAt", "2026-11-20 09:30:00")]
    [InlineData("updatedAt", "2026-13-01T00:00:00Z")]
    [InlineData("updatedAt", "2026-11-20T09:30:00+01:00")]
    [InlineData("updatedAt", "2026-11-20")]
    [InlineData("updatedAt", "")]
    [InlineData("publishedAt", "yesterday")]
    public void ReadMessage_MalformedInstant_ReportsInvalidValue(string property, string value) =>
        RefusedOnly(Read(Edit(root => root[property] = value)), JsonProblemCodes.InvalidValue, "$." + property);

    [Fact]
    public void ReadMessage_InstantWithNanoseconds_IsRead()
    {
        var message = Read(Edit(root => root["updatedAt"] = "2026-11-20T09:30:00.123456789Z")).GetValueOrThrow();

        Assert.Equal(123_456_789, message.UpdatedAt.InUtc().NanosecondOfSecond);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("opened")]
    [InlineData("replied")]
    public void ReadMessage_NegativeCount_ReportsInvalidValue(string count) =>
        RefusedOnly(Read(Edit(root => At(root, "metrics")[count] = -1)), JsonProblemCodes.InvalidValue, "$.metrics." + count);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ReadMessage_VersionBelowOne_ReportsInvalidValue(long version) =>
        RefusedOnly(Read(Edit(root => root["version"] = version)), JsonProblemCodes.InvalidValue, "$.version");

    [Fact]
    public void ReadMessage_MalformedId_ReportsIdInvalid() =>
        RefusedOnly(Read(Edit(root => root["id"] = "checkout help")), ModelProblemCodes.IdInvalid, "$.id");

    // --- Status and content that disagree

    [Fact]
    public void ReadMessage_LiveButIncomplete_ReportsInconsistentStateAtTheMissingPart()
    {
        var result = Read(Edit(root => root.Remove("channelId")));

        RefusedOnly(result, JsonProblemCodes.InconsistentState, "$.channelId");
    }

    [Fact]
    public void ReadMessage_PausedWithoutText_ReportsInconsistentState() =>
        RefusedOnly(Read(Edit(root => { root["status"] = "paused"; At(root, "reply.text")["default"] = ""; })), JsonProblemCodes.InconsistentState, "$.reply.text.default");

    [Fact]
    public void ReadMessage_LiveWithoutPublishedAt_ReportsInconsistentState() =>
        RefusedOnly(Read(Edit(root => root.Remove("publishedAt"))), JsonProblemCodes.InconsistentState, "$.publishedAt");

    [Fact]
    public void ReadMessage_ErrorWithoutProblems_ReportsInconsistentState() =>
        RefusedOnly(Read(Edit(root => root["status"] = "error")), JsonProblemCodes.InconsistentState, "$.problems");

    [Theory]
    [InlineData("draft")]
    [InlineData("live")]
    [InlineData("paused")]
    public void ReadMessage_ProblemsOutsideError_ReportsInconsistentState(string status)
    {
        var json = Edit(root =>
        {
            root["status"] = status;
            root["problems"] = JsonNode.Parse("""[{"code": "channel.deleted", "message": "The channel was deleted.", "path": "$.channelId", "kind": "unmet"}]""");
        });

        RefusedOnly(Read(json), JsonProblemCodes.InconsistentState, "$.problems");
    }

    [Fact]
    public void ReadMessage_ErrorWithProblems_IsReadWithThem()
    {
        var json = Edit(root =>
        {
            root["status"] = "error";
            root["problems"] = JsonNode.Parse("""[{"code": "channel.deleted", "message": "The channel was deleted.", "path": "$.channelId", "kind": "unmet"}]""");
        });

        var message = Read(json).GetValueOrThrow();

        Assert.Equal(MessageStatus.Error, message.Status);
        Assert.Equal(new Problem("channel.deleted", "The channel was deleted.", "$.channelId", ProblemKind.Unmet), Assert.Single(message.Problems));
    }

    [Theory]
    [InlineData("""{"message": "m", "path": "$", "kind": "unmet"}""", "$.problems[0].code", JsonProblemCodes.MissingProperty)]
    [InlineData("""{"code": "c", "path": "$", "kind": "unmet"}""", "$.problems[0].message", JsonProblemCodes.MissingProperty)]
    [InlineData("""{"code": "c", "message": "m", "kind": "unmet"}""", "$.problems[0].path", JsonProblemCodes.MissingProperty)]
    [InlineData("""{"code": "c", "message": "m", "path": "$"}""", "$.problems[0].kind", JsonProblemCodes.MissingProperty)]
    [InlineData("""{"code": "c", "message": "m", "path": "$", "kind": "fatal"}""", "$.problems[0].kind", JsonProblemCodes.UnknownValue)]
    [InlineData("""{"code": "", "message": "m", "path": "$", "kind": "unmet"}""", "$.problems[0]", JsonProblemCodes.InvalidValue)]
    [InlineData("null", "$.problems[0]", JsonProblemCodes.WrongType)]
    [InlineData("\"channel.deleted\"", "$.problems[0]", JsonProblemCodes.WrongType)]
    public void ReadMessage_BadProblemInError_ReportsItsPath(string problem, string path, string code)
    {
        var json = Edit(root =>
        {
            root["status"] = "error";
            root["problems"] = JsonNode.Parse($"[{problem}]");
        });

        Refused(Read(json), code, path);
    }

    // --- Replies

    [Fact]
    public void ReadMessage_AgentReplyWithAnswerId_ReportsNotApplicable() =>
        RefusedOnly(Read(Edit(root => At(root, "reply")["answerId"] = "answer-1")), JsonProblemCodes.NotApplicable, "$.reply.answerId");

    [Fact]
    public void ReadMessage_BotReplyWithAgentProperties_ReportsNotApplicable()
    {
        var json = Edit(root => { At(root, "reply")["type"] = "bot"; At(root, "reply")["answerId"] = "answer-1"; });

        RefusedOnly(Read(json), JsonProblemCodes.NotApplicable, "$.reply");
    }

    [Fact]
    public void ReadMessage_BotReply_IsRead()
    {
        var json = Edit(root =>
        {
            var reply = At(root, "reply");
            reply["type"] = "bot";
            reply.Remove("askForName");
            reply.Remove("askForEmail");
            reply.Remove("followUp");
            reply["answerId"] = "answer-1";
            At(reply, "text")["default"] = "Hi \U0001F600";
        });

        var reply = Assert.IsType<BotReply>(Read(json).GetValueOrThrow().Reply);

        Assert.Equal(("answer-1", "Hi \U0001F600"), (reply.AnswerId, reply.Text.Default));
    }

    [Fact]
    public void ReadMessage_LiveBotReplyWithoutAnswer_ReportsInconsistentStateAtAnswerId()
    {
        var json = Edit(root =>
        {
            var reply = At(root, "reply");
            reply["type"] = "bot";
            reply.Remove("askForName");
            reply.Remove("askForEmail");
            reply.Remove("followUp");
        });

        RefusedOnly(Read(json), JsonProblemCodes.InconsistentState, "$.reply.answerId");
    }

    [Fact]
    public void ReadMessage_NullVariant_ReportsWrongTypeAtTheVariant() =>
        RefusedOnly(Read(Edit(root => At(root, "reply.text.variants")["pt-BR"] = null)), JsonProblemCodes.WrongType, "$.reply.text.variants['pt-BR']");

    // --- Model validation, located in the document

    [Fact]
    public void ReadMessage_AgentTextWithEmoji_ReportsTextEmojiAtReplyTextDefault() =>
        RefusedOnly(Read(Edit(root => At(root, "reply.text")["default"] = "Need help? \U0001F44D\uFE0F")), ModelProblemCodes.TextEmoji, "$.reply.text.default");

    [Fact]
    public void ReadMessage_BadTag_ReportsTagInvalidAtItsIndex() =>
        RefusedOnly(Read(Replace("\"proactive\"", "\"pro active\"")), ModelProblemCodes.TagInvalid, "$.rules.tags[1]");

    [Fact]
    public void ReadMessage_DuplicateTags_AreDeDuplicatedKeepingTheFirstSpelling()
    {
        var message = Read(Replace("\"proactive\"", "\"Proactive\", \"CHECKOUT\", \"proactive\"")).GetValueOrThrow();

        Assert.Equal(["checkout", "Proactive"], message.Rules.Tags);
    }

    [Fact]
    public void ReadMessage_NameWithSpaces_IsTrimmed() =>
        Assert.Equal("Checkout help", Read(Replace("\"Checkout help\"", "\"  Checkout help \"")).GetValueOrThrow().Name);

    [Fact]
    public void ReadMessage_NestingWithTwoConditions_ReportsNestingAtTheNestedGroup()
    {
        var json = Edit(root => At(root, "rules.conditions")["all"]![1] = JsonNode.Parse("""{"any": [{"field": "page.url", "operator": "contains", "value": "pay"}]}"""));

        RefusedOnly(Read(json), ConditionProblemCodes.NestingNotAllowed, "$.rules.conditions.all[1]");
    }

    [Fact]
    public void ReadMessage_EmptyGroup_ReportsGroupEmpty() =>
        RefusedOnly(Read(Edit(root => At(root, "rules")["conditions"] = JsonNode.Parse("""{"any": []}"""))), ConditionProblemCodes.GroupEmpty, "$.rules.conditions");

    // --- The JSON shape of conditions

    [Fact]
    public void ReadMessage_NestedGroups_AreRead()
    {
        var json = Edit(root => At(root, "rules")["conditions"] = JsonNode.Parse("""
            {"any": [
              {"field": "visitor.country", "operator": "isOneOf", "value": ["PT", "BR"]},
              {"all": [
                {"field": "visit.pageViews", "operator": "between", "value": {"min": 2, "max": 5}},
                {"field": "visitor.isIdentified", "operator": "isTrue"},
                {"field": "device.type", "operator": "is", "value": "mobile"}
              ]}
            ]}
            """));

        var conditions = Read(json).GetValueOrThrow().Rules.Conditions!;

        var expected = ConditionGroup.Any(
            new Condition("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("PT", "BR")),
            ConditionGroup.All(
                new Condition("visit.pageViews", ConditionOperator.Between, ConditionValue.FromRange(2, 5)),
                new Condition("visitor.isIdentified", ConditionOperator.IsTrue),
                new Condition("device.type", ConditionOperator.Is, "mobile")));
        Assert.Equal(expected, conditions);
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("-2.5e3")]
    [InlineData("false")]
    [InlineData("[1, 2.5, \"x\"]")]
    [InlineData("[]")]
    [InlineData("{\"min\": \"09:00\", \"max\": 17}")]
    public void ReadMessage_ConditionValueOfEveryShape_RoundTripsOrReachesConditionValidation(string value)
    {
        var json = Edit(root => At(root, "rules.conditions.all.1")["value"] = JsonNode.Parse(value));

        var result = Read(json);

        // The JSON layer reads every shape; whether the shape fits the field is the condition
        // validator's call, which speaks of the value's path with a conditions code.
        if (!result.Succeeded)
        {
            Assert.All(result.Problems, p =>
            {
                Assert.StartsWith("conditions.value.", p.Code, StringComparison.Ordinal);
                Assert.Equal("$.rules.conditions.all[1].value", p.Path);
            });
            return;
        }

        var message = result.Value;
        var written = JsonNode.Parse(MessageJson.WriteMessage(message))!["rules"]!["conditions"]!["all"]![1]!["value"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(value), written), written?.ToJsonString());
    }

    [Fact]
    public void ReadMessage_NullConditionValue_IsNoValue()
    {
        var message = Read(Edit(root =>
        {
            At(root, "rules.conditions.all.1")["operator"] = "isSet";
            At(root, "rules.conditions.all.1")["value"] = null;
        })).GetValueOrThrow();

        Assert.Equal(ConditionValue.None, ((Condition)message.Rules.Conditions!.Items[1]).Value);
    }

    [Theory]
    // The root is a group, never a bare condition.
    [InlineData("""{"field": "page.url", "operator": "contains", "value": "x"}""", "$.rules.conditions", JsonProblemCodes.WrongType)]
    // A node is a group or a condition, and a group is "all" or "any".
    [InlineData("""{"all": [{"field": "a", "operator": "isSet"}], "any": [{"field": "b", "operator": "isSet"}]}""", "$.rules.conditions", JsonProblemCodes.InvalidValue)]
    [InlineData("""{"all": [{"field": "a", "operator": "isSet"}], "field": "b"}""", "$.rules.conditions", JsonProblemCodes.InvalidValue)]
    [InlineData("""{"all": [null]}""", "$.rules.conditions.all[0]", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{}]}""", "$.rules.conditions.all[0]", JsonProblemCodes.MissingProperty)]
    [InlineData("""{"all": "a"}""", "$.rules.conditions.all", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{"field": 1, "operator": "isSet"}]}""", "$.rules.conditions.all[0].field", JsonProblemCodes.WrongType)]
    // Values: a range has both bounds, lists hold strings or numbers, numbers are finite.
    [InlineData("""{"all": [{"field": "a", "operator": "between", "value": {"min": 1}}]}""", "$.rules.conditions.all[0].value", JsonProblemCodes.MissingProperty)]
    [InlineData("""{"all": [{"field": "a", "operator": "between", "value": {"min": true, "max": 2}}]}""", "$.rules.conditions.all[0].value.min", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{"field": "a", "operator": "between", "value": {"min": [1], "max": 2}}]}""", "$.rules.conditions.all[0].value.min", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{"field": "a", "operator": "isOneOf", "value": ["x", true]}]}""", "$.rules.conditions.all[0].value[1]", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{"field": "a", "operator": "isOneOf", "value": ["x", ["y"]]}]}""", "$.rules.conditions.all[0].value[1]", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{"field": "a", "operator": "isOneOf", "value": ["x", null]}]}""", "$.rules.conditions.all[0].value[1]", JsonProblemCodes.WrongType)]
    [InlineData("""{"all": [{"field": "a", "operator": "equalTo", "value": 1e400}]}""", "$.rules.conditions.all[0].value", JsonProblemCodes.InvalidValue)]
    public void ReadMessage_BadConditionShape_ReportsItsPath(string conditions, string path, string code) =>
        Refused(Read(Edit(root => At(root, "rules")["conditions"] = JsonNode.Parse(conditions))), code, path);

    // --- Syntax

    [Fact]
    public void ReadMessage_MissingComma_ReportsSyntaxWithTheLine()
    {
        var problem = RefusedOnly(Read("{\n  \"formatVersion\": 1,\n  \"id\": \"a\"\n  \"name\": \"b\"\n}"), JsonProblemCodes.Syntax, "$");

        Assert.Contains("line 4", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "$")]
    [InlineData("   \n ", "$")]
    [InlineData("{", "$")]
    [InlineData("{\"formatVersion\": 1,}", "$")]
    [InlineData("{\"tags\": [\"a\",]}", "$.tags[1]")]
    [InlineData("{\"formatVersion\": 1 // the version\n}", "$")]
    [InlineData("/* a message */ {\"formatVersion\": 1}", "$")]
    [InlineData("{'formatVersion': 1}", "$")]
    [InlineData("{\"priority\": NaN}", "$.priority")]
    [InlineData("{\"priority\": 01}", "$.priority")]
    [InlineData("{\"formatVersion\": 1} {}", "$")]
    [InlineData("{\"name\": \"unterminated}", "$.name")]
    public void ReadMessage_MalformedJson_ReportsSyntax(string json, string path) =>
        RefusedOnly(Read(json), JsonProblemCodes.Syntax, path);

    [Theory]
    [InlineData("\"timing\"", 1, 0xFF)]
    [InlineData("/checkout", 1, 0xC3)]
    [InlineData("Checkout help", 0, 0xE2)]
    [InlineData("\"pt-BR\"", 3, 0xC0)]
    public void ReadMessage_InvalidUtf8_ReportsSyntaxWithTheLine(string near, int offset, byte value)
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        var index = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(near)) + offset;
        bytes[index] = value;
        var line = bytes.AsSpan(0, index).Count((byte)'\n') + 1;

        var problem = ProblemAssert.Single(MessageJson.ReadMessage(bytes).Problems, JsonProblemCodes.Syntax, ProblemKind.Malformed, "$");

        Assert.Contains($"line {line},", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCatalog_InvalidUtf8_ReportsSyntax()
    {
        var bytes = Encoding.UTF8.GetBytes(ValidCatalog);
        bytes[bytes.AsSpan().IndexOf("\"acme\""u8) + 1] = 0xFF;

        ProblemAssert.Single(MessageJson.ReadCatalog(bytes).Problems, JsonProblemCodes.Syntax, ProblemKind.Malformed, "$");
    }

    // --- Catalogs

    internal const string ValidCatalog = """
        {
          "formatVersion": 1,
          "workspace": {
            "id": "acme",
            "name": "Acme"
          },
          "messages": [
            {
              "id": "checkout-help",
              "name": "Checkout help",
              "channelId": "web-main",
              "reply": {
                "type": "agent",
                "text": {
                  "default": "Need help paying?"
                },
                "askForName": false,
                "askForEmail": false
              },
              "rules": {
                "conditions": {
                  "all": [
                    {
                      "field": "page.path",
                      "operator": "startsWith",
                      "value": "/checkout"
                    },
                    {
                      "field": "page.timeOnPage",
                      "operator": "atLeast",
                      "value": 30
                    }
                  ]
                }
              },
              "timing": "anytime",
              "frequency": "once",
              "priority": 0,
              "status": "live",
              "metrics": {
                "sent": 1,
                "opened": 1,
                "replied": 0
              },
              "updatedAt": "2026-11-20T09:30:00Z",
              "publishedAt": "2026-11-20T09:30:00Z",
              "version": 2
            },
            {
              "id": "pricing-bot",
              "name": "Pricing questions",
              "reply": {
                "type": "bot",
                "text": {
                  "default": "Questions about plans?"
                },
                "answerId": "pricing-answer"
              },
              "rules": {},
              "timing": "anytime",
              "frequency": "everyTime",
              "priority": 0,
              "status": "draft",
              "metrics": {
                "sent": 0,
                "opened": 0,
                "replied": 0
              },
              "updatedAt": "2026-11-21T10:00:00Z",
              "version": 1
            }
          ]
        }
        """;

    private static string EditCatalog(Action<JsonObject> edit) => Edit(edit, ValidCatalog);

    private static void CatalogRefused(string json, string code, string path, JsonFormatOptions? options = null)
    {
        var result = MessageJson.ReadCatalog(json, options);
        Assert.False(result.Succeeded, "The catalog was read, but it should have been refused.");
        ProblemAssert.Contains(result.Problems, code, path, ProblemKind.Malformed);
    }

    [Fact]
    public void ReadCatalog_ValidDocument_ReturnsWorkspaceAndMessagesInOrder()
    {
        var result = MessageJson.ReadCatalog(ValidCatalog);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(new WorkspaceSettings("acme") { Name = "Acme" }, result.Value.Workspace);
        Assert.Equal(["checkout-help", "pricing-bot"], result.Value.Messages.Select(m => m.Id));
    }

    [Theory]
    [InlineData("", "$.extra")]
    [InlineData("workspace", "$.workspace.extra")]
    [InlineData("messages.0", "$.messages[0].extra")]
    [InlineData("messages.1.reply", "$.messages[1].reply.extra")]
    [InlineData("messages.0.rules.conditions.all.1", "$.messages[0].rules.conditions.all[1].extra")]
    [InlineData("messages.1.metrics", "$.messages[1].metrics.extra")]
    public void ReadCatalog_UnknownProperty_ReportsUnknownPropertyAtItsPath(string parent, string path) =>
        CatalogRefused(EditCatalog(root => (parent.Length == 0 ? root : At(root, parent))["extra"] = true), JsonProblemCodes.UnknownProperty, path);

    [Fact]
    public void ReadCatalog_DuplicateMessageIds_ReportsDuplicateIdAtTheSecond() =>
        CatalogRefused(EditCatalog(root => At(root, "messages.1")["id"] = "checkout-help"), JsonProblemCodes.DuplicateId, "$.messages[1].id");

    [Fact]
    public void ReadCatalog_DuplicatePropertyInAMessage_ReportsItsPath() =>
        CatalogRefused(ValidCatalog.Replace("\"id\": \"pricing-bot\",", "\"id\": \"pricing-bot\", \"id\": \"x\",", StringComparison.Ordinal), JsonProblemCodes.DuplicateProperty, "$.messages[1].id");

    [Fact]
    public void ReadCatalog_FormatVersionInAMessage_ReportsNotApplicable() =>
        CatalogRefused(EditCatalog(root => At(root, "messages.0")["formatVersion"] = 1), JsonProblemCodes.NotApplicable, "$.messages[0].formatVersion");

    [Fact]
    public void ReadCatalog_NoFormatVersion_ReportsFormatVersion() =>
        CatalogRefused(EditCatalog(root => root.Remove("formatVersion")), JsonProblemCodes.FormatVersion, "$.formatVersion");

    [Fact]
    public void ReadCatalog_UnsupportedFormatVersion_ReportsFormatVersion() =>
        CatalogRefused(EditCatalog(root => root["formatVersion"] = 2), JsonProblemCodes.FormatVersion, "$.formatVersion");

    [Fact]
    public void ReadCatalog_FutureFormatVersionWithNewProperties_ReportsOnlyTheVersion()
    {
        var result = MessageJson.ReadCatalog(EditCatalog(root => { root["formatVersion"] = 2; root["segments"] = new JsonArray(); }));

        ProblemAssert.Single(result.Problems, JsonProblemCodes.FormatVersion, ProblemKind.Malformed, "$.formatVersion");
    }

    [Theory]
    [InlineData("", "workspace")]
    [InlineData("", "messages")]
    [InlineData("workspace", "id")]
    [InlineData("messages.1", "status")]
    public void ReadCatalog_MissingRequiredProperty_ReportsMissingProperty(string parent, string property)
    {
        var json = EditCatalog(root => (parent.Length == 0 ? root : At(root, parent)).Remove(property));
        var parentPath = parent.Length == 0 ? "$" : "$." + parent.Replace("messages.1", "messages[1]", StringComparison.Ordinal);

        CatalogRefused(json, JsonProblemCodes.MissingProperty, $"{parentPath}.{property}");
    }

    [Fact]
    public void ReadCatalog_MalformedWorkspaceId_ReportsInvalidValue() =>
        CatalogRefused(EditCatalog(root => At(root, "workspace")["id"] = "acme corp"), JsonProblemCodes.InvalidValue, "$.workspace.id");

    [Fact]
    public void ReadCatalog_NullMessage_ReportsWrongType() =>
        CatalogRefused(EditCatalog(root => root["messages"]!.AsArray().Add(null)), JsonProblemCodes.WrongType, "$.messages[2]");

    [Fact]
    public void ReadCatalog_MoreMessagesThanTheCap_ReportsTooManyMessages() =>
        CatalogRefused(ValidCatalog, JsonProblemCodes.TooManyMessages, "$.messages", new JsonFormatOptions { MaxCatalogMessages = 1 });

    [Fact]
    public void ReadCatalog_ValidationProblemInAMessage_IsLocatedInTheCatalog() =>
        CatalogRefused(EditCatalog(root => At(root, "messages.0.reply.text")["default"] = "Hi \U0001F44D\uFE0F"), ModelProblemCodes.TextEmoji, "$.messages[0].reply.text.default");

    [Fact]
    public void ReadCatalog_NestingViolationInAMessage_IsLocatedInTheCatalog() =>
        CatalogRefused(
            EditCatalog(root => At(root, "messages.0.rules.conditions")["all"]![1] = JsonNode.Parse("""{"any": [{"field": "page.url", "operator": "isSet"}]}""")),
            ConditionProblemCodes.NestingNotAllowed,
            "$.messages[0].rules.conditions.all[1]");

    [Fact]
    public void ReadCatalog_LiveMessageIncomplete_ReportsInconsistentStateInTheCatalog() =>
        CatalogRefused(EditCatalog(root => At(root, "messages.0").Remove("channelId")), JsonProblemCodes.InconsistentState, "$.messages[0].channelId");

    [Fact]
    public void ReadCatalog_ProblemsInTwoMessages_ReportsBoth()
    {
        var json = EditCatalog(root =>
        {
            At(root, "messages.0")["timing"] = "never";
            At(root, "messages.1.metrics")["sent"] = -3;
        });

        var result = MessageJson.ReadCatalog(json);

        Assert.Equal(["$.messages[0].timing", "$.messages[1].metrics.sent"], result.Problems.Select(p => p.Path));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("{\"formatVersion\": 1,}")]
    public void ReadCatalog_NotACatalog_ReportsAProblemAtRoot(string json)
    {
        var result = MessageJson.ReadCatalog(json);

        Assert.False(result.Succeeded);
        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    // --- No exception ever reaches the caller

    [Property(MaxTest = 2000)]
    public bool ReadMessage_RandomBytes_NeverThrows(byte[] bytes)
    {
        var result = MessageJson.ReadMessage(bytes);
        return result.Succeeded || !result.Problems.IsEmpty;
    }

    [Property(MaxTest = 500)]
    public bool ReadCatalog_RandomBytes_NeverThrows(byte[] bytes)
    {
        var result = MessageJson.ReadCatalog(bytes);
        return result.Succeeded || !result.Problems.IsEmpty;
    }

    [Property(MaxTest = 3000, Arbitrary = new[] { typeof(MutationArbitrary) })]
    public bool ReadMessage_MutatedValidDocument_NeverThrows(Mutation mutation)
    {
        var result = MessageJson.ReadMessage(mutation.Apply(Encoding.UTF8.GetBytes(Valid)));
        return result.Succeeded || !result.Problems.IsEmpty;
    }

    [Property(MaxTest = 1000, Arbitrary = new[] { typeof(MutationArbitrary) })]
    public bool ReadCatalog_MutatedValidDocument_NeverThrows(Mutation mutation)
    {
        var result = MessageJson.ReadCatalog(mutation.Apply(Encoding.UTF8.GetBytes(ValidCatalog)));
        return result.Succeeded || !result.Problems.IsEmpty;
    }

    /// <summary>A few edits to a document: bytes replaced, ranges removed, JSON fragments inserted.</summary>
    public sealed record Mutation(IReadOnlyList<(int Kind, int Position, int Length, int Value)> Edits)
    {
        private static readonly string[] Fragments =
        [
            "{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999", "0.5", "\"x\"", "{}", "[]",
            "\"$type\": \"System.Object\",", "\"id\": \"dup\",", "\\u0000", "\uFEFF", "\U0001F600", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        ];

        public byte[] Apply(byte[] document)
        {
            var bytes = new List<byte>(document);
            foreach (var (kind, position, length, value) in Edits)
            {
                var at = bytes.Count == 0 ? 0 : position % bytes.Count;
                switch (kind)
                {
                    case 0:
                        if (bytes.Count > 0)
                        {
                            bytes[at] = (byte)value;
                        }

                        break;
                    case 1:
                        bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                        break;
                    default:
                        bytes.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[value % Fragments.Length]));
                        break;
                }
            }

            return [.. bytes];
        }

        public override string ToString() => string.Join("; ", Edits);
    }

    public static class MutationArbitrary
    {
        public static Arbitrary<Mutation> Mutations()
        {
            var edit =
                from kind in Gen.Choose(0, 2)
                from position in Gen.Choose(0, 4000)
                from length in Gen.Choose(1, 40)
                from value in Gen.Choose(0, 255)
                select (kind, position, length, value);
            var gen =
                from count in Gen.Choose(1, 4)
                from edits in Gen.ArrayOf(edit, count)
                select new Mutation(edits);
            return Arb.From(gen);
        }
    }

    /// <summary>A stream that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'[');
            BytesRead += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            buffer.Span.Fill((byte)'[');
            BytesRead += buffer.Length;
            return ValueTask.FromResult(buffer.Length);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
