using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Model;
using static ProactiveMessaging.Tests.Model.SampleDefinitions;

namespace ProactiveMessaging.Tests.Model;

/// <summary>The rules of a message's experiment, each with its code, kind and path.</summary>
public sealed class MessageExperimentValidationTests
{
    private static readonly MessageValidator Validator = MessageValidator.Default;

    /// <summary>A validator whose fields declare the event <c>purchase</c>.</summary>
    private static readonly MessageValidator WithPurchase = new(fields: FieldCatalog.Default.WithEvent("purchase"));

    private static MessageVariant Variant(string id, decimal weight, string text = "Need help paying?") =>
        new() { Id = id, Weight = weight, Text = new LocalizedText(text) };

    /// <summary>A full experiment that validates: a rollout, three variants, a holdout, a page goal.</summary>
    private static MessageExperiment Full() => new()
    {
        RolloutPercent = 33.33m,
        Salt = "spring-2027",
        Variants = [Variant("a", 33.34m), Variant("b", 33.33m), Variant("c", 33.33m, "Questions about paying?")],
        HoldoutPercent = 10m,
        Goal = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.StartsWith, "/thanks")) with { Window = Duration.FromDays(14) },
    };

    private static MessageDefinition With(MessageExperiment experiment, MessageReply? reply = null) =>
        Complete() with { Experiment = experiment, Reply = reply ?? Complete().Reply };

    // --- Valid experiments

    [Fact]
    public void Validate_FullExperiment_SucceedsWithNoProblem()
    {
        var result = Validator.Validate(With(Full()));

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Empty(result.Problems);
        Assert.Equal(Full(), result.Value!.Experiment);
    }

    [Fact]
    public void Validate_ExperimentWithDefaultsOnly_SucceedsWithNoProblem() =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment())).Problems);

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("99.99")]
    [InlineData("100")]
    [InlineData("50.000")]
    public void Validate_RolloutInRange_Succeeds(string percent) =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment { RolloutPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) })).Problems);

    [Fact]
    public void Validate_EventGoalDeclaredInTheFields_Succeeds() =>
        Assert.Empty(WithPurchase.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForEvent("purchase") })).Problems);

    // --- Percentages

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("79228162514264337593543950335")]
    public void Validate_RolloutOutOfRange_ReportsItAtRolloutPercent(string percent)
    {
        var result = Validator.Validate(With(new MessageExperiment { RolloutPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentRolloutOutOfRange, ProblemKind.Malformed, "$.experiment.rolloutPercent");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("250")]
    public void Validate_HoldoutOutOfRange_ReportsItAtHoldoutPercent(string percent)
    {
        var result = Validator.Validate(With(new MessageExperiment { HoldoutPercent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentHoldoutOutOfRange, ProblemKind.Malformed, "$.experiment.holdoutPercent");
    }

    [Fact]
    public void Validate_HoldoutJustBelow100_Succeeds() =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment { HoldoutPercent = 99.99m })).Problems);

    [Theory]
    [InlineData("rollout")]
    [InlineData("holdout")]
    [InlineData("weight")]
    public void Validate_PercentWithThreeDecimals_ReportsPrecisionAtItsPath(string which)
    {
        var experiment = which switch
        {
            "rollout" => new MessageExperiment { RolloutPercent = 33.333m },
            "holdout" => new MessageExperiment { HoldoutPercent = 0.001m },
            _ => new MessageExperiment { Variants = [Variant("a", 50.005m), Variant("b", 49.995m)] },
        };

        var result = Validator.Validate(With(experiment));

        Assert.False(result.Succeeded);
        var path = which switch
        {
            "rollout" => "$.experiment.rolloutPercent",
            "holdout" => "$.experiment.holdoutPercent",
            _ => "$.experiment.variants[0].weight",
        };
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ExperimentPercentPrecision, path, ProblemKind.Malformed);
        Assert.All(result.Problems, p => Assert.Equal(ModelProblemCodes.ExperimentPercentPrecision, p.Code));
    }

    // --- Salt

    [Fact]
    public void Validate_SaltOfPrintableAsciiAtTheBound_Succeeds() =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment { Salt = " !~azAZ09" + new string('s', 55) })).Problems);

    [Theory]
    [InlineData(65, "s")]
    [InlineData(1, "é")]
    [InlineData(1, "\t")]
    [InlineData(1, "\u007f")]
    [InlineData(1, "\U0001F600")]
    public void Validate_SaltTooLongOrNotPrintableAscii_ReportsSaltInvalid(int count, string piece)
    {
        var result = Validator.Validate(With(new MessageExperiment { Salt = string.Concat(Enumerable.Repeat(piece, count)) }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentSaltInvalid, ProblemKind.Malformed, "$.experiment.salt");
    }

    // --- Variants

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Validate_OneOrSixVariants_ReportsTheCountAtVariants(int count)
    {
        var variants = Enumerable.Range(0, count).Select(i => Variant($"v{i}", count == 1 ? 100m : 10m)).ToArray();

        var result = Validator.Validate(With(new MessageExperiment { Variants = [.. variants] }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentVariantCount, ProblemKind.Malformed, "$.experiment.variants");
    }

    [Fact]
    public void Validate_FiveVariants_Succeeds() =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment { Variants = [.. Enumerable.Range(0, 5).Select(i => Variant($"v{i}", 20m))] })).Problems);

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("é")]
    public void Validate_VariantIdBreakingTheIdRule_ReportsIdInvalidAtTheId(string id)
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m), Variant(id, 50m)] }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentVariantIdInvalid, ProblemKind.Malformed, "$.experiment.variants[1].id");
    }

    [Fact]
    public void Validate_VariantIdTooLong_ReportsIdInvalid()
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m), Variant(new string('v', 65), 50m)] }));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentVariantIdInvalid, ProblemKind.Malformed, "$.experiment.variants[1].id");
    }

    [Fact]
    public void Validate_TwoVariantsWithOneId_ReportsTheDuplicateAtTheSecond()
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 40m), Variant("b", 30m), Variant("a", 30m)] }));

        Assert.False(result.Succeeded);
        var problem = ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentVariantIdDuplicate, ProblemKind.Malformed, "$.experiment.variants[2].id");
        Assert.Contains("$.experiment.variants[0]", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VariantIdsDifferingInCase_AreDistinct() =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m), Variant("A", 50m)] })).Problems);

    [Theory]
    [InlineData(ExperimentArms.Control)]
    [InlineData(ExperimentArms.Treatment)]
    public void Validate_VariantNamedAfterAnotherArm_ReportsIdReserved(string id)
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant(id, 50m), Variant("b", 50m)] }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentVariantIdReserved, ProblemKind.Malformed, "$.experiment.variants[0].id");
    }

    [Theory]
    [InlineData("0", "100")]
    [InlineData("-10", "110")]
    [InlineData("100.01", "-0.01")]
    public void Validate_WeightOutOfRange_ReportsItAtTheWeight(string first, string second)
    {
        var result = Validator.Validate(With(new MessageExperiment
        {
            Variants = [Variant("a", decimal.Parse(first, System.Globalization.CultureInfo.InvariantCulture)), Variant("b", decimal.Parse(second, System.Globalization.CultureInfo.InvariantCulture))],
        }));

        Assert.False(result.Succeeded);
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ExperimentVariantWeightOutOfRange, "$.experiment.variants[0].weight", ProblemKind.Malformed);
        Assert.DoesNotContain(result.Problems, p => p.Code == ModelProblemCodes.ExperimentVariantWeightSum);
    }

    [Theory]
    [InlineData("50", "49.99")]
    [InlineData("50", "50.01")]
    [InlineData("33.33", "33.33")]
    public void Validate_WeightsNotSummingTo100_ReportsTheSumAtVariants(string first, string second)
    {
        var result = Validator.Validate(With(new MessageExperiment
        {
            Variants = [Variant("a", decimal.Parse(first, System.Globalization.CultureInfo.InvariantCulture)), Variant("b", decimal.Parse(second, System.Globalization.CultureInfo.InvariantCulture))],
        }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentVariantWeightSum, ProblemKind.Malformed, "$.experiment.variants");
    }

    [Fact]
    public void Validate_FiveExtremeWeights_ReportsProblemsWithoutOverflowing()
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [.. Enumerable.Range(0, 5).Select(i => Variant($"v{i}", decimal.MaxValue))] }));

        Assert.Equal(5, result.Problems.Count(p => p.Code == ModelProblemCodes.ExperimentVariantWeightOutOfRange));
        ProblemAssert.Contains(result.Problems, ModelProblemCodes.ExperimentVariantWeightSum, "$.experiment.variants");
    }

    // --- Variant texts obey the reply's text rules

    [Fact]
    public void Validate_AgentVariantWithEmoji_ReportsTextEmojiAtTheVariantText()
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m), Variant("b", 50m, "Hi " + ThumbsUp)] }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.experiment.variants[1].text.default");
    }

    [Fact]
    public void Validate_AgentVariantLanguageVariantWithEmoji_ReportsTextEmojiAtTheLanguage()
    {
        var text = new LocalizedText("Hi", [KeyValuePair.Create("pt-BR", "Olá " + ThumbsUp)]);

        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m), Variant("b", 50m) with { Text = text }] }));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.experiment.variants[1].text.variants['pt-BR']");
    }

    [Fact]
    public void Validate_BotVariantWithEmoji_Succeeds()
    {
        var bot = new BotReply("Questions?", "answer-pricing");

        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m), Variant("b", 50m, "Hi " + ThumbsUp)] }, bot));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_VariantWithEmptyText_ReportsTextRequiredAsIncomplete()
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m, string.Empty), Variant("b", 50m)] }));

        Assert.True(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextRequired, ProblemKind.Incomplete, "$.experiment.variants[0].text.default");
    }

    [Fact]
    public void Validate_VariantTextTooLong_ReportsTextTooLong()
    {
        var result = Validator.Validate(With(new MessageExperiment { Variants = [Variant("a", 50m, new string('t', MessageValidationDefaults.MaxTextLength + 1)), Variant("b", 50m)] }));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextTooLong, ProblemKind.Malformed, "$.experiment.variants[0].text.default");
    }

    [Fact]
    public void Validate_VariantFollowUpOnAnAgentThatAsks_Succeeds()
    {
        var agent = new AgentReply("Need help?") { AskForEmail = true, FollowUp = new LocalizedText("Thanks!") };
        var experiment = new MessageExperiment { Variants = [Variant("a", 50m) with { FollowUp = new LocalizedText("Thank you!") }, Variant("b", 50m)] };

        Assert.Empty(Validator.Validate(With(experiment, agent)).Problems);
    }

    [Fact]
    public void Validate_VariantFollowUpWithEmoji_ReportsTextEmojiAtTheFollowUp()
    {
        var agent = new AgentReply("Need help?") { AskForEmail = true, FollowUp = new LocalizedText("Thanks!") };
        var experiment = new MessageExperiment { Variants = [Variant("a", 50m), Variant("b", 50m) with { FollowUp = new LocalizedText("Thanks " + ThumbsUp) }] };

        var result = Validator.Validate(With(experiment, agent));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.TextEmoji, ProblemKind.Malformed, "$.experiment.variants[1].followUp.default");
    }

    [Fact]
    public void Validate_VariantFollowUpOnAnAgentThatAsksNothing_ReportsFollowUpUnused()
    {
        var experiment = new MessageExperiment { Variants = [Variant("a", 50m) with { FollowUp = new LocalizedText("Thanks!") }, Variant("b", 50m)] };

        var result = Validator.Validate(With(experiment));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.FollowUpUnused, ProblemKind.Malformed, "$.experiment.variants[0].followUp");
    }

    [Fact]
    public void Validate_VariantFollowUpOnABotReply_ReportsFollowUpUnused()
    {
        var bot = new BotReply("Questions?", "answer-pricing");
        var experiment = new MessageExperiment { Variants = [Variant("a", 50m), Variant("b", 50m) with { FollowUp = new LocalizedText("Thanks!") }] };

        var result = Validator.Validate(With(experiment, bot));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.FollowUpUnused, ProblemKind.Malformed, "$.experiment.variants[1].followUp");
    }

    // --- Goal

    [Fact]
    public void Validate_GoalWithNeitherEventNorPage_ReportsGoalKind()
    {
        var result = Validator.Validate(With(new MessageExperiment { Goal = new ConversionGoal() }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentGoalKind, ProblemKind.Malformed, "$.experiment.goal");
    }

    [Fact]
    public void Validate_GoalWithBothEventAndPage_ReportsGoalKind()
    {
        var goal = new ConversionGoal { EventName = "purchase", Page = new Condition("page.path", ConditionOperator.Is, "/thanks") };

        var result = WithPurchase.Validate(With(new MessageExperiment { Goal = goal }));

        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentGoalKind, ProblemKind.Malformed, "$.experiment.goal");
    }

    [Theory]
    [InlineData("checkout")]
    [InlineData("")]
    [InlineData("Purchase")]
    [InlineData("purchase.count")]
    public void Validate_GoalEventNotDeclared_ReportsEventUnknown(string name)
    {
        var result = WithPurchase.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForEvent(name) }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentGoalEventUnknown, ProblemKind.Malformed, "$.experiment.goal.event");
    }

    [Fact]
    public void Validate_GoalEventWithoutDeclarations_ReportsEventUnknown() =>
        ProblemAssert.Single(
            Validator.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForEvent("purchase") })).Problems,
            ModelProblemCodes.ExperimentGoalEventUnknown,
            ProblemKind.Malformed,
            "$.experiment.goal.event");

    [Theory]
    [InlineData("page.url", ConditionOperator.Contains, "/thanks")]
    [InlineData("page.path", ConditionOperator.Is, "/thanks")]
    [InlineData("page.path", ConditionOperator.MatchesWildcard, "/orders/*/done")]
    public void Validate_PageGoalOnThePage_Succeeds(string field, ConditionOperator @operator, string value) =>
        Assert.Empty(Validator.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForPage(new Condition(field, @operator, value)) })).Problems);

    [Theory]
    [InlineData("page.title")]
    [InlineData("page.query.step")]
    [InlineData("visitor.country")]
    [InlineData("no.such.field")]
    public void Validate_PageGoalOnAnotherField_ReportsPageFieldAtTheField(string field)
    {
        var result = Validator.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForPage(new Condition(field, ConditionOperator.Is, "x")) }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentGoalPageField, ProblemKind.Malformed, "$.experiment.goal.page.field");
    }

    [Fact]
    public void Validate_PageGoalConditionThatDoesNotBind_ReportsTheConditionProblemAtThePage()
    {
        var result = Validator.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.GreaterThan, 3)) }));

        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.StartsWith("$.experiment.goal.page", p.Path, StringComparison.Ordinal));
        Assert.All(result.Problems, p => Assert.StartsWith("conditions.", p.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PageGoalWithABadPattern_ReportsThePatternProblem()
    {
        var result = Validator.Validate(With(new MessageExperiment { Goal = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.MatchesPattern, "(unclosed")) }));

        Assert.False(result.Succeeded);
        Assert.All(result.Problems, p => Assert.StartsWith("$.experiment.goal.page", p.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(90L * 86_400 + 1)]
    public void Validate_GoalWindowNotPositiveOrPast90Days_ReportsWindowOutOfRange(long seconds)
    {
        var goal = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.Is, "/thanks")) with { Window = Duration.FromSeconds(seconds) };

        var result = Validator.Validate(With(new MessageExperiment { Goal = goal }));

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ModelProblemCodes.ExperimentGoalWindowOutOfRange, ProblemKind.Malformed, "$.experiment.goal.window");
    }

    [Fact]
    public void Validate_GoalWindowOf90DaysAndOfOneNanosecond_Succeed()
    {
        var page = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.Is, "/thanks"));

        Assert.Empty(Validator.Validate(With(new MessageExperiment { Goal = page with { Window = ConversionGoal.MaxWindow } })).Problems);
        Assert.Empty(Validator.Validate(With(new MessageExperiment { Goal = page with { Window = Duration.Epsilon } })).Problems);
    }

    // --- Every problem at once

    [Fact]
    public void Validate_ExperimentWithManyProblems_ListsEveryOne()
    {
        var experiment = new MessageExperiment
        {
            RolloutPercent = 101m,
            Salt = "é",
            Variants = [Variant("control", 50m), Variant("b", 40m, "Hi " + ThumbsUp)],
            HoldoutPercent = 100m,
            Goal = new ConversionGoal { Window = Duration.Zero },
        };

        var result = Validator.Validate(With(experiment));

        Assert.Equal(
            [
                "experiment.rollout.outOfRange $.experiment.rolloutPercent",
                "experiment.holdout.outOfRange $.experiment.holdoutPercent",
                "experiment.salt.invalid $.experiment.salt",
                "experiment.variant.idReserved $.experiment.variants[0].id",
                "experiment.variants.weightSum $.experiment.variants",
                "experiment.goal.kind $.experiment.goal",
                "experiment.goal.windowOutOfRange $.experiment.goal.window",
                "text.emoji $.experiment.variants[1].text.default",
            ],
            result.Problems.Select(p => $"{p.Code} {p.Path}"));
    }
}
