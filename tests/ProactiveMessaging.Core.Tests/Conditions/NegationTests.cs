using System.Text.Json.Nodes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// The <c>none</c> group and the negated operators, with both evaluators. A value "a|b" is a list for
/// isOneOf / isNotOneOf; a visitor value null is "not set".
/// </summary>
public sealed class NegationTests
{
    private static readonly Condition Mobile = new("device.type", ConditionOperator.Is, "mobile");
    private static readonly Condition Pricing = new("page.path", ConditionOperator.StartsWith, "/pricing");

    [Theory]
    // isNotOneOf: text (the field's case rule), URL values normalised, language ranges.
    [InlineData("page.path", "isNotOneOf", "/a|/b", "/c", true)]
    [InlineData("page.path", "isNotOneOf", "/a|/b", "/b", false)]
    [InlineData("page.path", "isNotOneOf", "/a|/B", "/b", true)]
    [InlineData("page.title", "isNotOneOf", "sale|deal", "SALE", false)]
    [InlineData("page.url", "isNotOneOf", "HTTPS://Example.com/a/|https://example.com/b", "https://example.com/a", false)]
    [InlineData("page.url", "isNotOneOf", "https://example.com/b", "https://example.com/a", true)]
    [InlineData("visitor.language", "isNotOneOf", "de|fr", "fr-CH", false)]
    [InlineData("visitor.language", "isNotOneOf", "de|fr", "it-CH", true)]
    [InlineData("visitor.language", "isNotOneOf", "*", "it", false)]
    // doesNotStartWith / doesNotEndWith, ordinal and ignoring case, short and long literals.
    [InlineData("page.path", "doesNotStartWith", "/shop", "/shop/cart", false)]
    [InlineData("page.path", "doesNotStartWith", "/shop", "/Shop/cart", true)]
    [InlineData("page.path", "doesNotStartWith", "/checkout/pay", "/checkout/pay/now", false)]
    [InlineData("page.path", "doesNotStartWith", "/checkout/pay", "/checkout", true)]
    [InlineData("device.os", "doesNotStartWith", "WIN", "Windows 11", false)]
    [InlineData("page.path", "doesNotEndWith", "/cart", "/shop/cart", false)]
    [InlineData("page.path", "doesNotEndWith", "/cart", "/shop/cart/x", true)]
    [InlineData("device.browser", "doesNotEndWith", "FOX", "Firefox", false)]
    [InlineData("custom.nickname", "doesNotEndWith", "BOB", "bob", true)]
    // doesNotMatchWildcard: the opposite of the whole-text match.
    [InlineData("page.path", "doesNotMatchWildcard", "/products/*/reviews", "/products/42/reviews", false)]
    [InlineData("page.path", "doesNotMatchWildcard", "/products/*/reviews", "/products/42/reviews/1", true)]
    [InlineData("page.path", "doesNotMatchWildcard", "*", "/", false)]
    [InlineData("page.title", "doesNotMatchWildcard", "*SALE*", "Summer sale now", false)]
    // doesNotMatchPattern: the regex finds no match (searched, not anchored).
    [InlineData("page.path", "doesNotMatchPattern", "^/products/[0-9]+$", "/products/42", false)]
    [InlineData("page.path", "doesNotMatchPattern", "^/products/[0-9]+$", "/products/42a", true)]
    [InlineData("page.title", "doesNotMatchPattern", "^sale", "SALE today", false)]
    [InlineData("custom.nickname", "doesNotMatchPattern", "^sale", "SALE today", true)]
    // An empty value is a value: negations hold on it.
    [InlineData("page.title", "doesNotStartWith", "a", "", true)]
    [InlineData("page.title", "isNotOneOf", "a|b", "", true)]
    [InlineData("page.title", "doesNotMatchWildcard", "a*", "", true)]
    [InlineData("page.title", "doesNotMatchPattern", "a", "", true)]
    public void NegatedTextOperator_IsTheOppositeForAVisitorWithAValue(string field, string op, string value, string? visitor, bool expected)
    {
        Assert.Equal(expected, Evaluate(field, op, value, visitor));
        var positive = Positive(op);
        Assert.Equal(!expected, Evaluate(field, positive, value, visitor));
    }

    [Theory]
    // The one rule of every negation: without a value for the field, it does not hold.
    [InlineData("page.title", "isNot", "x")]
    [InlineData("page.title", "doesNotContain", "x")]
    [InlineData("page.title", "isNotOneOf", "x|y")]
    [InlineData("page.title", "doesNotStartWith", "x")]
    [InlineData("page.title", "doesNotEndWith", "x")]
    [InlineData("page.title", "doesNotMatchWildcard", "x*")]
    [InlineData("page.title", "doesNotMatchPattern", "x")]
    [InlineData("page.path", "doesNotStartWith", "/checkout/pay")]
    [InlineData("page.url", "isNotOneOf", "https://example.com/")]
    [InlineData("visitor.language", "isNot", "ja")]
    [InlineData("visitor.language", "isNotOneOf", "ja|*")]
    [InlineData("page.query.utm_source", "isNot", "x")]
    [InlineData("page.query.utm_source", "doesNotContain", "x")]
    [InlineData("page.query.utm_source", "isNotOneOf", "x|y")]
    [InlineData("page.query.utm_source", "doesNotStartWith", "x")]
    [InlineData("page.query.utm_source", "doesNotEndWith", "x")]
    [InlineData("page.query.utm_source", "doesNotMatchWildcard", "x*")]
    [InlineData("page.query.utm_source", "doesNotMatchPattern", "x")]
    public void NegatedTextOperator_WithoutAValue_DoesNotHold(string field, string op, string value)
    {
        Assert.False(Evaluate(field, op, value, visitor: null));
    }

    [Fact]
    public void NegatedQueryOperator_WithAUrlWithoutTheParameter_DoesNotHold()
    {
        Assert.False(Evaluate("page.query.utm_source", "doesNotStartWith", "x", "/a?other=1"));
        Assert.True(Evaluate("page.query.utm_source", "doesNotStartWith", "x", "/a?utm_source=mail"));
        Assert.False(Evaluate("page.query.utm_source", "isNotOneOf", "mail|news", "/a?utm_source=mail"));
    }

    [Theory]
    // Enums: a value outside the list holds, a missing value does not; names ignore case.
    [InlineData("desktop|tablet", DeviceType.Mobile, true)]
    [InlineData("desktop|MOBILE", DeviceType.Mobile, false)]
    [InlineData("desktop|tablet", null, false)]
    public void EnumIsNotOneOf_HoldsForAValueOutsideTheList(string values, DeviceType? device, bool expected)
    {
        var condition = new Condition("device.type", ConditionOperator.IsNotOneOf, ConditionValue.FromList(values.Split('|')));

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetDeviceType(device)));
    }

    [Theory]
    [InlineData("pro", false)]
    [InlineData("gold", true)]
    [InlineData(null, false)]
    public void CustomEnumIsNotOneOf_AValueNotAllowed_IsInNoList(string? plan, bool expected)
    {
        var condition = new Condition("custom.plan", ConditionOperator.IsNotOneOf, ConditionValue.FromList(["free", "pro"]));

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetText(ConditionAssert.Slot("custom.plan"), plan)));
    }

    [Theory]
    // Existing negations keep the same rule.
    [InlineData(null, false)]
    [InlineData(2.0, true)]
    [InlineData(1.0, false)]
    public void NotEqualTo_WithoutAValue_DoesNotHold(double? score, bool expected)
    {
        var condition = new Condition("custom.score", ConditionOperator.NotEqualTo, 1);

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetNumber(ConditionAssert.Slot("custom.score"), score)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("beta", true)]
    [InlineData("alpha", false)]
    public void ListDoesNotContain_WithoutAValue_DoesNotHold(string? segment, bool expected)
    {
        var condition = new Condition("custom.segments", ConditionOperator.DoesNotContain, "alpha");

        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetList(ConditionAssert.Slot("custom.segments"), segment is null ? null : [segment])));
    }

    // --- The none group

    [Theory]
    [InlineData("/pricing/annual", DeviceType.Mobile, false)]
    [InlineData("/pricing/annual", DeviceType.Desktop, false)]
    [InlineData("/home", DeviceType.Mobile, false)]
    [InlineData("/home", DeviceType.Desktop, true)]
    [InlineData(null, null, true)]
    public void NoneGroup_HoldsWhenNoItemHolds(string? path, DeviceType? device, bool expected)
    {
        var none = ConditionGroup.None(Pricing, Mobile);

        Assert.Equal(expected, ConditionAssert.Evaluate(none, v =>
        {
            v.SetPageUrl(path);
            v.SetDeviceType(device);
        }));
    }

    [Theory]
    [InlineData("/pricing", DeviceType.Mobile, 3, false)]
    [InlineData("/home", DeviceType.Mobile, 3, true)]
    [InlineData("/home", DeviceType.Mobile, 1, false)]
    [InlineData("/home", DeviceType.Desktop, 3, false)]
    public void NoneGroup_NestedInAllAndAny_ShortCircuitsLikeTheReference(string path, DeviceType device, int visits, bool expected)
    {
        // all(mobile, none(pricing, any(visits < 2, desktop))): both evaluators, every exit of a nested none.
        var tree = ConditionGroup.All(
            Mobile,
            ConditionGroup.None(
                Pricing,
                ConditionGroup.Any(new Condition("visitor.visits", ConditionOperator.LessThan, 2), new Condition("device.type", ConditionOperator.Is, "desktop"))));

        Assert.Equal(expected, ConditionAssert.Evaluate(tree, v =>
        {
            v.SetPageUrl(path);
            v.SetDeviceType(device);
            v.SetVisits(visits);
        }));
    }

    [Fact]
    public void NoneGroup_CountsTowardsTheNestingLimitsLikeAnyGroup()
    {
        var tooDeep = ConditionGroup.All(Mobile, Pricing, ConditionGroup.None(Mobile, ConditionGroup.None(Mobile, ConditionGroup.None(Pricing))));
        var problems = ConditionAssert.Compiler.Compile(tooDeep).Problems;

        var problem = Assert.Single(problems);
        Assert.Equal((ConditionProblemCodes.TooDeep, "$.rules.conditions.all[2].none[1].none[1]"), (problem.Code, problem.Path));

        var small = ConditionGroup.All(Mobile, ConditionGroup.None(Pricing));
        var nesting = Assert.Single(ConditionAssert.Compiler.Compile(small).Problems);
        Assert.Equal((ConditionProblemCodes.NestingNotAllowed, "$.rules.conditions.all[1]"), (nesting.Code, nesting.Path));

        var empty = Assert.Single(ConditionAssert.Compiler.Compile(ConditionGroup.None()).Problems);
        Assert.Equal(ConditionProblemCodes.GroupEmpty, empty.Code);
    }

    [Fact]
    public void NoneGroup_ProblemsAndExplanations_NameItsItemsByNonePath()
    {
        var tree = ConditionGroup.None(new Condition("page.path", ConditionOperator.DoesNotStartWith, string.Empty));
        var problem = Assert.Single(ConditionAssert.Compiler.Compile(tree).Problems);
        Assert.Equal((ConditionProblemCodes.ValueEmpty, "$.rules.conditions.none[0].value"), (problem.Code, problem.Path));

        var compiled = ConditionAssert.Compile(ConditionGroup.None(Pricing, new Condition("page.title", ConditionOperator.IsNotOneOf, ConditionValue.FromList(["Home", "Help"]))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetPageUrl("/pricing/annual");
        visitor.SetPageTitle("Plans");
        var explanation = compiled.Explain(visitor);

        Assert.False(explanation.Result);
        Assert.Equal(["$.rules.conditions", "$.rules.conditions.none[0]", "$.rules.conditions.none[1]"], explanation.Outcomes.Select(o => o.Path));
        Assert.Equal([false, true, true], explanation.Outcomes.Select(o => o.Held));
        Assert.Equal("Plans", explanation.Outcomes[2].Actual);
        Assert.Contains("IsNotOneOf", explanation.Outcomes[2].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoneRoot_GivesTheIndexNothingToLookUp()
    {
        // A none of one page.path literal is met on every other path: the message is evaluated for every event.
        Assert.Empty(ProactiveMessaging.Runtime.Internal.IndexAtom.Of(ConditionGroup.None(new Condition("page.path", ConditionOperator.Is, "/pricing/annual")), FieldCatalog.Default));
    }

    [Fact]
    public void NegatedOperatorsAndNone_EvaluateWithoutAllocating()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.All(
            new Condition("page.path", ConditionOperator.DoesNotStartWith, "/account"),
            new Condition("page.path", ConditionOperator.DoesNotEndWith, ".pdf"),
            new Condition("page.title", ConditionOperator.IsNotOneOf, ConditionValue.FromList(["Home", "Help"])),
            new Condition("device.type", ConditionOperator.IsNotOneOf, ConditionValue.FromList(["tablet"])),
            new Condition("visitor.language", ConditionOperator.IsNotOneOf, ConditionValue.FromList(["de"])),
            new Condition("page.query.utm_source", ConditionOperator.DoesNotMatchWildcard, "spam*"),
            ConditionGroup.None(
                new Condition("page.path", ConditionOperator.DoesNotMatchPattern, "^/p/[0-9]+$"),
                new Condition("page.path", ConditionOperator.MatchesWildcard, "/products/*"))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetPageUrl("/p/42?utm_source=mail");
        visitor.SetPageTitle("Pricing");
        visitor.SetDeviceType(DeviceType.Mobile);
        visitor.SetLanguage("ja-JP");

        Assert.True(compiled.Evaluate(visitor));
        AllocationAssert.ZeroPerCall(() => compiled.Evaluate(visitor));
    }

    // --- Patterns that time out

    [Fact]
    public void DoesNotMatchPattern_WhenTheMatchTimesOut_DoesNotHoldAndIsCounted()
    {
        // A time-out is no answer: neither the match nor its negation holds.
        var timeout = TimeSpan.FromMilliseconds(1);
        var text = "negated-timeout-" + Guid.NewGuid().ToString("N");
        var timingOut = new TimingOutRegex(text, timeout);
        PatternCache.Shared.Set(text, ignoreCase: true, timeout, timingOut);
        var compiler = new ConditionCompiler(new MessageValidationOptions { PatternMatchTimeout = timeout });
        var compiled = compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.DoesNotMatchPattern, text))).GetValueOrThrow();
        var visitor = new VisitorContext();
        visitor.SetPageTitle("anything");

        Assert.False(compiled.Evaluate(visitor));
        Assert.Equal(1, compiled.PatternTimeouts);
        Assert.False(compiled.Explain(visitor).Outcomes[1].Held);
    }

    // --- Validation

    [Theory]
    [InlineData("page.path", ConditionOperator.DoesNotStartWith, "", ConditionProblemCodes.ValueEmpty, ".value")]
    [InlineData("page.path", ConditionOperator.DoesNotEndWith, "", ConditionProblemCodes.ValueEmpty, ".value")]
    [InlineData("page.path", ConditionOperator.DoesNotMatchWildcard, "", ConditionProblemCodes.ValueEmpty, ".value")]
    [InlineData("page.path", ConditionOperator.DoesNotMatchPattern, "(", ConditionProblemCodes.PatternInvalid, ".value")]
    [InlineData("page.path", ConditionOperator.DoesNotMatchPattern, "(?=a)", ConditionProblemCodes.PatternUnsupported, ".value")]
    [InlineData("page.path", ConditionOperator.IsNotOneOf, "/a", ConditionProblemCodes.ValueWrongType, ".value")]
    [InlineData("visitor.isReturning", ConditionOperator.DoesNotStartWith, "x", ConditionProblemCodes.OperatorNotAllowed, ".operator")]
    [InlineData("custom.segments", ConditionOperator.DoesNotEndWith, "x", ConditionProblemCodes.OperatorNotAllowed, ".operator")]
    public void NegatedOperator_WithABadValue_IsRefusedWithItsPath(string field, ConditionOperator op, string value, string code, string suffix)
    {
        var problem = Assert.Single(ConditionAssert.Compiler.Compile(ConditionGroup.All(new Condition(field, op, value))).Problems);

        Assert.Equal((code, "$.rules.conditions.all[0]" + suffix), (problem.Code, problem.Path));
    }

    [Theory]
    [InlineData("device.type", "desktop|phone", ConditionProblemCodes.ValueNotAllowed)]
    [InlineData("visitor.language", "en|e n", ConditionProblemCodes.LanguageInvalid)]
    public void IsNotOneOf_WithABadItem_NamesTheItem(string field, string values, string code)
    {
        var condition = new Condition(field, ConditionOperator.IsNotOneOf, ConditionValue.FromList(values.Split('|')));
        var problem = Assert.Single(ConditionAssert.Compiler.Compile(ConditionGroup.All(condition)).Problems);

        Assert.Equal((code, "$.rules.conditions.all[0].value[1]"), (problem.Code, problem.Path));
    }

    // --- JSON

    [Fact]
    public void Json_NoneGroupAndNegatedOperators_ReadAndWriteBack()
    {
        var json = WithConditions("""
            {"all": [
              {"field": "page.path", "operator": "doesNotStartWith", "value": "/account"},
              {"field": "visitor.country", "operator": "isNotOneOf", "value": ["US", "CA"]},
              {"none": [
                {"field": "page.path", "operator": "doesNotMatchWildcard", "value": "/products/*"},
                {"field": "page.title", "operator": "doesNotMatchPattern", "value": "^sale"},
                {"field": "page.url", "operator": "doesNotEndWith", "value": ".pdf"}
              ]}
            ]}
            """);

        var read = MessageJson.ReadMessage(json);

        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
        var conditions = read.Value.Rules.Conditions!;
        var none = Assert.IsType<ConditionGroup>(conditions.Items[2]);
        Assert.Equal(GroupOperator.None, none.Operator);
        Assert.Equal(ConditionOperator.DoesNotMatchWildcard, Assert.IsType<Condition>(none.Items[0]).Operator);
        var written = MessageJson.WriteMessage(read.Value);
        Assert.Contains("\"none\":", written, StringComparison.Ordinal);
        Assert.Contains("\"isNotOneOf\"", written, StringComparison.Ordinal);
        Assert.Equal(conditions, MessageJson.ReadMessage(written).GetValueOrThrow().Rules.Conditions);
    }

    [Theory]
    [InlineData("""{"none": [{"field": "page.url", "operator": "isSet"}], "any": [{"field": "page.url", "operator": "isSet"}]}""", "$.rules.conditions")]
    [InlineData("""{"none": [{"field": "page.url", "operator": "isSet"}], "field": "page.url"}""", "$.rules.conditions")]
    public void Json_NoneWithAnotherGroupOrACondition_IsRefused(string conditions, string path)
    {
        var read = MessageJson.ReadMessage(WithConditions(conditions));

        Assert.False(read.Succeeded);
        ProblemAssert.Single(read.Problems, JsonProblemCodes.InvalidValue, ProblemKind.Malformed, path);
    }

    private static string WithConditions(string conditions)
    {
        var root = JsonNode.Parse(MessageJsonReadTests.Valid)!.AsObject();
        root["rules"]!["conditions"] = JsonNode.Parse(conditions);
        return root.ToJsonString();
    }

    private static string Positive(string op) => op switch
    {
        "isNotOneOf" => "isOneOf",
        "doesNotStartWith" => "startsWith",
        "doesNotEndWith" => "endsWith",
        "doesNotMatchWildcard" => "matchesWildcard",
        "doesNotMatchPattern" => "matchesPattern",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static bool Evaluate(string field, string op, string value, string? visitor)
    {
        var @operator = Enum.Parse<ConditionOperator>(op, ignoreCase: true);
        ConditionValue conditionValue = @operator is ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf
            ? ConditionValue.FromList(value.Split('|'))
            : ConditionValue.FromText(value);
        return ConditionAssert.Evaluate(field, @operator, conditionValue, v => TextOperatorTests.SetText(v, field, visitor));
    }
}
