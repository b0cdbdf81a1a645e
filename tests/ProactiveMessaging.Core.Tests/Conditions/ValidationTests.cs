using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class ValidationTests
{
    private static Problem Single(ConditionGroup root, ConditionCompiler? compiler = null)
    {
        var result = (compiler ?? ConditionAssert.Compiler).Compile(root);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Problems);
    }

    private static Problem Single(Condition condition) => Single(ConditionGroup.All(condition));

    [Fact]
    public void UnknownField_SuggestsTheNearestName()
    {
        var problem = Single(new Condition("page.ulr", ConditionOperator.Contains, "x"));
        Assert.Equal(ConditionProblemCodes.FieldUnknown, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].field", problem.Path);
        Assert.Contains("Did you mean 'page.url'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownField_NothingNear_HasNoSuggestion()
    {
        var problem = Single(new Condition("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", ConditionOperator.IsSet));
        Assert.DoesNotContain("Did you mean", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndeclaredCustomAttribute_IsUnknown_WithTheDeclaredOneSuggested()
    {
        var problem = Single(new Condition("custom.plna", ConditionOperator.Is, "pro"));
        Assert.Equal(ConditionProblemCodes.FieldUnknown, problem.Code);
        Assert.Contains("custom.plan", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page.title", ConditionOperator.GreaterThan)]
    [InlineData("visit.pageViews", ConditionOperator.Contains)]
    [InlineData("device.type", ConditionOperator.Contains)]
    [InlineData("visitor.isReturning", ConditionOperator.Is)]
    [InlineData("custom.segments", ConditionOperator.Is)]
    [InlineData("visitor.localTime", ConditionOperator.Is)]
    public void OperatorNotAllowedForTheType(string field, ConditionOperator op)
    {
        var problem = Single(new Condition(field, op, "1"));
        Assert.Equal(ConditionProblemCodes.OperatorNotAllowed, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].operator", problem.Path);
    }

    [Fact]
    public void UnknownOperator()
    {
        Assert.Equal(ConditionProblemCodes.OperatorUnknown, Single(new Condition("page.title", (ConditionOperator)99, "x")).Code);
    }

    public static TheoryData<string, ConditionOperator, ConditionValue?, string, string> ValueProblems => new()
    {
        { "page.title", ConditionOperator.Is, null, ConditionProblemCodes.ValueRequired, ".value" },
        { "page.title", ConditionOperator.IsSet, "x", ConditionProblemCodes.ValueUnexpected, ".value" },
        { "visitor.isReturning", ConditionOperator.IsTrue, true, ConditionProblemCodes.ValueUnexpected, ".value" },
        { "page.title", ConditionOperator.Is, 3, ConditionProblemCodes.ValueWrongType, ".value" },
        { "page.title", ConditionOperator.Contains, "", ConditionProblemCodes.ValueEmpty, ".value" },
        { "page.title", ConditionOperator.Contains, new string('x', 1001), ConditionProblemCodes.ValueTooLong, ".value" },
        { "page.title", ConditionOperator.IsOneOf, "x", ConditionProblemCodes.ValueWrongType, ".value" },
        { "page.title", ConditionOperator.IsOneOf, ConditionValue.FromList(Array.Empty<string>()), ConditionProblemCodes.ValueEmpty, ".value" },
        { "page.title", ConditionOperator.IsOneOf, ConditionValue.FromList(Enumerable.Range(0, 101).Select(i => $"v{i}")), ConditionProblemCodes.ListTooLong, ".value" },
        { "page.title", ConditionOperator.IsOneOf, ConditionValue.FromList([ConditionValue.FromText("a"), ConditionValue.FromNumber(2)]), ConditionProblemCodes.ValueWrongType, ".value[1]" },
        { "page.title", ConditionOperator.ContainsOneOf, ConditionValue.FromList("a", ""), ConditionProblemCodes.ValueEmpty, ".value[1]" },
        { "visit.pageViews", ConditionOperator.AtLeast, "three", ConditionProblemCodes.NumberInvalid, ".value" },
        { "visit.pageViews", ConditionOperator.AtLeast, "3,5", ConditionProblemCodes.NumberInvalid, ".value" },
        { "visit.pageViews", ConditionOperator.AtLeast, true, ConditionProblemCodes.ValueWrongType, ".value" },
        { "visit.pageViews", ConditionOperator.Between, 3, ConditionProblemCodes.ValueWrongType, ".value" },
        { "visit.pageViews", ConditionOperator.Between, ConditionValue.FromRange(5, 2), ConditionProblemCodes.RangeInverted, ".value" },
        { "page.timeOnPage", ConditionOperator.AtLeast, -1, ConditionProblemCodes.DurationInvalid, ".value" },
        { "page.timeOnPage", ConditionOperator.AtLeast, "PT-5S", ConditionProblemCodes.DurationInvalid, ".value" },
        { "page.timeOnPage", ConditionOperator.AtLeast, "P1M", ConditionProblemCodes.DurationInvalid, ".value" },
        { "page.timeOnPage", ConditionOperator.AtLeast, "thirty", ConditionProblemCodes.DurationInvalid, ".value" },
        { "page.timeOnPage", ConditionOperator.Between, ConditionValue.FromRange("PT1M", 30), ConditionProblemCodes.RangeInverted, ".value" },
        { "page.timeOnPage", ConditionOperator.Between, ConditionValue.FromRange(-1, 30), ConditionProblemCodes.DurationInvalid, ".value.min" },
        { "visitor.localTime", ConditionOperator.AtLeast, "9am", ConditionProblemCodes.TimeInvalid, ".value" },
        { "visitor.localTime", ConditionOperator.AtLeast, "24:00", ConditionProblemCodes.TimeInvalid, ".value" },
        { "visitor.localTime", ConditionOperator.Between, ConditionValue.FromRange("09:00", "25:00"), ConditionProblemCodes.TimeInvalid, ".value.max" },
        { "visitor.country", ConditionOperator.Is, "XX", ConditionProblemCodes.ValueNotAllowed, ".value" },
        { "visitor.country", ConditionOperator.Is, "Japan", ConditionProblemCodes.ValueNotAllowed, ".value" },
        { "visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("JP", "UK"), ConditionProblemCodes.ValueNotAllowed, ".value[1]" },
        { "device.type", ConditionOperator.Is, "phone", ConditionProblemCodes.ValueNotAllowed, ".value" },
        { "visitor.localDayOfWeek", ConditionOperator.Is, "mon", ConditionProblemCodes.ValueNotAllowed, ".value" },
        { "custom.plan", ConditionOperator.Is, "gold", ConditionProblemCodes.ValueNotAllowed, ".value" },
        { "visitor.language", ConditionOperator.Is, "japanese", ConditionProblemCodes.LanguageInvalid, ".value" },
        { "visitor.language", ConditionOperator.IsOneOf, ConditionValue.FromList("ja", "e"), ConditionProblemCodes.LanguageInvalid, ".value[1]" },
        { "custom.segments", ConditionOperator.Contains, 3, ConditionProblemCodes.ValueWrongType, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "", ConditionProblemCodes.ValueEmpty, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "(a", ConditionProblemCodes.PatternInvalid, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, new string('a', 201), ConditionProblemCodes.PatternTooLong, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "((a+)+)+", ConditionProblemCodes.PatternTooNested, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "(a)\\1", ConditionProblemCodes.PatternUnsupported, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "foo(?=bar)", ConditionProblemCodes.PatternUnsupported, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "(?<!x)y", ConditionProblemCodes.PatternUnsupported, ".value" },
        { "page.title", ConditionOperator.MatchesPattern, "(?>a+)b", ConditionProblemCodes.PatternUnsupported, ".value" },
    };

    [Theory]
    [MemberData(nameof(ValueProblems))]
    public void Value_Problems_NameTheirPath(string field, ConditionOperator op, ConditionValue? value, string code, string pathSuffix)
    {
        var problem = Single(new Condition(field, op, value));
        Assert.Equal(code, problem.Code);
        Assert.Equal("$.rules.conditions.all[0]" + pathSuffix, problem.Path);
        Assert.Equal(ProblemKind.Malformed, problem.Kind);
    }

    [Theory]
    // Accepted edge values.
    [InlineData("visitor.localTime", "between", "22:00", "06:00")]
    [InlineData("page.timeOnPage", "between", "PT0S", "PT0S")]
    [InlineData("visit.pageViews", "between", "-5", "5")]
    public void Value_Ranges_Accepted(string field, string op, string min, string max)
    {
        Assert.True(ConditionAssert.Compiler.Compile(ConditionGroup.All(new Condition(field, ValueOperatorTests.Op(op), ConditionValue.FromRange(min, max)))).Succeeded);
    }

    [Fact]
    public void Pattern_WithTwoNestedQuantifiers_IsAccepted()
    {
        Assert.True(ConditionAssert.Compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.MatchesPattern, "(a+)+$"))).Succeeded);
        Assert.True(ConditionAssert.Compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.MatchesPattern, "[(+*]{2}\\(+"))).Succeeded);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce_WithItsPath()
    {
        var root = ConditionGroup.Any(
            new Condition("page.ulr", ConditionOperator.Contains, "x"),
            ConditionGroup.All(
                new Condition("visit.pageViews", ConditionOperator.Contains, "x"),
                new Condition("device.type", ConditionOperator.Is, "phone")),
            new Condition("page.title", ConditionOperator.MatchesPattern, "(a)\\1"));
        var result = ConditionAssert.Compiler.Compile(root);
        Assert.Equal(
            [
                ("$.rules.conditions.any[0].field", ConditionProblemCodes.FieldUnknown),
                ("$.rules.conditions.any[1].all[0].operator", ConditionProblemCodes.OperatorNotAllowed),
                ("$.rules.conditions.any[1].all[1].value", ConditionProblemCodes.ValueNotAllowed),
                ("$.rules.conditions.any[2].value", ConditionProblemCodes.PatternUnsupported),
            ],
            result.Problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    public void TwoConditions_CannotNest()
    {
        var root = ConditionGroup.All(
            new Condition("page.title", ConditionOperator.IsSet),
            ConditionGroup.Any(new Condition("page.url", ConditionOperator.IsSet)));
        var problem = Single(root);
        Assert.Equal(ConditionProblemCodes.NestingNotAllowed, problem.Code);
        Assert.Equal("$.rules.conditions.all[1]", problem.Path);
    }

    [Fact]
    public void EmptyGroups_AreRefused_WithTheirPath()
    {
        var root = ConditionGroup.All(
            new Condition("page.title", ConditionOperator.IsSet),
            new Condition("page.url", ConditionOperator.IsSet),
            new Condition("page.path", ConditionOperator.IsSet),
            ConditionGroup.Any());
        Assert.Equal("$.rules.conditions.all[3]", Single(root).Path);
        Assert.Equal(ConditionProblemCodes.GroupEmpty, Single(ConditionGroup.All()).Code);
    }

    [Fact]
    public void Depth_IsBoundedByOptions()
    {
        var leaf = new Condition("page.title", ConditionOperator.IsSet);
        var root = ConditionGroup.All(leaf, leaf, ConditionGroup.Any(leaf, ConditionGroup.All(leaf, ConditionGroup.Any(leaf))));
        var problem = Single(root);
        Assert.Equal(ConditionProblemCodes.TooDeep, problem.Code);
        Assert.Equal("$.rules.conditions.all[2].any[1].all[1]", problem.Path);

        var deeper = new ConditionCompiler(new MessageValidationOptions { MaxConditionDepth = 4 }, ConditionAssert.Catalog);
        Assert.True(deeper.Compile(root).Succeeded);
    }

    [Fact]
    public void Count_IsBoundedByOptions()
    {
        var leaf = new Condition("page.title", ConditionOperator.IsSet);
        var root = ConditionGroup.All(Enumerable.Repeat<ConditionNode>(leaf, 31));
        var problem = Single(root);
        Assert.Equal(ConditionProblemCodes.TooMany, problem.Code);
        Assert.Equal("$.rules.conditions", problem.Path);
        var small = new ConditionCompiler(new MessageValidationOptions { MaxConditions = 3 }, ConditionAssert.Catalog);
        Assert.Equal(ConditionProblemCodes.TooMany, Single(ConditionGroup.All(leaf, leaf, leaf, leaf), small).Code);
    }

    [Fact]
    public void ListSize_AndPatternLength_AreBoundedByOptions()
    {
        var compiler = new ConditionCompiler(new MessageValidationOptions { MaxListItems = 2, MaxPatternLength = 3 }, ConditionAssert.Catalog);
        Assert.Equal(ConditionProblemCodes.ListTooLong, Single(ConditionGroup.All(new Condition("page.title", ConditionOperator.IsOneOf, ConditionValue.FromList("a", "b", "c"))), compiler).Code);
        Assert.Equal(ConditionProblemCodes.PatternTooLong, Single(ConditionGroup.All(new Condition("page.title", ConditionOperator.MatchesPattern, "abcd")), compiler).Code);
    }

    [Fact]
    public void MessageValidator_ChecksConditionsAgainstItsCatalog()
    {
        var definition = new MessageDefinition
        {
            Name = "Checkout help",
            Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("custom.plan", ConditionOperator.Is, "pro")) },
        };
        var withoutCatalog = MessageValidator.Default.Validate(definition);
        Assert.Contains(withoutCatalog.Problems, p => p.Code == ConditionProblemCodes.FieldUnknown && p.Path == "$.rules.conditions.all[0].field");
        var withCatalog = new MessageValidator(fields: ConditionAssert.Catalog).Validate(definition);
        Assert.DoesNotContain(withCatalog.Problems, p => p.Code.StartsWith("conditions.", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_RejectNonPositiveLimits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionCompiler(new MessageValidationOptions { MaxListItems = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionCompiler(new MessageValidationOptions { PatternMatchTimeout = TimeSpan.Zero }));
    }
}
