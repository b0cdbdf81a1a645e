using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>A rule tree and a visitor, printed readably when FsCheck reports a (shrunk) counterexample.</summary>
public sealed record ConditionCase(ConditionGroup Tree, VisitorSpec Visitor)
{
    public override string ToString() => $"{Describe(Tree)} WITH {Visitor}";

    private static string Describe(ConditionNode node) => node switch
    {
        ConditionGroup group => $"{group.Operator}({string.Join(", ", group.Items.Select(Describe))})",
        Condition condition => $"[{condition.Field} {condition.Operator} {condition.Value}{(condition.IgnoreCase is { } ignoreCase ? $" ignoreCase={ignoreCase}" : string.Empty)}]",
        _ => "?",
    };
}

/// <summary>
/// A visitor as a list of (field name, value) pairs: easy to generate, print and shrink. Built-in
/// fields go through their own setters; custom attributes and events through the setter of their type.
/// </summary>
public sealed record VisitorSpec(ImmutableArray<KeyValuePair<string, object>> Values)
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 2, 0, 0);

    public void Apply(VisitorContext visitor)
    {
        foreach (var (field, value) in Values)
        {
            switch (field)
            {
                case "page.url": visitor.SetPageUrl((string)value); break;
                case "page.title": visitor.SetPageTitle((string)value); break;
                case "page.referrer": visitor.SetReferrer((string)value); break;
                case "page.timeOnPage": visitor.SetTimeOnPage(Duration.FromSeconds((double)value)); break;
                case "visit.pageViews": visitor.SetPageViews((int)value); break;
                case "visitor.visits": visitor.SetVisits((int)value); break;
                case "visitor.isReturning": visitor.SetReturning((bool)value); break;
                case "visitor.isIdentified": visitor.SetIdentified((bool)value); break;
                case "visitor.language": visitor.SetLanguage((string)value); break;
                case "visitor.country": visitor.SetCountry((string)value); break;
                case "visitor.localTime": visitor.SetLocalTime(Monday.Plus(Duration.FromMinutes((int)value)), DateTimeZone.Utc); break;
                case "device.type": visitor.SetDeviceType((DeviceType)value); break;
                case "device.os": visitor.SetOperatingSystem((string)value); break;
                case "device.browser": visitor.SetBrowser((string)value); break;
                case "channel.kind": visitor.SetChannelKind((string)value); break;
                case "app.version": visitor.SetAppVersion((string)value); break;
                case "visitor.ip": visitor.SetIpAddress((string)value); break;
                default: ApplyDeclared(visitor, field, value); break;
            }
        }
    }

    public override string ToString() =>
        "{" + string.Join(", ", Values.Select(v => $"{v.Key}: {(v.Value is string[] items ? "[" + string.Join("|", items) + "]" : Convert.ToString(v.Value, CultureInfo.InvariantCulture))}")) + "}";

    private static void ApplyDeclared(VisitorContext visitor, string name, object value)
    {
        if (!ConditionAssert.Catalog.TryGetField(name, out var field))
        {
            throw new InvalidOperationException($"'{name}' is not a field of the test catalog.");
        }

        if (field.Access == FieldAccess.EventCount)
        {
            visitor.SetEventCount(ConditionAssert.Slot(name[..^BuiltInFields.CountSuffix.Length]), (int)value);
            return;
        }

        if (field.Access != FieldAccess.Custom)
        {
            // A built-in field added to the catalog needs its setter above (and its values in ConditionArbitraries).
            throw new InvalidOperationException($"No visitor setter for the built-in field '{name}'.");
        }

        var slot = ConditionAssert.Slot(name);
        switch (field.Type)
        {
            case FieldType.Text or FieldType.Enum: visitor.SetText(slot, (string)value); break;
            case FieldType.Number: visitor.SetNumber(slot, (double)value); break;
            case FieldType.Duration: visitor.SetDuration(slot, Duration.FromSeconds((double)value)); break;
            case FieldType.TimeOfDay: visitor.SetTimeOfDay(slot, LocalTime.FromSecondsSinceMidnight((int)value)); break;
            case FieldType.Boolean: visitor.SetBoolean(slot, (bool)value); break;
            case FieldType.List: visitor.SetList(slot, (string[])value); break;
            case FieldType.Version: visitor.SetVersion(slot, (string)value); break;

            // Dates.
            case FieldType.Instant: visitor.SetInstant(slot, NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse((string)value).Value.ToInstant()); break;
            case FieldType.Date: visitor.SetDate(slot, NodaTime.Text.LocalDatePattern.Iso.Parse((string)value).Value); break;
            default: throw new InvalidOperationException($"No visitor setter for a custom attribute of type {field.Type}.");
        }
    }
}

/// <summary>
/// Random valid rule trees and visitors over <see cref="ConditionAssert.Catalog"/>. The (field type,
/// operator) pairs come from the binder's own table and the fields from the catalog, so a new
/// operator or field is generated without a change here; the values follow the shape the binder
/// says the operator takes. <see cref="ConditionArbitrariesTests"/> checks that every pair and field
/// is reached.
/// </summary>
public static class ConditionArbitraries
{
    /// <summary>A query parameter stands for the open family <c>page.query.&lt;name&gt;</c>, which the catalog does not list.</summary>
    public const string QueryField = "page.query.utm_source";

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

    /// <summary>Countries for conditions and visitors alike: a few of the 249 codes, so that conditions often hold (XX is no country).</summary>
    private static readonly string[] Countries = ["JP", "us", "FR", "DE", "TR", "XX"];

    private static readonly string[] Segments = ["alpha", "Beta", "BETA", "", "gamma", "İ"];

    private static readonly ConditionValue[] Numbers = [-1, 0, 1, 2, 3, 5, 2.5, "4"];

    private static readonly ConditionValue[] Durations = [0, 10, 30, 60, "PT30S", "PT1M", "PT0S"];

    private static readonly ConditionValue[] TimesOfDay = ["00:00", "06:00", "09:00", "12:30", "18:00", "22:00", "23:59:59"];

    // Versions: condition values and visitor values share precedence traps (pre-releases, numeric
    // against alphanumeric identifiers, build metadata, short forms, a leading v); visitors also
    // send texts that are not versions, which leave the field not set.
    private static readonly string[] VersionTexts =
    [
        "1.0.0", "1.0", "v1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
        "1.0.0+build.7", "2.0.0", "2.1.0", "2.1.1", "V2.1", "10.0.0-0", "1.0.0-1", "1.0.0-a-b",
    ];

    private static readonly string[] VisitorVersions = [.. VersionTexts, " 2.1.0 ", "01.0.0", "1.2.3.4", "latest", ""];

    // Dates: around the week visitor.localTime sets "now" in (from Monday 2026-03-02 UTC), so the
    // relative forms meet their bounds; an offset, a fraction of a second, and durations in seconds
    // and ISO 8601. Without visitor.localTime there is no "now" and the relative forms fail.
    private static readonly string[] InstantTexts =
    [
        "2026-02-20T00:00:00Z", "2026-03-01T12:00:00Z", "2026-03-02T00:00:00Z", "2026-03-02T09:00:00+09:00", "2026-03-02T09:00:00Z",
        "2026-03-05T10:00:00.5Z", "2026-03-08T23:59:00Z",
    ];

    private static readonly string[] VisitorInstants = [.. InstantTexts, "2026-01-15T00:00:00Z", "2026-03-01T23:59:59.999Z", "2026-03-07T10:00:00Z"];

    private static readonly string[] DateTexts = ["2026-02-01", "2026-02-23", "2026-02-28", "2026-03-01", "2026-03-02", "2026-03-05", "2026-03-08"];

    private static readonly string[] VisitorDates = [.. DateTexts, "2025-12-31", "2026-03-07", "2026-03-09"];

    private static readonly ConditionValue[] InstantDurations = [0, 3600, "PT12H", "P1D", "P7D", "P30D", 86_400.5];

    private static readonly ConditionValue[] DayDurations = ["P0D", "P1D", 86_400, "P7D", "P30D"];

    // IP ranges: blocks and visitor addresses meet at the edges (the first and last address of a
    // block, a prefix of 0, a lone address), across families (IPv4-mapped IPv6 written either way);
    // visitors also send texts that are not addresses, which leave the field not set.
    private static readonly string[] IpBlocks =
    [
        "10.0.0.0/8", "192.168.1.0/24", "192.168.1.7", "0.0.0.0/0", "203.0.113.128/25", "2001:db8::/32", "2001:db8::1",
        "::/0", "::ffff:10.0.0.0/104", "::ffff:0:0/96", "fe80::/10", "192.168.1.7/32",
    ];

    private static readonly string[] VisitorIps =
    [
        "10.0.0.0", "10.255.255.255", "11.0.0.0", "192.168.1.7", "192.168.1.8", "192.168.2.1", "203.0.113.127", "203.0.113.128",
        "203.0.113.255", "2001:db8::1", "2001:db8::2", "2001:db9::", "::ffff:10.1.2.3", "::ffff:192.168.1.7", "fe80::1", "::1",
        " 10.1.1.1 ", "10.1.1", "010.1.1.1", "not an ip", "",
    ];

    /// <summary>The fields conditions are drawn from, by type: every field of the catalog, and one query parameter.</summary>
    public static FrozenDictionary<FieldType, ImmutableArray<FieldDefinition>> FieldsByType { get; } = ConditionAssert.Catalog.Fields
        .Append(ConditionAssert.Catalog.TryGetField(QueryField, out var query) ? query : throw new InvalidOperationException(QueryField))
        .GroupBy(field => field.Type)
        .ToFrozenDictionary(group => group.Key, group => group.ToImmutableArray());

    /// <summary>
    /// Every (field type, operator) pair the binder accepts, with its weight: text pairs count twice,
    /// as text has the richest rules (case, URL normalisation, language ranges). A type without a
    /// field in the catalog is left out here, and <see cref="ConditionArbitrariesTests"/> reports it.
    /// </summary>
    private static (int Weight, Gen<(FieldType Type, ConditionOperator Operator)> Pair)[] Pairs { get; } =
        [.. ConditionBinder.OperatorTable
            .Where(entry => FieldsByType.ContainsKey(entry.Key))
            .OrderBy(entry => entry.Key)
            .SelectMany(entry => entry.Value.Select(op => (entry.Key == FieldType.Text ? 2 : 1, Gen.Constant((entry.Key, op)))))];

    public static Arbitrary<ConditionCase> Cases() =>
        Arb.From(
            from tree in Group(1).Where(IsValid)
            from visitor in Visitor()
            select new ConditionCase(tree, visitor),
            Shrink);

    internal static bool IsValid(ConditionGroup tree) => ConditionAssert.Compiler.Compile(tree).Succeeded;

    internal static Gen<ConditionGroup> Group(int depth) =>
        from op in Gen.Elements(Enum.GetValues<GroupOperator>())
        from count in Gen.Choose(1, 4)
        from items in Gen.ArrayOf(Node(depth), count)
        select new ConditionGroup(op, items);

    private static Gen<ConditionNode> Node(int depth) => depth >= 3
        ? Condition().Select(c => (ConditionNode)c)
        : Gen.Frequency((4, Condition().Select(c => (ConditionNode)c)), (1, Gen.Fresh(() => Group(depth + 1)).SelectMany(g => g).Select(g => (ConditionNode)g)));

    private static Gen<Condition> Condition() =>
        from pair in Gen.Frequency(Pairs)
        from field in Gen.Elements(FieldsByType[pair.Type].AsEnumerable())
        from value in Value(field, pair.Operator)
        from ignoreCase in IgnoreCase(field, pair.Operator)
        select new Condition(field.Name, pair.Operator, value) { IgnoreCase = ignoreCase };

    /// <summary>Case per condition: where the binder lets a condition choose, the field's rule, or either override.</summary>
    private static Gen<bool?> IgnoreCase(FieldDefinition field, ConditionOperator op) =>
        ConditionBinder.ComparesText(field, op) ? Gen.Elements<bool?>(null, null, true, false) : Gen.Constant<bool?>(null);

    /// <summary>A value of the shape the binder says the operator takes on the field.</summary>
    private static Gen<ConditionValue?> Value(FieldDefinition field, ConditionOperator op) => ConditionBinder.ValueKindOf(field.Type, op) switch
    {
        ConditionValueKind.None => Gen.Constant<ConditionValue?>(null),
        ConditionValueKind.List when field.Type == FieldType.Number => NumberList(),
        ConditionValueKind.List => Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(ListItem(field, op), n)).Select(items => (ConditionValue?)ConditionValue.FromList(items)),
        ConditionValueKind.Range => from a in Scalar(field) from b in Scalar(field) select (ConditionValue?)Ordered(field, a, b),
        _ => Single(field, op).Select(v => (ConditionValue?)v),
    };

    /// <summary>Numbers in lists: 1 to 3 numbers or invariant texts, from the values the visitors use.</summary>
    private static Gen<ConditionValue?> NumberList() =>
        Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Numbers), n)).Select(items => (ConditionValue?)ConditionValue.FromList(items));

    private static Gen<ConditionValue> Single(FieldDefinition field, ConditionOperator op) => field.Type switch
    {
        FieldType.Text => op switch
        {
            ConditionOperator.MatchesWildcard or ConditionOperator.DoesNotMatchWildcard => Gen.Elements(Wildcards).Select(v => (ConditionValue)v),
            ConditionOperator.MatchesPattern or ConditionOperator.DoesNotMatchPattern => Gen.Elements(Patterns).Select(v => (ConditionValue)v),
            ConditionOperator.Is or ConditionOperator.IsNot when !field.LanguageRange =>
                Gen.Frequency((1, Gen.Constant(string.Empty)), (9, Words(field, op))).Select(v => (ConditionValue)v),
            _ => Words(field, op).Select(v => (ConditionValue)v),
        },
        FieldType.Enum => EnumWords(field).Select(v => (ConditionValue)v),
        FieldType.List => Gen.Elements(Segments).Select(v => (ConditionValue)v),
        FieldType.Instant when op is ConditionOperator.WithinLast or ConditionOperator.MoreThanAgo => Gen.Elements(InstantDurations),
        FieldType.Date when op is ConditionOperator.WithinLast or ConditionOperator.MoreThanAgo => Gen.Elements(DayDurations),
        _ => Scalar(field),
    };

    private static Gen<string> ListItem(FieldDefinition field, ConditionOperator op) => field.Type switch
    {
        FieldType.Text => Words(field, op),
        FieldType.Enum => EnumWords(field),
        FieldType.List => Gen.Elements(Segments),
        FieldType.Version => Gen.Elements(VersionTexts),
        FieldType.IpAddress => Gen.Elements(IpBlocks),
        _ => throw new InvalidOperationException($"No list items for a {field.Type} field: add them to ConditionArbitraries."),
    };

    /// <summary>Non-empty texts for a text field: language ranges where the operator matches them, URL pieces for URL-like fields.</summary>
    private static Gen<string> Words(FieldDefinition field, ConditionOperator op)
    {
        if (field.LanguageRange && op is ConditionOperator.Is or ConditionOperator.IsNot or ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf)
        {
            return Gen.Elements(LanguageRanges);
        }

        var urlLike = field.Url || field.Access == FieldAccess.QueryParameter || field.Name == "page.path";
        return Gen.Elements(urlLike ? [.. UrlValues, .. NonEmptyTexts] : NonEmptyTexts);
    }

    /// <summary>Allowed values of an enum field, sometimes in upper case (enums ignore case); for a long list, the few the visitors use.</summary>
    private static Gen<string> EnumWords(FieldDefinition field) =>
        from value in Gen.Elements(EnumVocabulary(field).Where(v => field.IndexOfValue(v) >= 0))
        from upper in Gen.Elements(false, false, true)
        select upper ? value.ToUpperInvariant() : value;

    private static string[] EnumVocabulary(FieldDefinition field) => field.AllowedValues.Length <= 8 ? [.. field.AllowedValues] : Countries;

    private static Gen<ConditionValue> Scalar(FieldDefinition field) => field.Type switch
    {
        FieldType.Number => Gen.Elements(Numbers),
        FieldType.Duration => Gen.Elements(Durations),
        FieldType.TimeOfDay => Gen.Elements(TimesOfDay),
        FieldType.Version => Gen.Elements(VersionTexts).Select(v => (ConditionValue)v),
        FieldType.Instant => Gen.Elements(InstantTexts).Select(v => (ConditionValue)v),
        FieldType.Date => Gen.Elements(DateTexts).Select(v => (ConditionValue)v),
        _ => throw new InvalidOperationException($"No values for a {field.Type} field: add them to ConditionArbitraries."),
    };

    // Ranges of times of day may cross midnight; other ranges are written in order, as the binder parses them.
    private static ConditionValue Ordered(FieldDefinition field, ConditionValue a, ConditionValue b)
    {
        if (field.Type == FieldType.TimeOfDay)
        {
            return ConditionValue.FromRange(a, b);
        }

        if (field.Type == FieldType.Version)
        {
            return ReferenceInterpreter.CompareVersions(a.Text, b.Text) <= 0 ? ConditionValue.FromRange(a, b) : ConditionValue.FromRange(b, a);
        }

        Func<ConditionValue, double?> parse = field.Type switch
        {
            FieldType.Duration => ConditionBinder.ParseDuration,
            FieldType.Instant => ConditionBinder.ParseInstant,
            FieldType.Date => ConditionBinder.ParseDate,
            _ => ConditionBinder.ParseNumber,
        };
        return parse(a) <= parse(b) ? ConditionValue.FromRange(a, b) : ConditionValue.FromRange(b, a);
    }

    /// <summary>
    /// Each field of the catalog that the visitor sets directly, with its values. The path comes
    /// from the URL, the day of the week from the local time, and whether an event occurred from its count.
    /// </summary>
    internal static Gen<VisitorSpec> Visitor()
    {
        var entries = ConditionAssert.Catalog.Fields
            .Where(field => field.Name is not ("page.path" or "visitor.localDayOfWeek") && field.Access != FieldAccess.EventOccurred)
            .Select(field => (field.Name, Value: VisitorValue(field)))
            .ToArray();

        return Gen.CollectToArray(entries, entry =>
                Gen.Frequency(
                    (1, Gen.Constant<KeyValuePair<string, object>?>(null)),
                    (3, entry.Value.Select(v => (KeyValuePair<string, object>?)new KeyValuePair<string, object>(entry.Name, v)))))
            .Select(pairs => new VisitorSpec([.. pairs.Where(p => p is not null).Select(p => p!.Value)]));
    }

    private static Gen<object> VisitorValue(FieldDefinition field) => field.Name switch
    {
        "page.url" or "page.referrer" => Boxed(Gen.Elements(Urls)),
        "page.timeOnPage" => Boxed(Gen.Elements(0.0, 9.5, 10, 30, 45, 60, 3600)),
        "visit.pageViews" or "visitor.visits" => Boxed(Gen.Choose(0, 6)),
        "visitor.language" => Boxed(Gen.Elements(Languages)),
        "visitor.country" => Boxed(Gen.Elements(Countries)),
        "visitor.localTime" => Boxed(Gen.Elements(0, 360, 540, 750, 1080, 1320, 1439, (5 * 1440) + 600, (6 * 1440) + 1439)),
        "device.type" => Boxed(Gen.Elements(DeviceType.Desktop, DeviceType.Mobile, DeviceType.Tablet)),
        "channel.kind" => Boxed(Gen.Elements("webWidget", "MOBILESDK", "email")),
        _ when field.Access == FieldAccess.EventCount => Boxed(Gen.Choose(0, 3)),
        _ => field.Type switch
        {
            FieldType.Text => Boxed(Gen.Elements(Texts)),
            FieldType.Enum => Boxed(Gen.Elements([.. EnumVocabulary(field), "gold"]).SelectMany(v => Gen.Elements(v, v.ToUpperInvariant()))),
            FieldType.Number => Boxed(Gen.Elements(-1.0, 0, 2.5, 3, 4, 5, double.PositiveInfinity)),
            FieldType.Duration => Boxed(Gen.Elements(0.0, 10, 30, 60)),
            FieldType.TimeOfDay => Boxed(Gen.Elements(0, 21_600, 32_400, 45_000, 64_800, 79_200, 86_399)),
            FieldType.Boolean => Boxed(Gen.Elements(true, false)),
            FieldType.List => Boxed(Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Elements(Segments), n))),
            FieldType.Version => Boxed(Gen.Elements(VisitorVersions)),
            FieldType.Instant => Boxed(Gen.Elements(VisitorInstants)),
            FieldType.Date => Boxed(Gen.Elements(VisitorDates)),
            FieldType.IpAddress => Boxed(Gen.Elements(VisitorIps)),
            _ => throw new InvalidOperationException($"No visitor values for a {field.Type} field: add them to ConditionArbitraries."),
        },
    };

    private static Gen<object> Boxed<T>(Gen<T> values)
        where T : notnull => values.Select(v => (object)v);

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
