using System.Text.Json.Nodes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary><c>isOneOf</c> / <c>isNotOneOf</c> on number fields, with both evaluators.</summary>
public sealed class NumberListTests
{
    [Theory]
    [InlineData("isOneOf", 3.0, true)]
    [InlineData("isOneOf", 4.0, true)]
    [InlineData("isOneOf", 2.5, true)]
    [InlineData("isOneOf", 2.0, false)]
    [InlineData("isOneOf", null, false)]
    [InlineData("isNotOneOf", 3.0, false)]
    [InlineData("isNotOneOf", 4.0, false)]
    [InlineData("isNotOneOf", 2.0, true)]
    [InlineData("isNotOneOf", double.PositiveInfinity, true)]
    // The negation's missing-value rule: no number, no verdict.
    [InlineData("isNotOneOf", null, false)]
    public void NumberList_OnACustomNumber(string op, double? score, bool expected)
    {
        // Items may be numbers or texts parsed with the invariant culture.
        var condition = new Condition("custom.score", Enum.Parse<ConditionOperator>(op, ignoreCase: true), ConditionValue.FromList([3, "4", 2.5]));

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetNumber(ConditionAssert.Slot("custom.score"), score)));
    }

    [Theory]
    [InlineData(ConditionOperator.IsOneOf, 0, true)]
    [InlineData(ConditionOperator.IsOneOf, 1, false)]
    [InlineData(ConditionOperator.IsNotOneOf, 0, false)]
    [InlineData(ConditionOperator.IsNotOneOf, 2, true)]
    public void NumberList_OnAnEventCount_WhichIsAlwaysSet(ConditionOperator op, int count, bool expected)
    {
        var condition = new Condition("event.addedToCart.count", op, ConditionValue.FromList([0, 5]));

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetEventCount(ConditionAssert.Slot("event.addedToCart"), count)));
    }

    [Fact]
    public void NumberList_OnABuiltInNumber_AndZeroEqualsNegativeZero()
    {
        Assert.True(ConditionAssert.Evaluate(new Condition("visitor.visits", ConditionOperator.IsOneOf, ConditionValue.FromList([-0.0, 7])), v => v.SetVisits(0)));
        Assert.True(ConditionAssert.Evaluate(new Condition("visit.pageViews", ConditionOperator.IsNotOneOf, ConditionValue.FromList([1, 2])), v => v.SetPageViews(3)));
    }

    [Fact]
    public void NumberList_EvaluatesWithoutAllocating()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.All(
            new Condition("custom.score", ConditionOperator.IsOneOf, ConditionValue.FromList([1, 2, 3])),
            new Condition("visitor.visits", ConditionOperator.IsNotOneOf, ConditionValue.FromList([1]))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetNumber(ConditionAssert.Slot("custom.score"), 3);
        visitor.SetVisits(4);

        Assert.True(compiled.Evaluate(visitor));
        AllocationAssert.ZeroPerCall(() => compiled.Evaluate(visitor));
    }

    [Theory]
    [InlineData("[1, \"2,5\"]", ConditionProblemCodes.NumberInvalid, ".value[1]")]
    [InlineData("[1, \"x\"]", ConditionProblemCodes.NumberInvalid, ".value[1]")]
    [InlineData("[]", ConditionProblemCodes.ValueEmpty, ".value")]
    [InlineData("3", ConditionProblemCodes.ValueWrongType, ".value")]
    public void NumberList_WithABadValue_IsRefusedWithItsPath(string value, string code, string suffix)
    {
        var read = Read($$"""{"all": [{"field": "visitor.visits", "operator": "isNotOneOf", "value": {{value}}}]}""");

        Assert.False(read.Succeeded);
        Assert.Contains(read.Problems, p => p.Code == code && p.Path == "$.rules.conditions.all[0]" + suffix);
    }

    [Fact]
    public void NumberList_TooLong_IsRefused()
    {
        var condition = new Condition("visitor.visits", ConditionOperator.IsOneOf, ConditionValue.FromList(Enumerable.Range(0, 101).Select(i => (ConditionValue)i)));

        var problem = Assert.Single(ConditionAssert.Compiler.Compile(ConditionGroup.All(condition)).Problems);

        Assert.Equal((ConditionProblemCodes.ListTooLong, "$.rules.conditions.all[0].value"), (problem.Code, problem.Path));
    }

    [Theory]
    [InlineData("page.timeOnPage")]
    [InlineData("visitor.localTime")]
    [InlineData("custom.vip")]
    public void NumberList_OnOtherThanNumbers_IsNotAnOperatorOfTheField(string field)
    {
        var condition = new Condition(field, ConditionOperator.IsOneOf, ConditionValue.FromList([1]));

        var problem = Assert.Single(ConditionAssert.Compiler.Compile(ConditionGroup.All(condition)).Problems);

        Assert.Equal((ConditionProblemCodes.OperatorNotAllowed, "$.rules.conditions.all[0].operator"), (problem.Code, problem.Path));
    }

    [Fact]
    public void NumberList_Json_ReadsAndWritesBack()
    {
        var read = Read("""{"all": [{"field": "visitor.visits", "operator": "isOneOf", "value": [1, "2.5", 3]}]}""");

        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
        var written = MessageJson.WriteMessage(read.GetValueOrThrow());
        Assert.Equal(read.GetValueOrThrow().Rules.Conditions, MessageJson.ReadMessage(written).GetValueOrThrow().Rules.Conditions);
    }

    private static ValidationResult<ProactiveMessaging.Model.ProactiveMessage> Read(string conditions)
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        root["rules"]!["conditions"] = JsonNode.Parse(conditions);
        return MessageJson.ReadMessage(root.ToJsonString());
    }
}
