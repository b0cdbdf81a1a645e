using System.Text.Json.Nodes;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>The <c>experiment</c> object of a message: what it reads, what it writes, and every problem with its path.</summary>
public sealed class ExperimentJsonTests
{
    /// <summary>An experiment with every property, as the writer emits it.</summary>
    private const string FullExperiment = """
        {
          "rolloutPercent": 33.33,
          "salt": "spring-2027",
          "variants": [
            { "id": "a", "weight": 33.34, "text": { "default": "Need help paying?" } },
            { "id": "b", "weight": 33.33, "text": { "default": "Questions about paying?", "variants": { "pt-BR": "Dúvidas sobre o pagamento?" } }, "followUp": { "default": "Thank you!" } },
            { "id": "c", "weight": 33.33, "text": { "default": "Can we help?" } }
          ],
          "holdoutPercent": 10,
          "goal": {
            "page": { "field": "page.path", "operator": "startsWith", "value": "/thanks" },
            "window": "P14D"
          }
        }
        """;

    private static ValidationResult<ProactiveMessage> ReadWith(string experiment, string? status = null) =>
        MessageJson.ReadMessage(WithExperiment(experiment, status));

    /// <summary>The valid document of the read tests with this experiment (JSON text) and, when given, another status.</summary>
    private static string WithExperiment(string experiment, string? status = null)
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        root["experiment"] = JsonNode.Parse(experiment);
        if (status is not null)
        {
            root["status"] = status;
        }

        return root.ToJsonString();
    }

    private static ProactiveMessage Message(MessageExperiment? experiment, MessageReply? reply = null)
    {
        var message = MessageJson.ReadMessage(MessageJsonReadTests.Valid).GetValueOrThrow();
        return message.With(definition: message.Definition with { Experiment = experiment, Reply = reply ?? message.Reply });
    }

    private static JsonObject WrittenExperiment(MessageExperiment experiment) =>
        JsonNode.Parse(MessageJson.WriteMessage(Message(experiment)))!["experiment"]!.AsObject();

    private static Problem Refused<T>(ValidationResult<T> result, string code, string path)
        where T : class
    {
        Assert.False(result.Succeeded, "The document was read, but it should have been refused.");
        return ProblemAssert.Contains(result.Problems, code, path, ProblemKind.Malformed);
    }

    // --- Reading

    [Fact]
    public void ReadMessage_FullExperiment_ReadsEveryProperty()
    {
        var result = ReadWith(FullExperiment);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        var experiment = result.Value.Experiment!;
        Assert.Equal(33.33m, experiment.RolloutPercent);
        Assert.Equal("spring-2027", experiment.Salt);
        Assert.Equal(["a", "b", "c"], experiment.Variants.Select(v => v.Id));
        Assert.Equal([33.34m, 33.33m, 33.33m], experiment.Variants.Select(v => v.Weight));
        Assert.Equal("Dúvidas sobre o pagamento?", experiment.Variants[1].Text.Resolve("pt-BR"));
        Assert.Equal(new LocalizedText("Thank you!"), experiment.Variants[1].FollowUp);
        Assert.Null(experiment.Variants[0].FollowUp);
        Assert.Equal(10m, experiment.HoldoutPercent);
        Assert.Equal(new Condition("page.path", ConditionOperator.StartsWith, "/thanks"), experiment.Goal!.Page);
        Assert.Null(experiment.Goal.EventName);
        Assert.Equal(Duration.FromDays(14), experiment.Goal.Window);
    }

    [Fact]
    public void ReadMessage_Percentages_AreReadAsDecimalsExactly()
    {
        // As doubles, 33.34 + 33.33 + 33.33 is not 100; as the decimals written, it is.
        var result = ReadWith("""{"rolloutPercent": 0.07, "variants": [{"id": "a", "weight": 33.34, "text": {"default": "A"}}, {"id": "b", "weight": 33.33, "text": {"default": "B"}}, {"id": "c", "weight": 33.33, "text": {"default": "C"}}]}""");

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(0.07m, result.Value.Experiment!.RolloutPercent);
        Assert.Equal(100m, result.Value.Experiment.Variants.Sum(v => v.Weight));
    }

    [Fact]
    public void ReadMessage_EmptyExperiment_TakesTheDefaults()
    {
        var experiment = ReadWith("{}").GetValueOrThrow().Experiment!;

        Assert.Equal(new MessageExperiment(), experiment);
        Assert.Equal(100m, experiment.RolloutPercent);
        Assert.Equal(string.Empty, experiment.Salt);
        Assert.Empty(experiment.Variants);
        Assert.Equal(0m, experiment.HoldoutPercent);
        Assert.Null(experiment.Goal);
    }

    [Fact]
    public void ReadMessage_NullForOptionalExperimentProperties_ReadsAsAbsent()
    {
        var result = ReadWith("""{"rolloutPercent": null, "salt": null, "variants": null, "holdoutPercent": null, "goal": {"page": {"field": "page.url", "operator": "contains", "value": "/thanks"}, "window": null}}""");

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(new MessageExperiment { Goal = ConversionGoal.ForPage(new Condition("page.url", ConditionOperator.Contains, "/thanks")) }, result.Value.Experiment);
    }

    [Fact]
    public void ReadMessage_NullExperiment_ReadsAsNone() =>
        Assert.Null(MessageJson.ReadMessage(WithExperiment("null")).GetValueOrThrow().Experiment);

    [Theory]
    [InlineData("604800", 7 * 86_400L, 0L)]
    [InlineData("86400", 86_400L, 0L)]
    [InlineData("1.5", 1L, 500_000_000L)]
    [InlineData("\"P7D\"", 7 * 86_400L, 0L)]
    [InlineData("\"P2W\"", 14 * 86_400L, 0L)]
    [InlineData("\"PT36H\"", 36 * 3_600L, 0L)]
    [InlineData("\"P1DT12H30M\"", 86_400L + (12 * 3_600) + (30 * 60), 0L)]
    [InlineData("\"PT0.25S\"", 0L, 250_000_000L)]
    public void ReadMessage_GoalWindow_ReadsSecondsOrIso(string window, long seconds, long nanoseconds)
    {
        var result = ReadWith($$$"""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/thanks"}, "window": {{{window}}}}}""");

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanoseconds), result.Value.Experiment!.Goal!.Window);
    }

    [Fact]
    public void ReadMessage_EventGoalInACatalogThatDeclaresTheEvent_Reads()
    {
        var result = MessageJson.ReadCatalog(Catalog("""{"goal": {"event": "purchase"}}""", events: """["purchase"]"""));

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(ConversionGoal.ForEvent("purchase"), result.Value.Messages[0].Experiment!.Goal);
    }

    [Fact]
    public void ReadMessage_EventGoalWithAValidatorThatDeclaresTheEvent_Reads()
    {
        var options = new JsonFormatOptions { Validator = new MessageValidator(fields: FieldCatalog.Default.WithEvent("purchase")) };

        var result = MessageJson.ReadMessage(WithExperiment("""{"goal": {"event": "purchase", "window": "P30D"}}"""), options);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(ConversionGoal.ForEvent("purchase") with { Window = Duration.FromDays(30) }, result.Value.Experiment!.Goal);
    }

    [Fact]
    public void ReadMessage_DraftWithAnEmptyVariantText_ReadsTheIncompleteDraft()
    {
        var result = ReadWith("""{"variants": [{"id": "a", "weight": 50, "text": {"default": ""}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", status: "draft");

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(string.Empty, result.Value.Experiment!.Variants[0].Text.Default);
    }

    [Fact]
    public void ReadMessage_EarlierExamples_HaveNoExperiment()
    {
        foreach (var file in Directory.GetFiles(GoldenFileTests.ExamplesDirectory, "message-*.json").Select(f => Path.GetFileName(f)).Where(f => f != "message-experiment.json"))
        {
            var message = MessageJson.ReadMessage(File.ReadAllBytes(Path.Combine(GoldenFileTests.ExamplesDirectory, file))).GetValueOrThrow();

            Assert.Null(message.Experiment);
        }
    }

    // --- Writing

    [Fact]
    public void WriteMessage_WithoutExperiment_WritesNoExperimentProperty() =>
        Assert.DoesNotContain("\"experiment\"", MessageJson.WriteMessage(Message(null)), StringComparison.Ordinal);

    [Fact]
    public void WriteMessage_ExperimentOfDefaultsOnly_WritesAnEmptyObject() =>
        Assert.Empty(WrittenExperiment(new MessageExperiment()));

    [Fact]
    public void WriteMessage_FullExperiment_WritesThePropertiesInTheirOrder()
    {
        var experiment = ReadWith(FullExperiment).GetValueOrThrow().Experiment!;

        var written = WrittenExperiment(experiment);

        Assert.Equal(["rolloutPercent", "salt", "variants", "holdoutPercent", "goal"], written.Select(p => p.Key));
        Assert.Equal(["id", "weight", "text", "followUp"], written["variants"]![1]!.AsObject().Select(p => p.Key));
        Assert.Equal(["page", "window"], written["goal"]!.AsObject().Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(FullExperiment), written), written.ToJsonString());
    }

    [Fact]
    public void WriteMessage_Experiment_IsWrittenBetweenTheWindowAndTheStatus()
    {
        var names = JsonNode.Parse(MessageJson.WriteMessage(Message(new MessageExperiment { RolloutPercent = 5m })))!.AsObject().Select(p => p.Key).ToList();

        Assert.Equal(names.IndexOf("priority") + 1, names.IndexOf("experiment"));
        Assert.Equal(names.IndexOf("experiment") + 1, names.IndexOf("status"));
    }

    [Theory]
    [InlineData("50.00", "50")]
    [InlineData("33.330", "33.33")]
    [InlineData("0.5", "0.5")]
    [InlineData("0.01", "0.01")]
    [InlineData("99.99", "99.99")]
    public void WriteMessage_Percent_WritesItsShortestDecimalForm(string percent, string expected)
    {
        var value = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture);

        var written = WrittenExperiment(new MessageExperiment { RolloutPercent = value, HoldoutPercent = value });

        Assert.Equal(expected, written["rolloutPercent"]!.ToJsonString());
        Assert.Equal(expected, written["holdoutPercent"]!.ToJsonString());
    }

    [Fact]
    public void WriteMessage_RolloutOfZero_IsWrittenAsZero() =>
        Assert.Equal("0", WrittenExperiment(new MessageExperiment { RolloutPercent = 0m })["rolloutPercent"]!.ToJsonString());

    [Theory]
    [InlineData(14 * 86_400L, 0L, "P14D")]
    [InlineData(36 * 3_600L, 0L, "P1DT12H")]
    [InlineData(90L, 0L, "PT1M30S")]
    [InlineData(0L, 500_000_000L, "PT0.5S")]
    [InlineData(0L, 1L, "PT0.000000001S")]
    public void WriteMessage_GoalWindow_WritesIsoWithDays(long seconds, long nanoseconds, string expected)
    {
        var window = Duration.FromSeconds(seconds) + Duration.FromNanoseconds(nanoseconds);
        var goal = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.Is, "/thanks")) with { Window = window };

        var written = WrittenExperiment(new MessageExperiment { Goal = goal });

        Assert.Equal(expected, (string?)written["goal"]!["window"]);
        Assert.Equal(window, ReadWith(written.ToJsonString()).GetValueOrThrow().Experiment!.Goal!.Window);
    }

    [Fact]
    public void WriteMessage_DefaultGoalWindow_IsLeftOut() =>
        Assert.Equal(
            ["event"],
            WrittenExperiment(new MessageExperiment { Goal = ConversionGoal.ForEvent("purchase") })["goal"]!.AsObject().Select(p => p.Key));

    // --- Unknown properties

    [Theory]
    [InlineData("""{"rollout": 50}""", "$.experiment.rollout")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A"}, "name": "x"}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", "$.experiment.variants[0].name")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A", "emoji": true}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", "$.experiment.variants[0].text.emoji")]
    [InlineData("""{"goal": {"event": "purchase", "days": 7}}""", "$.experiment.goal.days")]
    [InlineData("""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/", "note": 1}}}""", "$.experiment.goal.page.note")]
    public void ReadMessage_UnknownExperimentProperty_IsRefusedAtItsPath(string experiment, string path) =>
        Refused(ReadWith(experiment), JsonProblemCodes.UnknownProperty, path);

    // --- Wrong JSON types

    [Theory]
    [InlineData("[]", "$.experiment")]
    [InlineData("""{"rolloutPercent": "50"}""", "$.experiment.rolloutPercent")]
    [InlineData("""{"rolloutPercent": true}""", "$.experiment.rolloutPercent")]
    [InlineData("""{"holdoutPercent": [10]}""", "$.experiment.holdoutPercent")]
    [InlineData("""{"salt": 5}""", "$.experiment.salt")]
    [InlineData("""{"variants": {}}""", "$.experiment.variants")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A"}}, null]}""", "$.experiment.variants[1]")]
    [InlineData("""{"variants": [{"id": "a", "weight": "50", "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", "$.experiment.variants[0].weight")]
    [InlineData("""{"variants": [{"id": 1, "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", "$.experiment.variants[0].id")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": "A"}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", "$.experiment.variants[0].text")]
    [InlineData("""{"goal": "purchase"}""", "$.experiment.goal")]
    [InlineData("""{"goal": {"event": 5}}""", "$.experiment.goal.event")]
    [InlineData("""{"goal": {"page": {"all": [{"field": "page.path", "operator": "is", "value": "/"}]}}}""", "$.experiment.goal.page")]
    [InlineData("""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/"}, "window": true}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/"}, "window": {"days": 7}}}""", "$.experiment.goal.window")]
    public void ReadMessage_ExperimentValueOfTheWrongType_IsRefusedAtItsPath(string experiment, string path) =>
        Refused(ReadWith(experiment), JsonProblemCodes.WrongType, path);

    // --- Missing properties

    [Theory]
    [InlineData("""{"weight": 50, "text": {"default": "A"}}""", "$.experiment.variants[0].id")]
    [InlineData("""{"id": "a", "text": {"default": "A"}}""", "$.experiment.variants[0].weight")]
    [InlineData("""{"id": "a", "weight": null, "text": {"default": "A"}}""", "$.experiment.variants[0].weight")]
    [InlineData("""{"id": "a", "weight": 50}""", "$.experiment.variants[0].text")]
    [InlineData("""{"id": "a", "weight": 50, "text": {}}""", "$.experiment.variants[0].text.default")]
    public void ReadMessage_VariantWithoutARequiredProperty_IsRefusedAtIt(string variant, string path) =>
        Refused(ReadWith($$$"""{"variants": [{{{variant}}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}"""), JsonProblemCodes.MissingProperty, path);

    // --- Values out of range or format

    [Theory]
    [InlineData("""{"rolloutPercent": 1e30}""", "$.experiment.rolloutPercent")]
    [InlineData("""{"holdoutPercent": -1e300}""", "$.experiment.holdoutPercent")]
    [InlineData("""{"goal": {"event": "purchase", "window": "P1M"}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"event": "purchase", "window": "P1Y"}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"event": "purchase", "window": "a week"}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"event": "purchase", "window": ""}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"event": "purchase", "window": 1e20}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"event": "purchase", "window": "PT9223372036854775807H"}}""", "$.experiment.goal.window")]
    [InlineData("""{"goal": {"event": "purchase", "window": "P2147483647W"}}""", "$.experiment.goal.window")]
    public void ReadMessage_ExperimentValueOutOfRangeOrFormat_IsRefusedAsInvalid(string experiment, string path) =>
        Refused(ReadWith(experiment), JsonProblemCodes.InvalidValue, path);

    [Theory]
    [InlineData("-1")]
    [InlineData("\"PT0S\"")]
    [InlineData("\"P91D\"")]
    [InlineData("\"P13W\"")]
    [InlineData("7776001")]
    public void ReadMessage_GoalWindowOutOfTheGoalsRange_IsRefusedByValidation(string window) =>
        Refused(
            ReadWith($$$"""{"goal": {"page": {"field": "page.path", "operator": "is", "value": "/thanks"}, "window": {{{window}}}}}"""),
            ModelProblemCodes.ExperimentGoalWindowOutOfRange,
            "$.experiment.goal.window");

    // --- Validation, located in the document

    [Theory]
    [InlineData("""{"rolloutPercent": 100.5}""", ModelProblemCodes.ExperimentRolloutOutOfRange, "$.experiment.rolloutPercent")]
    [InlineData("""{"rolloutPercent": 12.345}""", ModelProblemCodes.ExperimentPercentPrecision, "$.experiment.rolloutPercent")]
    [InlineData("""{"holdoutPercent": 100}""", ModelProblemCodes.ExperimentHoldoutOutOfRange, "$.experiment.holdoutPercent")]
    [InlineData("""{"salt": "sal\u00e9"}""", ModelProblemCodes.ExperimentSaltInvalid, "$.experiment.salt")]
    [InlineData("""{"variants": [{"id": "a", "weight": 100, "text": {"default": "A"}}]}""", ModelProblemCodes.ExperimentVariantCount, "$.experiment.variants")]
    [InlineData("""{"variants": [{"id": "a b", "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", ModelProblemCodes.ExperimentVariantIdInvalid, "$.experiment.variants[0].id")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A"}}, {"id": "a", "weight": 50, "text": {"default": "B"}}]}""", ModelProblemCodes.ExperimentVariantIdDuplicate, "$.experiment.variants[1].id")]
    [InlineData("""{"variants": [{"id": "control", "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", ModelProblemCodes.ExperimentVariantIdReserved, "$.experiment.variants[0].id")]
    [InlineData("""{"variants": [{"id": "a", "weight": 0, "text": {"default": "A"}}, {"id": "b", "weight": 100, "text": {"default": "B"}}]}""", ModelProblemCodes.ExperimentVariantWeightOutOfRange, "$.experiment.variants[0].weight")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": 49.99, "text": {"default": "B"}}]}""", ModelProblemCodes.ExperimentVariantWeightSum, "$.experiment.variants")]
    [InlineData("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A \ud83d\udc4d"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""", ModelProblemCodes.TextEmoji, "$.experiment.variants[0].text.default")]
    [InlineData("""{"goal": {}}""", ModelProblemCodes.ExperimentGoalKind, "$.experiment.goal")]
    [InlineData("""{"goal": {"event": "purchase"}}""", ModelProblemCodes.ExperimentGoalEventUnknown, "$.experiment.goal.event")]
    [InlineData("""{"goal": {"page": {"field": "page.title", "operator": "is", "value": "Thanks"}}}""", ModelProblemCodes.ExperimentGoalPageField, "$.experiment.goal.page.field")]
    [InlineData("""{"goal": {"page": {"field": "page.path", "operator": "is", "value": 3}}}""", ConditionProblemCodes.ValueWrongType, "$.experiment.goal.page.value")]
    public void ReadMessage_ExperimentThatDoesNotValidate_IsRefusedWithTheValidatorsCodeAtItsPath(string experiment, string code, string path) =>
        Refused(ReadWith(experiment), code, path);

    [Fact]
    public void ReadMessage_FollowUpOnABotReplysVariant_IsRefusedAsUnused()
    {
        var json = WithExperiment("""{"variants": [{"id": "a", "weight": 50, "text": {"default": "A"}, "followUp": {"default": "Thanks"}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}""");
        var root = JsonNode.Parse(json)!.AsObject();
        root["reply"] = JsonNode.Parse("""{"type": "bot", "text": {"default": "Questions?"}, "answerId": "answer-pricing"}""");

        Refused(MessageJson.ReadMessage(root.ToJsonString()), ModelProblemCodes.FollowUpUnused, "$.experiment.variants[0].followUp");
    }

    [Fact]
    public void ReadMessage_LiveMessageWithAnEmptyVariantText_IsRefusedAsInconsistent() =>
        Refused(
            ReadWith("""{"variants": [{"id": "a", "weight": 50, "text": {"default": ""}}, {"id": "b", "weight": 50, "text": {"default": "B"}}]}"""),
            JsonProblemCodes.InconsistentState,
            "$.experiment.variants[0].text.default");

    [Fact]
    public void ReadCatalog_ExperimentProblem_IsLocatedInTheCatalog()
    {
        var result = MessageJson.ReadCatalog(Catalog("""{"variants": [{"id": "a", "weight": 60, "text": {"default": "A"}}, {"id": "b", "weight": 60, "text": {"default": "B"}}]}"""));

        Refused(result, ModelProblemCodes.ExperimentVariantWeightSum, "$.messages[0].experiment.variants");
    }

    [Fact]
    public void ReadCatalog_EventGoalNotDeclared_IsRefusedAtTheGoalsEvent() =>
        Refused(MessageJson.ReadCatalog(Catalog("""{"goal": {"event": "purchase"}}""", events: """["checkout"]""")), ModelProblemCodes.ExperimentGoalEventUnknown, "$.messages[0].experiment.goal.event");

    [Fact]
    public void ReadCatalog_JsonProblemInAnExperiment_IsLocatedInTheCatalog() =>
        Refused(MessageJson.ReadCatalog(Catalog("""{"rolloutPercent": "all"}""")), JsonProblemCodes.WrongType, "$.messages[0].experiment.rolloutPercent");

    [Fact]
    public void ReadMessage_ExperimentWithSeveralProblems_ListsEveryOne()
    {
        var result = ReadWith("""{"rolloutPercent": "50", "extra": 1, "variants": [{"weight": 50, "text": {"default": "A"}}, {"id": "b", "weight": true, "text": {"default": "B"}}], "goal": {"event": "e", "window": "P1M"}}""");

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                "json.unknownProperty $.experiment.extra",
                "json.wrongType $.experiment.rolloutPercent",
                "json.missingProperty $.experiment.variants[0].id",
                "json.wrongType $.experiment.variants[1].weight",
                "json.invalidValue $.experiment.goal.window",
            ],
            result.Problems.Select(p => $"{p.Code} {p.Path}"));
    }

    private static string Catalog(string experiment, string events = "[]")
    {
        var message = JsonNode.Parse(WithExperiment(experiment))!.AsObject();
        message.Remove("formatVersion");
        return $$"""{"formatVersion": 1, "workspace": {"id": "acme", "events": {{events}}}, "messages": [{{message.ToJsonString()}}]}""";
    }
}
