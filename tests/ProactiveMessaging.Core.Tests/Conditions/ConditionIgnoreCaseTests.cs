using System.Text.Json.Nodes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime.Internal;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// <see cref="Condition.IgnoreCase"/>: a condition overrides its field's case rule, with both evaluators.
/// custom.nickname is declared case-sensitive, page.title ignores case.
/// </summary>
public sealed class ConditionIgnoreCaseTests
{
    [Theory]
    // An ordinal field compared ignoring case.
    [InlineData("custom.nickname", "is", "BOB", "bob", true)]
    [InlineData("custom.nickname", "isNot", "BOB", "bob", false)]
    [InlineData("custom.nickname", "contains", "OB", "bob", true)]
    [InlineData("custom.nickname", "doesNotContain", "OB", "bob", false)]
    [InlineData("custom.nickname", "startsWith", "BO", "bob", true)]
    [InlineData("custom.nickname", "doesNotStartWith", "BO", "bob", false)]
    [InlineData("custom.nickname", "endsWith", "OB", "bob", true)]
    [InlineData("custom.nickname", "doesNotEndWith", "OB", "bob", false)]
    [InlineData("custom.nickname", "matchesWildcard", "B*", "bob", true)]
    [InlineData("custom.nickname", "doesNotMatchWildcard", "B*", "bob", false)]
    [InlineData("custom.nickname", "matchesPattern", "^BO", "bob", true)]
    [InlineData("custom.nickname", "doesNotMatchPattern", "^BO", "bob", false)]
    [InlineData("custom.nickname", "isOneOf", "AL|BOB", "bob", true)]
    [InlineData("custom.nickname", "isNotOneOf", "AL|BOB", "bob", false)]
    [InlineData("custom.nickname", "containsOneOf", "X|OB", "bob", true)]
    [InlineData("custom.nickname", "is", "ABCDEFGHIJ", "abcdefghij", true)]
    [InlineData("page.path", "startsWith", "/CHECKOUT/", "/checkout/pay", true)]
    [InlineData("page.query.utm_source", "is", "MAIL", "/a?utm_source=mail", true)]
    public void IgnoreCaseTrue_OnAnOrdinalField_IgnoresCase(string field, string op, string value, string visitor, bool expected)
    {
        Assert.Equal(expected, Evaluate(field, op, value, visitor, ignoreCase: true));
        Assert.Equal(expected, !Evaluate(field, op, value, visitor, ignoreCase: false));
    }

    [Theory]
    // A field that ignores case compared ordinally.
    [InlineData("page.title", "is", "Pricing", "pricing", false)]
    [InlineData("page.title", "contains", "SALE", "summer sale", false)]
    [InlineData("page.title", "isNotOneOf", "Home|HELP", "help", true)]
    [InlineData("page.title", "matchesPattern", "^sale", "SALE today", false)]
    [InlineData("page.title", "matchesWildcard", "*SALE*", "Summer sale now", false)]
    [InlineData("device.os", "is", "ios", "iOS", false)]
    [InlineData("visitor.language", "startsWith", "JA", "ja-JP", false)]
    public void IgnoreCaseFalse_OnAFieldThatIgnoresCase_ComparesOrdinally(string field, string op, string value, string visitor, bool expected)
    {
        Assert.Equal(expected, Evaluate(field, op, value, visitor, ignoreCase: false));
        Assert.Equal(!expected, Evaluate(field, op, value, visitor, ignoreCase: true));
    }

    [Theory]
    [InlineData("contains", "BETA", true, true)]
    [InlineData("contains", "BETA", false, false)]
    [InlineData("doesNotContain", "BETA", false, true)]
    [InlineData("containsOneOf", "X|BETA", true, true)]
    public void IgnoreCase_OnAListField_AppliesToItsItems(string op, string value, bool ignoreCase, bool expected)
    {
        var @operator = Enum.Parse<ConditionOperator>(op, ignoreCase: true);
        ConditionValue conditionValue = @operator == ConditionOperator.ContainsOneOf ? ConditionValue.FromList(value.Split('|')) : value;
        var condition = new Condition("custom.segments", @operator, conditionValue) { IgnoreCase = ignoreCase };

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetList(ConditionAssert.Slot("custom.segments"), ["beta"])));
    }

    [Fact]
    public void OneAttribute_ComparedBothWaysInOneMessage()
    {
        var tree = ConditionGroup.All(
            new Condition("custom.nickname", ConditionOperator.StartsWith, "b") { IgnoreCase = true },
            new Condition("custom.nickname", ConditionOperator.IsNot, "Bob") { IgnoreCase = false });

        Assert.True(ConditionAssert.Evaluate(tree, v => v.SetText(ConditionAssert.Slot("custom.nickname"), "BOB")));
        Assert.False(ConditionAssert.Evaluate(tree, v => v.SetText(ConditionAssert.Slot("custom.nickname"), "Bob")));
    }

    [Theory]
    [InlineData("visitor.visits", ConditionOperator.EqualTo, 1)]
    [InlineData("device.type", ConditionOperator.Is, "mobile")]
    [InlineData("custom.plan", ConditionOperator.IsOneOf, "pro")]
    [InlineData("visitor.isReturning", ConditionOperator.IsTrue, null)]
    [InlineData("page.title", ConditionOperator.IsSet, null)]
    [InlineData("custom.segments", ConditionOperator.IsNotSet, null)]
    [InlineData("visitor.language", ConditionOperator.Is, "ja")]
    [InlineData("visitor.language", ConditionOperator.IsNotOneOf, "ja")]
    public void IgnoreCase_WhereNoTextIsCompared_IsRefusedAtItsPath(string field, ConditionOperator op, object? value)
    {
        ConditionValue? conditionValue = value switch
        {
            null => null,
            int number => number,
            string text when op is ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf => ConditionValue.FromList([text]),
            string text => text,
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        var tree = ConditionGroup.Any(new Condition(field, op, conditionValue) { IgnoreCase = true });

        var problem = Assert.Single(ConditionAssert.Compiler.Compile(tree).Problems);

        Assert.Equal((ConditionProblemCodes.IgnoreCaseNotAllowed, "$.rules.conditions.any[0].ignoreCase"), (problem.Code, problem.Path));
        Assert.Contains(field, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IgnoreCase_OnAPathLiteral_IsLookedUpIgnoringCase()
    {
        var literal = new Condition("page.path", ConditionOperator.StartsWith, "/Pricing/annual");

        Assert.False(Assert.Single(IndexAtom.Of(ConditionGroup.All(literal), FieldCatalog.Default)).IgnoreCase);
        Assert.False(Assert.Single(IndexAtom.Of(ConditionGroup.All(literal with { IgnoreCase = false }), FieldCatalog.Default)).IgnoreCase);
        Assert.True(Assert.Single(IndexAtom.Of(ConditionGroup.All(literal with { IgnoreCase = true }), FieldCatalog.Default)).IgnoreCase);
    }

    [Fact]
    public void Explanation_SaysWhichCaseRuleTheConditionUsed()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.All(new Condition("custom.nickname", ConditionOperator.Is, "BOB") { IgnoreCase = true }));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetText(ConditionAssert.Slot("custom.nickname"), "bob");

        var outcome = compiled.Explain(visitor).Outcomes[1];

        Assert.True(outcome.Held);
        Assert.Contains("ignoring case", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_TellsConditionsApartByTheirCaseRule()
    {
        var plain = new Condition("page.title", ConditionOperator.Is, "x");

        Assert.NotEqual(plain, plain with { IgnoreCase = true });
        Assert.NotEqual(plain with { IgnoreCase = false }, plain with { IgnoreCase = true });
        Assert.Equal(plain with { IgnoreCase = false }, new Condition("page.title", ConditionOperator.Is, "x") { IgnoreCase = false });
    }

    [Fact]
    public void Json_IgnoreCase_IsReadAndWrittenBack_AndLeftOutWhenNotSet()
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        root["rules"]!["conditions"] = JsonNode.Parse("""
            {"all": [
              {"field": "page.path", "operator": "startsWith", "value": "/CHECKOUT", "ignoreCase": true},
              {"field": "page.title", "operator": "is", "value": "Pay", "ignoreCase": false},
              {"field": "page.title", "operator": "contains", "value": "pay"}
            ]}
            """);

        var read = MessageJson.ReadMessage(root.ToJsonString());

        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
        var items = read.GetValueOrThrow().Rules.Conditions!.Items.Cast<Condition>().ToArray();
        Assert.Equal([true, false, null], items.Select(c => c.IgnoreCase));
        var written = JsonNode.Parse(MessageJson.WriteMessage(read.GetValueOrThrow()))!["rules"]!["conditions"]!["all"]!.AsArray();
        Assert.Equal([true, false, null], written.Select(c => c!["ignoreCase"]?.GetValue<bool>()));
        Assert.False(written[2]!.AsObject().ContainsKey("ignoreCase"));
    }

    [Fact]
    public void Json_IgnoreCaseOnANumber_IsAConditionProblemAtItsPath()
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        root["rules"]!["conditions"]!["all"]![1]!["ignoreCase"] = true;

        var read = MessageJson.ReadMessage(root.ToJsonString());

        Assert.False(read.Succeeded);
        Assert.Contains(read.Problems, p => p.Code == ConditionProblemCodes.IgnoreCaseNotAllowed && p.Path == "$.rules.conditions.all[1].ignoreCase");
    }

    private static bool Evaluate(string field, string op, string value, string visitor, bool ignoreCase)
    {
        var @operator = Enum.Parse<ConditionOperator>(op, ignoreCase: true);
        ConditionValue conditionValue = @operator is ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf or ConditionOperator.ContainsOneOf
            ? ConditionValue.FromList(value.Split('|'))
            : ConditionValue.FromText(value);
        var condition = new Condition(field, @operator, conditionValue) { IgnoreCase = ignoreCase };
        return ConditionAssert.Evaluate(condition, v => TextOperatorTests.SetText(v, field, visitor));
    }
}
