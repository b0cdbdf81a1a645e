using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>On random valid trees and random visitors, the compiled evaluator agrees with the reference interpreter.</summary>
public sealed class CompiledMatchesReferenceProperties
{
    [Property(MaxTest = 3000, Arbitrary = [typeof(ConditionArbitraries)])]
    public Property Compiled_AgreesWith_Reference(ConditionCase @case)
    {
        var compiled = ConditionAssert.Compile(@case.Tree);
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        @case.Visitor.Apply(visitor);
        var fast = compiled.Evaluate(visitor);
        var reference = ConditionAssert.Compiler.CreateReference().Evaluate(@case.Tree, visitor, "$", outcomes: null);
        return (fast == reference).Label($"compiled {fast}, reference {reference}");
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(ConditionArbitraries)])]
    public bool Explanation_AgreesWith_Evaluate(ConditionCase @case)
    {
        var compiled = ConditionAssert.Compile(@case.Tree);
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        @case.Visitor.Apply(visitor);
        var explanation = compiled.Explain(visitor);
        return explanation.Result == compiled.Evaluate(visitor)
            && explanation.Outcomes[0].Path == "$.rules.conditions"
            && explanation.Outcomes.Length == CountNodes(@case.Tree);
    }

    private static int CountNodes(ConditionNode node) => node is ConditionGroup group ? 1 + group.Items.Sum(CountNodes) : 1;
}

/// <summary>A rule tree and a visitor, printed readably when FsCheck reports a (shrunk) counterexample.</summary>
public sealed record ConditionCase(ConditionGroup Tree, VisitorSpec Visitor)
{
    public override string ToString() => $"{Describe(Tree)} WITH {Visitor}";

    private static string Describe(ConditionNode node) => node switch
    {
        ConditionGroup group => $"{group.Operator}({string.Join(", ", group.Items.Select(Describe))})",
        Condition condition => $"[{condition.Field} {condition.Operator} {condition.Value}]",
        _ => "?",
    };
}

/// <summary>A visitor as a list of (field, value) pairs: easy to generate, print and shrink.</summary>
public sealed record VisitorSpec(ImmutableArray<KeyValuePair<string, object>> Values)
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 2, 0, 0);

    public void Apply(VisitorContext visitor)
    {
        foreach (var (field, value) in Values)
        {
            switch (field)
            {
                case "url": visitor.SetPageUrl((string)value); break;
                case "title": visitor.SetPageTitle((string)value); break;
                case "referrer": visitor.SetReferrer((string)value); break;
                case "timeOnPage": visitor.SetTimeOnPage(Duration.FromSeconds((double)value)); break;
                case "pageViews": visitor.SetPageViews((int)value); break;
                case "visits": visitor.SetVisits((int)value); break;
                case "returning": visitor.SetReturning((bool)value); break;
                case "identified": visitor.SetIdentified((bool)value); break;
                case "language": visitor.SetLanguage((string)value); break;
                case "country": visitor.SetCountry((string)value); break;
                case "minuteOfWeek": visitor.SetLocalTime(Monday.Plus(Duration.FromMinutes((int)value)), DateTimeZone.Utc); break;
                case "device": visitor.SetDeviceType((DeviceType)value); break;
                case "os": visitor.SetOperatingSystem((string)value); break;
                case "browser": visitor.SetBrowser((string)value); break;
                case "channel": visitor.SetChannelKind((string)value); break;
                case "plan": visitor.SetText(ConditionAssert.Slot("custom.plan"), (string)value); break;
                case "segments": visitor.SetList(ConditionAssert.Slot("custom.segments"), (string[])value); break;
                case "score": visitor.SetNumber(ConditionAssert.Slot("custom.score"), (double)value); break;
                case "nickname": visitor.SetText(ConditionAssert.Slot("custom.nickname"), (string)value); break;
                case "trial": visitor.SetDuration(ConditionAssert.Slot("custom.trial"), Duration.FromSeconds((double)value)); break;
                case "vip": visitor.SetBoolean(ConditionAssert.Slot("custom.vip"), (bool)value); break;
                case "opensAt": visitor.SetTimeOfDay(ConditionAssert.Slot("custom.opensAt"), LocalTime.FromSecondsSinceMidnight((int)value)); break;
                case "addedToCart": visitor.SetEventCount(ConditionAssert.Slot("event.addedToCart"), (int)value); break;
                default: throw new InvalidOperationException(field);
            }
        }
    }

    public override string ToString() =>
        "{" + string.Join(", ", Values.Select(v => $"{v.Key}: {(v.Value is string[] items ? "[" + string.Join("|", items) + "]" : Convert.ToString(v.Value, CultureInfo.InvariantCulture))}")) + "}";
}

public static class ConditionArbitraries
{
    // Visitor texts and condition texts share a vocabulary so that conditions often hold;
    // it includes empty strings, non-ASCII text and casing traps.
    private static readonly string[] Texts =
    [
        "", "a", "A", "ab", "sale", "SALE 50%", "/products/42/reviews", "/Products", "products", "42", "/", "Straße", "STRASSE",
        "istanbul", "İstanbul", "ISTANBUL", "ı", "I", "été", "ÉTÉ", "日本", "x/y/z", "https://example.com/", "?utm", "é",
    ];

    private static readonly string[] NonEmptyTexts = Texts.Where(t => t.Length > 0).ToArray();

    private static readonly string[] Urls =
    [
        "https://Example.com/products/42/reviews?utm_source=mail", "/checkout/", "https://example.com", "",
        "http://EXAMPLE.com:80/a/b/?utm_source=spring%20sale#frag", "/p?utm_source=a+b&x=1", "/a?utm_source", "/products/7/reviews/",
        "https://example.com/Products?utm_source=caf%C3%A9", "https://example.com/x?utm_source=%ZZ",
    ];

    private static readonly string[] UrlValues =
    [
        "https://example.com/products/42/reviews?utm_source=mail", "/checkout", "https://EXAMPLE.com/", "products", "/a", "utm_source",
        "https://example.com/", "/products/", "spring sale", "a b", "café", "mail", "%ZZ", "/p",
    ];

    private static readonly string[] Wildcards = ["*", "a*", "*a", "/products/*/reviews", "*/*", "*sale*", "s*e", "a**b", "*é*", "*42*", "https://*.com/*", "/products/*"];

    private static readonly string[] Patterns = ["^a", "b$", "[0-9]+", "(ab)+", "^/products/[0-9]+", "é", "s.l", "^$", "(a+)+$", "^https?://", "istanbul"];

    private static readonly string[] Languages = ["ja", "ja-JP", "JA-jp", "en-GB", "en", "pt_BR", "zh-Hant-TW", "", "jav", "de-CH"];

    private static readonly string[] LanguageRanges = ["ja", "ja-JP", "en", "pt-BR", "zh-Hant", "*", "jav", "de"];

    private static readonly string[] Countries = ["JP", "us", "FR", "DE", "TR", "XX"];

    private static readonly string[] Segments = ["alpha", "Beta", "BETA", "", "gamma", "İ"];

    public static Arbitrary<ConditionCase> Cases() =>
        Arb.From(
            from tree in Group(1).Where(IsValid)
            from visitor in Visitor()
            select new ConditionCase(tree, visitor),
            Shrink);

    private static bool IsValid(ConditionGroup tree) => ConditionAssert.Compiler.Compile(tree).Succeeded;

    private static Gen<ConditionGroup> Group(int depth) =>
        from op in Gen.Elements(GroupOperator.All, GroupOperator.Any)
        from count in Gen.Choose(1, 4)
        from items in Gen.ArrayOf(Node(depth), count)
        select new ConditionGroup(op, items);

    private static Gen<ConditionNode> Node(int depth) => depth >= 3
        ? Condition().Select(c => (ConditionNode)c)
        : Gen.Frequency((4, Condition().Select(c => (ConditionNode)c)), (1, Gen.Fresh(() => Group(depth + 1)).SelectMany(g => g).Select(g => (ConditionNode)g)));

    private static Gen<Condition> Condition() => Gen.Frequency(
        (6, TextCondition()),
        (2, Gen.Elements("visit.pageViews", "visitor.visits", "custom.score", "event.addedToCart.count").SelectMany(f => Numeric(f, NumberValues()))),
        (2, Gen.Elements("page.timeOnPage", "custom.trial").SelectMany(f => Numeric(f, Gen.Elements<ConditionValue>(0, 10, 30, 60, "PT30S", "PT1M", "PT0S")))),
        (2, Gen.Elements("visitor.localTime", "custom.opensAt").SelectMany(f => Numeric(f, Gen.Elements<ConditionValue>("00:00", "06:00", "09:00", "12:30", "18:00", "22:00", "23:59:59")))),
        (3, EnumCondition()),
        (1, Gen.Elements("visitor.isReturning", "visitor.isIdentified", "custom.vip", "event.addedToCart.occurred")
            .SelectMany(f => Gen.Elements(ConditionOperator.IsTrue, ConditionOperator.IsFalse, ConditionOperator.IsSet, ConditionOperator.IsNotSet).Select(op => new Condition(f, op)))),
        (1, ListCondition()));

    private static Gen<ConditionValue> NumberValues() => Gen.Elements<ConditionValue>(-1, 0, 1, 2, 3, 5, 2.5, "4");

    private static Gen<Condition> Numeric(string field, Gen<ConditionValue> values) =>
        from op in Gen.Elements(
            ConditionOperator.EqualTo, ConditionOperator.NotEqualTo, ConditionOperator.GreaterThan, ConditionOperator.AtLeast,
            ConditionOperator.LessThan, ConditionOperator.AtMost, ConditionOperator.Between, ConditionOperator.IsSet, ConditionOperator.IsNotSet)
        from a in values
        from b in values
        select op switch
        {
            ConditionOperator.IsSet or ConditionOperator.IsNotSet => new Condition(field, op),
            ConditionOperator.Between => new Condition(field, op, Ordered(field, a, b)),
            _ => new Condition(field, op, a),
        };

    // Ranges of times of day may cross midnight; other ranges are written in order.
    private static ConditionValue Ordered(string field, ConditionValue a, ConditionValue b)
    {
        if (field.EndsWith("ime", StringComparison.Ordinal) || field.EndsWith("At", StringComparison.Ordinal))
        {
            return ConditionValue.FromRange(a, b);
        }

        static double Seconds(ConditionValue v) => v.Kind == ConditionValueKind.Number ? v.Number
            : v.Text.StartsWith('P') ? NodaTime.Text.PeriodPattern.NormalizingIso.Parse(v.Text).Value.ToDuration().TotalSeconds
            : double.Parse(v.Text, CultureInfo.InvariantCulture);
        return Seconds(a) <= Seconds(b) ? ConditionValue.FromRange(a, b) : ConditionValue.FromRange(b, a);
    }

    private static Gen<Condition> TextCondition() =>
        from field in Gen.Elements("page.url", "page.path", "page.title", "page.referrer", "device.os", "device.browser", "custom.nickname", "page.query.utm_source", "visitor.language")
        from op in Gen.Elements(
            ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.Contains, ConditionOperator.DoesNotContain,
            ConditionOperator.StartsWith, ConditionOperator.EndsWith, ConditionOperator.MatchesWildcard, ConditionOperator.MatchesPattern,
            ConditionOperator.IsOneOf, ConditionOperator.ContainsOneOf, ConditionOperator.IsSet, ConditionOperator.IsNotSet)
        from value in TextValue(field, op)
        select new Condition(field, op, value);

    private static Gen<ConditionValue?> TextValue(string field, ConditionOperator op)
    {
        var urlLike = field is "page.url" or "page.path" or "page.referrer" or "page.query.utm_source";
        var single = field == "visitor.language" && op is ConditionOperator.Is or ConditionOperator.IsNot or ConditionOperator.IsOneOf
            ? Gen.Elements(LanguageRanges)
            : urlLike ? Gen.Elements(UrlValues.Concat(NonEmptyTexts).ToArray()) : Gen.Elements(NonEmptyTexts);
        return op switch
        {
            ConditionOperator.IsSet or ConditionOperator.IsNotSet => Gen.Constant<ConditionValue?>(null),
            ConditionOperator.MatchesWildcard => Gen.Elements(Wildcards).Select(v => (ConditionValue?)v),
            ConditionOperator.MatchesPattern => Gen.Elements(Patterns).Select(v => (ConditionValue?)v),
            ConditionOperator.IsOneOf or ConditionOperator.ContainsOneOf =>
                Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(single, n)).Select(items => (ConditionValue?)ConditionValue.FromList(items)),
            ConditionOperator.Is or ConditionOperator.IsNot when field != "visitor.language" =>
                Gen.Frequency((1, Gen.Constant(string.Empty)), (9, single)).Select(v => (ConditionValue?)v),
            _ => single.Select(v => (ConditionValue?)v),
        };
    }

    private static Gen<Condition> EnumCondition() =>
        from pick in Gen.Elements(
            ("device.type", new[] { "desktop", "MOBILE", "tablet" }),
            ("visitor.country", new[] { "JP", "us", "FR", "DE", "TR" }),
            ("visitor.localDayOfWeek", new[] { "monday", "Saturday", "sunday", "friday" }),
            ("channel.kind", new[] { "webWidget", "mobileSdk" }),
            ("custom.plan", new[] { "free", "PRO", "enterprise" }))
        from op in Gen.Elements(ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.IsOneOf, ConditionOperator.IsSet, ConditionOperator.IsNotSet)
        from value in Gen.Elements(pick.Item2)
        from values in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(pick.Item2), n))
        select op switch
        {
            ConditionOperator.IsSet or ConditionOperator.IsNotSet => new Condition(pick.Item1, op),
            ConditionOperator.IsOneOf => new Condition(pick.Item1, op, ConditionValue.FromList(values)),
            _ => new Condition(pick.Item1, op, value),
        };

    private static Gen<Condition> ListCondition() =>
        from op in Gen.Elements(ConditionOperator.Contains, ConditionOperator.DoesNotContain, ConditionOperator.ContainsOneOf, ConditionOperator.IsSet, ConditionOperator.IsNotSet)
        from value in Gen.Elements(Segments)
        from values in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Segments), n))
        select op switch
        {
            ConditionOperator.IsSet or ConditionOperator.IsNotSet => new Condition("custom.segments", op),
            ConditionOperator.ContainsOneOf => new Condition("custom.segments", op, ConditionValue.FromList(values)),
            _ => new Condition("custom.segments", op, value),
        };

    private static Gen<VisitorSpec> Visitor()
    {
        var entries = new (string Key, Gen<object> Value)[]
        {
            ("url", Gen.Elements(Urls).Select(v => (object)v)),
            ("title", Gen.Elements(Texts).Select(v => (object)v)),
            ("referrer", Gen.Elements(Urls).Select(v => (object)v)),
            ("timeOnPage", Gen.Elements(0.0, 9.5, 10, 30, 45, 60, 3600).Select(v => (object)v)),
            ("pageViews", Gen.Choose(0, 6).Select(v => (object)v)),
            ("visits", Gen.Choose(0, 6).Select(v => (object)v)),
            ("returning", Gen.Elements(true, false).Select(v => (object)v)),
            ("identified", Gen.Elements(true, false).Select(v => (object)v)),
            ("language", Gen.Elements(Languages).Select(v => (object)v)),
            ("country", Gen.Elements(Countries).Select(v => (object)v)),
            ("minuteOfWeek", Gen.Elements(0, 360, 540, 750, 1080, 1320, 1439, 5 * 1440 + 600, 6 * 1440 + 1439).Select(v => (object)v)),
            ("device", Gen.Elements(DeviceType.Desktop, DeviceType.Mobile, DeviceType.Tablet).Select(v => (object)v)),
            ("os", Gen.Elements(Texts).Select(v => (object)v)),
            ("browser", Gen.Elements(Texts).Select(v => (object)v)),
            ("channel", Gen.Elements("webWidget", "MOBILESDK", "email").Select(v => (object)v)),
            ("plan", Gen.Elements("free", "Pro", "gold").Select(v => (object)v)),
            ("segments", Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Segments), n)).Select(v => (object)v)),
            ("score", Gen.Elements(-1.0, 0, 2.5, 3, 4, 5, double.PositiveInfinity).Select(v => (object)v)),
            ("nickname", Gen.Elements(Texts).Select(v => (object)v)),
            ("trial", Gen.Elements(0.0, 10, 30, 60).Select(v => (object)v)),
            ("vip", Gen.Elements(true, false).Select(v => (object)v)),
            ("opensAt", Gen.Elements(0, 21_600, 32_400, 45_000, 64_800, 79_200, 86_399).Select(v => (object)v)),
            ("addedToCart", Gen.Choose(0, 3).Select(v => (object)v)),
        };

        return Gen.CollectToArray(entries, entry =>
                Gen.Frequency(
                    (1, Gen.Constant<KeyValuePair<string, object>?>(null)),
                    (3, entry.Value.Select(v => (KeyValuePair<string, object>?)new KeyValuePair<string, object>(entry.Key, v)))))
            .Select(pairs => new VisitorSpec([.. pairs.Where(p => p is not null).Select(p => p!.Value)]));
    }

    private static IEnumerable<ConditionCase> Shrink(ConditionCase @case)
    {
        foreach (var tree in ShrinkGroup(@case.Tree).Where(IsValid))
        {
            yield return @case with { Tree = tree };
        }

        var values = @case.Visitor.Values;
        for (var i = 0; i < values.Length; i++)
        {
            yield return @case with { Visitor = new VisitorSpec(values.RemoveAt(i)) };
        }
    }

    private static IEnumerable<ConditionGroup> ShrinkGroup(ConditionGroup group)
    {
        var items = group.Items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items.Length > 1)
            {
                yield return new ConditionGroup(group.Operator, items.RemoveAt(i));
            }

            if (items[i] is ConditionGroup nested)
            {
                foreach (var item in nested.Items)
                {
                    yield return new ConditionGroup(group.Operator, items.SetItem(i, item));
                }

                foreach (var smaller in ShrinkGroup(nested))
                {
                    yield return new ConditionGroup(group.Operator, items.SetItem(i, smaller));
                }
            }
        }
    }
}
