using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class CompiledConditionsTests
{
    private static readonly ConditionGroup Checkout = ConditionGroup.All(
        new Condition("page.path", ConditionOperator.StartsWith, "/checkout"),
        new Condition("page.timeOnPage", ConditionOperator.AtLeast, "PT30S"),
        ConditionGroup.Any(
            new Condition("device.type", ConditionOperator.Is, "mobile"),
            new Condition("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("JP", "FR"))),
        new Condition("visitor.isIdentified", ConditionOperator.IsFalse));

    private static VisitorContext Visitor()
    {
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetPageUrl("https://shop.example.com/checkout/payment?step=2");
        visitor.SetTimeOnPage(Duration.FromSeconds(45));
        visitor.SetDeviceType(DeviceType.Desktop);
        visitor.SetCountry("JP");
        visitor.SetIdentified(false);
        visitor.SetLanguage("ja-JP");
        visitor.SetLocalTime(Instant.FromUtc(2026, 3, 2, 1, 0), DateTimeZoneProviders.Tzdb["Asia/Tokyo"]);
        visitor.SetPageTitle("お支払い");
        visitor.SetEventCount(ConditionAssert.Slot("event.addedToCart"), 2);
        visitor.SetList(ConditionAssert.Slot("custom.segments"), ["beta", "vip"]);
        visitor.SetText(ConditionAssert.Slot("custom.plan"), "pro");
        return visitor;
    }

    [Fact]
    public void Explain_ListsEveryNodeByPath_WithWhetherItHeld()
    {
        var compiled = ConditionAssert.Compile(Checkout);
        var visitor = Visitor();
        visitor.SetIdentified(true);
        var explanation = compiled.Explain(visitor);

        Assert.False(explanation.Result);
        Assert.Equal(
            [
                ("$.rules.conditions", false),
                ("$.rules.conditions.all[0]", true),
                ("$.rules.conditions.all[1]", true),
                ("$.rules.conditions.all[2]", true),
                ("$.rules.conditions.all[2].any[0]", false),
                ("$.rules.conditions.all[2].any[1]", true),
                ("$.rules.conditions.all[3]", false),
            ],
            explanation.Outcomes.Select(o => (o.Path, o.Held)));
        var failed = Assert.Single(explanation.Failed, o => o.Path == "$.rules.conditions.all[3]");
        Assert.Equal("True", failed.Actual);
        Assert.Equal("desktop", explanation.Outcomes[4].Actual);
        Assert.Contains("all[3]: not held", explanation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ARealisticRule()
    {
        var compiled = ConditionAssert.Compile(Checkout);
        var visitor = Visitor();
        Assert.True(compiled.Evaluate(visitor));
        visitor.SetCountry("US");
        Assert.False(compiled.Evaluate(visitor));
        visitor.SetDeviceType(DeviceType.Mobile);
        Assert.True(compiled.Evaluate(visitor));
        visitor.Reset();
        Assert.False(compiled.Evaluate(visitor));
    }

    [Fact]
    public void Evaluate_DoesNotAllocate()
    {
        var rule = ConditionGroup.All(
            new Condition("page.path", ConditionOperator.MatchesWildcard, "/checkout/*"),
            new Condition("page.query.step", ConditionOperator.IsOneOf, ConditionValue.FromList("2", "3")),
            new Condition("page.title", ConditionOperator.ContainsOneOf, ConditionValue.FromList("支払", "pay")),
            new Condition("visitor.language", ConditionOperator.Is, "ja"),
            new Condition("visitor.localTime", ConditionOperator.Between, ConditionValue.FromRange("09:00", "18:00")),
            new Condition("visitor.localDayOfWeek", ConditionOperator.IsOneOf, ConditionValue.FromList("monday", "tuesday")),
            new Condition("event.addedToCart.occurred", ConditionOperator.IsTrue),
            new Condition("custom.segments", ConditionOperator.ContainsOneOf, ConditionValue.FromList("vip")),
            new Condition("custom.plan", ConditionOperator.IsNot, "free"),
            new Condition("page.url", ConditionOperator.MatchesPattern, "^https://shop\\."),
            new Condition("page.query.step", ConditionOperator.IsSet),
            new Condition("page.path", ConditionOperator.DoesNotContain, "/cart"));
        var compiled = ConditionAssert.Compile(rule);
        var visitor = Visitor();

        Assert.True(compiled.Evaluate(visitor));
        AllocationAssert.ZeroPerCall(() => compiled.Evaluate(visitor));
    }

    [Fact]
    public void Evaluate_NeverThrows_ForAForeignOrMissingVisitor()
    {
        var compiled = ConditionAssert.Compile(new Condition("custom.score", ConditionOperator.IsNotSet));
        Assert.False(compiled.Evaluate(null!));
        Assert.False(compiled.Evaluate(new VisitorContext(FieldCatalog.Default.WithEvent("x"))));
        Assert.True(compiled.Evaluate(new VisitorContext(ConditionAssert.Catalog.WithEvent("later"))));
        Assert.Throws<ArgumentException>(() => compiled.Explain(new VisitorContext()));
    }

    [Fact]
    public void Evaluate_ManyThreads_OneCompiledInstance()
    {
        var compiled = ConditionAssert.Compile(Checkout);
        Parallel.For(0, 8, _ =>
        {
            var visitor = Visitor();
            for (var i = 0; i < 10_000; i++)
            {
                Assert.True(compiled.Evaluate(visitor));
            }
        });
    }

    [Fact]
    public void Compile_TakesTheConstantTimeChecksOfARootAllGroup_AndLeavesTheRestAsInstructions()
    {
        // Checkout: a path literal, a duration and a boolean are root checks; the nested `any`
        // (two conditions) stays in the instruction array.
        var compiled = ConditionAssert.Compile(Checkout);
        Assert.Equal(3, compiled.RootCheckCount);
        Assert.Equal(5, compiled.ConditionCount);

        var rootAny = ConditionAssert.Compile(ConditionGroup.Any(
            new Condition("page.path", ConditionOperator.StartsWith, "/checkout"),
            new Condition("visit.pageViews", ConditionOperator.AtLeast, 2)));
        Assert.Equal(0, rootAny.RootCheckCount);
        Assert.Equal(2, rootAny.ConditionCount);
    }

    [Theory]
    [InlineData(ConditionOperator.GreaterThan, 2.5, 2.5, false)]
    [InlineData(ConditionOperator.GreaterThan, 2.5, 2.5000000000000004, true)]
    [InlineData(ConditionOperator.LessThan, 2.5, 2.5, false)]
    [InlineData(ConditionOperator.LessThan, 2.5, 2.4999999999999996, true)]
    [InlineData(ConditionOperator.GreaterThan, 0, double.Epsilon, true)]
    [InlineData(ConditionOperator.GreaterThan, 0, -0.0, false)]
    [InlineData(ConditionOperator.LessThan, 0, -double.Epsilon, true)]
    [InlineData(ConditionOperator.EqualTo, 0, -0.0, true)]
    [InlineData(ConditionOperator.GreaterThan, double.MaxValue, double.PositiveInfinity, true)]
    [InlineData(ConditionOperator.LessThan, -double.MaxValue, double.NegativeInfinity, true)]
    [InlineData(ConditionOperator.AtMost, 3, double.NaN, false)]
    public void Evaluate_StrictComparisonsAsIntervals_KeepTheirMeaningAtTheNextDouble(ConditionOperator op, double value, double visitorValue, bool expected)
    {
        // A root check turns "greater than n" into "at least the next double after n".
        var condition = new Condition("custom.score", op, value);
        Assert.Equal(expected, ConditionAssert.Evaluate(condition, v => v.SetNumber(ConditionAssert.Slot("custom.score"), visitorValue)));
    }

    [Fact]
    public void Evaluate_EnumWithTheMostValuesAllowed_ReachesTheLastCodeAsARootCheck()
    {
        var values = Enumerable.Range(0, FieldCatalog.MaxEnumValues).Select(i => "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var catalog = FieldCatalog.Default.WithCustomAttribute("tier", FieldType.Enum, values);
        var compiled = new ConditionCompiler(fields: catalog)
            .Compile(ConditionGroup.All(new Condition("custom.tier", ConditionOperator.IsOneOf, ConditionValue.FromList("v0", values[^1]))))
            .GetValueOrThrow();
        Assert.Equal(1, compiled.RootCheckCount);

        var visitor = new VisitorContext(catalog);
        var slot = catalog.GetSlot("custom.tier");
        visitor.SetText(slot, values[^1]);
        Assert.True(compiled.Evaluate(visitor));
        visitor.SetText(slot, values[^2]);
        Assert.False(compiled.Evaluate(visitor));
        visitor.SetText(slot, null);
        Assert.False(compiled.Evaluate(visitor));
    }

    [Fact]
    public void Evaluate_Contains_SeesEveryNewValueOfTheText()
    {
        // The visitor summarises a text's character pairs at the first substring check: a new
        // value (or a cleared one) must not be judged by the summary of the old one.
        var contains = ConditionAssert.Compile(new Condition("page.url", ConditionOperator.Contains, "utm_campaign=spring"));
        var doesNotContain = ConditionAssert.Compile(new Condition("page.url", ConditionOperator.DoesNotContain, "utm_campaign=spring"));
        var visitor = new VisitorContext(ConditionAssert.Catalog);

        visitor.SetPageUrl("https://shop.example.com/blog?utm_source=mail");
        Assert.False(contains.Evaluate(visitor));
        Assert.True(doesNotContain.Evaluate(visitor));

        visitor.SetPageUrl("https://shop.example.com/blog?utm_campaign=spring");
        Assert.True(contains.Evaluate(visitor));
        Assert.False(doesNotContain.Evaluate(visitor));

        visitor.SetPageUrl(null);
        Assert.False(contains.Evaluate(visitor));
        Assert.False(doesNotContain.Evaluate(visitor));

        visitor.SetPageUrl("https://x.example/?utm_campaign=spring");
        Assert.True(contains.Evaluate(visitor));
        visitor.Reset();
        Assert.False(contains.Evaluate(visitor));
    }

    [Theory]
    [InlineData("abcdef", "cd", true)]
    [InlineData("abcdef", "abcdef", true)]
    [InlineData("abcdef", "f", true)]
    [InlineData("a", "ab", false)]
    [InlineData("", "ab", false)]
    [InlineData("abcdef", "ce", false)]
    public void PairSignature_NeverRulesOutATextThatContainsTheNeedle(string text, string needle, bool contained)
    {
        var mayContain = PairSignature.MayContain(PairSignature.Of(text), PairSignature.Of(needle));
        Assert.Equal(contained, text.Contains(needle, StringComparison.Ordinal));
        if (contained)
        {
            Assert.True(mayContain);
        }

        var nickname = ConditionAssert.Slot("custom.nickname");
        Assert.Equal(contained, ConditionAssert.Evaluate(new Condition("custom.nickname", ConditionOperator.Contains, needle), v => v.SetText(nickname, text)));
    }
}
