using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>The version operators on <c>app.version</c> and a version custom attribute, with both evaluators; their validation and explanations.</summary>
public sealed class VersionOperatorTests
{
    private const string Minimum = "custom.minimumApp";

    [Theory]
    // Comparisons by precedence; "null" is not set.
    [InlineData("equalTo", "2.1.0", "2.1.0", true)]
    [InlineData("equalTo", "2.1", "2.1.0", true)]
    [InlineData("equalTo", "2.1.0", "v2.1.0+build.9", true)]
    [InlineData("equalTo", "2.1.0", "2.1.0-rc.1", false)]
    [InlineData("notEqualTo", "2.1.0", "2.1.1", true)]
    [InlineData("notEqualTo", "2.1.0", "2.1.0+other", false)]
    [InlineData("greaterThan", "2.1.0", "2.10.0", true)]
    [InlineData("greaterThan", "2.1.0", "2.1.0", false)]
    [InlineData("greaterThan", "1.0.0-beta.2", "1.0.0-beta.11", true)]
    [InlineData("atLeast", "2.1.0", "2.1.0", true)]
    [InlineData("atLeast", "2.1.0", "2.1.0-rc.1", false)]
    [InlineData("lessThan", "2.0.0", "2.0.0-rc.1", true)]
    [InlineData("lessThan", "2.0.0", "2.0.0", false)]
    [InlineData("atMost", "2.0.0", "2.0.0+1", true)]
    [InlineData("atMost", "2.0.0", "2.0.1", false)]
    [InlineData("equalTo", "2.1.0", null, false)]
    [InlineData("notEqualTo", "2.1.0", null, false)]
    [InlineData("lessThan", "2.1.0", null, false)]
    public void AppVersion_ComparesByPrecedence(string op, string value, string? appVersion, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("app.version", Op(op), value, v => v.SetAppVersion(appVersion)));
    }

    [Theory]
    [InlineData("2.0.0", true)]
    [InlineData("2.0.0-rc.1", false)]
    [InlineData("2.5.3", true)]
    [InlineData("3.0.0", true)]
    [InlineData("3.0.0+build", true)]
    [InlineData("3.0.1-alpha", false)]
    public void Between_IncludesBothEnds(string version, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("app.version", ConditionOperator.Between, ConditionValue.FromRange("2.0.0", "3.0.0"), v => v.SetAppVersion(version)));
    }

    [Theory]
    [InlineData("2.1.0", true)]
    [InlineData("v3", true)]
    [InlineData("3.0.0-beta", false)]
    [InlineData("2.1.1", false)]
    public void IsOneOf_MatchesAnEqualVersion(string version, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate("app.version", ConditionOperator.IsOneOf, ConditionValue.FromList("2.1", "3.0.0"), v => v.SetAppVersion(version)));
    }

    [Theory]
    // Not a version: the field is not set, so only isNotSet holds, negations included.
    [InlineData("latest")]
    [InlineData("1.2.3.4")]
    [InlineData("01.0.0")]
    [InlineData("")]
    public void VisitorValue_NotAVersion_IsNotSet(string text)
    {
        Assert.False(ConditionAssert.Evaluate(Minimum, ConditionOperator.NotEqualTo, "1.0.0", v => v.SetVersion(ConditionAssert.Slot(Minimum), text)));
        Assert.False(ConditionAssert.Evaluate(Minimum, ConditionOperator.AtMost, "99.0.0", v => v.SetVersion(ConditionAssert.Slot(Minimum), text)));
        Assert.False(ConditionAssert.Evaluate(Minimum, ConditionOperator.IsSet, null, v => v.SetVersion(ConditionAssert.Slot(Minimum), text)));
        Assert.True(ConditionAssert.Evaluate(Minimum, ConditionOperator.IsNotSet, null, v => v.SetVersion(ConditionAssert.Slot(Minimum), text)));
    }

    [Fact]
    public void VisitorValue_NotAVersion_ClearsAnEarlierVersion()
    {
        Assert.True(ConditionAssert.Evaluate("app.version", ConditionOperator.IsNotSet, null, v =>
        {
            v.SetAppVersion("2.0.0");
            v.SetAppVersion("two");
        }));
    }

    [Fact]
    public void VisitorValue_SurroundingWhiteSpace_IsIgnored()
    {
        Assert.True(ConditionAssert.Evaluate(Minimum, ConditionOperator.EqualTo, "4.2.0-beta.1", v => v.SetVersion(ConditionAssert.Slot(Minimum), "  4.2.0-beta.1\n")));
    }

    [Fact]
    public void SetVersion_OnAnotherType_Throws()
    {
        var visitor = new VisitorContext(ConditionAssert.Catalog);

        Assert.Throws<ArgumentException>(() => visitor.SetVersion(ConditionAssert.Slot("custom.score"), "1.0.0"));
    }

    [Fact]
    public void Explain_ShowsTheVisitorsVersion_AndEachVerdict()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.Any(
            new Condition("app.version", ConditionOperator.AtLeast, "2.0"),
            new Condition(Minimum, ConditionOperator.IsOneOf, ConditionValue.FromList("1.0.0", "1.1.0"))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetAppVersion("v1.9.3-rc.1");

        var explanation = compiled.Explain(visitor);

        Assert.Equal(
            [("$.rules.conditions", false, null), ("$.rules.conditions.any[0]", false, "v1.9.3-rc.1"), ("$.rules.conditions.any[1]", false, null)],
            explanation.Outcomes.Select(o => (o.Path, o.Held, o.Actual)));
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.All(
            new Condition("app.version", ConditionOperator.Between, ConditionValue.FromRange("2.0.0-beta", "3.0.0")),
            new Condition("app.version", ConditionOperator.IsOneOf, ConditionValue.FromList("2.9", "2.10.0-rc.1.x")),
            new Condition(Minimum, ConditionOperator.LessThan, "2.10.0-rc.1.y")));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        var slot = ConditionAssert.Slot(Minimum);

        AllocationAssert.ZeroPerCall(() =>
        {
            visitor.SetAppVersion("2.10.0-rc.1.x");
            visitor.SetVersion(slot, "2.10.0-rc.1.x");
            return compiled.Evaluate(visitor);
        });
    }

    [Theory]
    [InlineData("2.1.x", "$.rules.conditions.all[0].value")]
    [InlineData("1.2.3.4", "$.rules.conditions.all[0].value")]
    [InlineData("", "$.rules.conditions.all[0].value")]
    public void Validation_NotAVersion_IsRefused_NamingIt(string text, string path)
    {
        var problem = Single(new Condition("app.version", ConditionOperator.AtLeast, text));

        Assert.Equal(ConditionProblemCodes.VersionInvalid, problem.Code);
        Assert.Equal(path, problem.Path);
        Assert.Contains($"'{text}' is not a version", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ListItemNotAVersion_HasTheItemsPath()
    {
        var problem = Single(new Condition(Minimum, ConditionOperator.IsOneOf, ConditionValue.FromList("1.0.0", "1.0.0-", "2.0")));

        Assert.Equal(ConditionProblemCodes.VersionInvalid, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value[1]", problem.Path);
        Assert.Contains("identifier is empty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_InvertedRange_IsRefused()
    {
        var problem = Single(new Condition("app.version", ConditionOperator.Between, ConditionValue.FromRange("2.0.0", "2.0.0-rc.1")));

        Assert.Equal(ConditionProblemCodes.RangeInverted, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value", problem.Path);
    }

    [Fact]
    public void Validation_RangeBoundNotAVersion_HasTheBoundsPath()
    {
        var problem = Single(new Condition("app.version", ConditionOperator.Between, ConditionValue.FromRange("2.0.0", "three")));

        Assert.Equal(ConditionProblemCodes.VersionInvalid, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value.max", problem.Path);
    }

    [Fact]
    public void Validation_ANumber_IsTheWrongType()
    {
        // JSON reads 2.10 as the number 2.1: a version must be a text.
        var problem = Single(new Condition("app.version", ConditionOperator.EqualTo, 2.10));

        Assert.Equal(ConditionProblemCodes.ValueWrongType, problem.Code);
        Assert.Contains("\"2.1.0\"", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConditionOperator.Contains)]
    [InlineData(ConditionOperator.Is)]
    [InlineData(ConditionOperator.MatchesPattern)]
    public void Validation_TextOperator_IsNotAllowed_ListingTheVersionOperators(ConditionOperator op)
    {
        var problem = Single(new Condition("app.version", op, "2.0.0"));

        Assert.Equal(ConditionProblemCodes.OperatorNotAllowed, problem.Code);
        Assert.Contains("a version field; use one of: equalTo, notEqualTo, greaterThan, atLeast, lessThan, atMost, between, isOneOf, isSet, isNotSet", problem.Message, StringComparison.Ordinal);
    }

    private static Problem Single(Condition condition)
    {
        var result = ConditionAssert.Compiler.Compile(ConditionGroup.All(condition));
        Assert.False(result.Succeeded);
        return Assert.Single(result.Problems);
    }

    private static ConditionOperator Op(string name) => Enum.Parse<ConditionOperator>(name, ignoreCase: true);
}
