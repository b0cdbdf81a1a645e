using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Text.Internal;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Checks one condition against the field catalog (known field, operator allowed for its type,
/// value of the right type and shape) and parses its value. Reports every problem of the
/// condition, each with the path of the condition (suffixed <c>.field</c>, <c>.operator</c> or <c>.value</c>).
/// </summary>
internal sealed partial class ConditionBinder
{
    /// <summary>The longest value quoted in a problem message, in characters: a value may be a list nested as deep as memory allows.</summary>
    private const int MaxQuotedValue = 80;

    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    private static readonly LocalTimePattern HourMinuteSecond = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    /// <summary>The operators of numbers, durations and times of day (declared before the table that reads it).</summary>
    private static readonly ImmutableArray<ConditionOperator> NumericOperators =
    [
        ConditionOperator.EqualTo, ConditionOperator.NotEqualTo, ConditionOperator.GreaterThan, ConditionOperator.AtLeast,
        ConditionOperator.LessThan, ConditionOperator.AtMost, ConditionOperator.Between, ConditionOperator.IsSet, ConditionOperator.IsNotSet,
    ];

    /// <summary>Creates a binder.</summary>
    /// <param name="catalog">The fields.</param>
    /// <param name="maxPatternLength">The longest pattern.</param>
    /// <param name="maxListItems">The most items of a list value.</param>
    /// <param name="maxTextLength">The longest text value.</param>
    /// <param name="patternTimeout">The match time-out of patterns.</param>
    /// <param name="buildPatterns">
    /// Whether a bound pattern carries its built regex (a compiler needs it), or the pattern is only
    /// checked (a validator needs no more, and checking is cheaper than building).
    /// </param>
    public ConditionBinder(FieldCatalog catalog, int maxPatternLength, int maxListItems, int maxTextLength, TimeSpan patternTimeout, bool buildPatterns)
    {
        Catalog = catalog;
        MaxPatternLength = maxPatternLength;
        MaxListItems = maxListItems;
        MaxTextLength = maxTextLength;
        PatternTimeout = patternTimeout;
        BuildPatterns = buildPatterns;
    }

    public FieldCatalog Catalog { get; }

    public int MaxPatternLength { get; }

    public int MaxListItems { get; }

    public int MaxTextLength { get; }

    public TimeSpan PatternTimeout { get; }

    public bool BuildPatterns { get; }

    /// <summary>
    /// The operators each field type allows, in documentation order. With <see cref="ValueKindOf"/>
    /// this is the one statement of which conditions exist: binding reads it, and so do the tests
    /// that generate conditions and compare it with the JSON Schema, so a new operator or field
    /// type reaches each of them.
    /// </summary>
    public static FrozenDictionary<FieldType, ImmutableArray<ConditionOperator>> OperatorTable { get; } = new Dictionary<FieldType, ImmutableArray<ConditionOperator>>
    {
        [FieldType.Text] =
        [
            ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.Contains, ConditionOperator.DoesNotContain,
            ConditionOperator.StartsWith, ConditionOperator.EndsWith, ConditionOperator.MatchesWildcard, ConditionOperator.MatchesPattern,
            ConditionOperator.IsOneOf, ConditionOperator.ContainsOneOf, ConditionOperator.IsSet, ConditionOperator.IsNotSet,

            // Negation.
            ConditionOperator.IsNotOneOf, ConditionOperator.DoesNotStartWith, ConditionOperator.DoesNotEndWith,
            ConditionOperator.DoesNotMatchWildcard, ConditionOperator.DoesNotMatchPattern,
        ],
        [FieldType.Number] =
        [
            .. NumericOperators,

            // Numbers in lists.
            ConditionOperator.IsOneOf, ConditionOperator.IsNotOneOf,
        ],
        [FieldType.Duration] = NumericOperators,
        [FieldType.TimeOfDay] = NumericOperators,
        [FieldType.Enum] = [ConditionOperator.Is, ConditionOperator.IsNot, ConditionOperator.IsOneOf, ConditionOperator.IsSet, ConditionOperator.IsNotSet, ConditionOperator.IsNotOneOf],
        [FieldType.Boolean] = [ConditionOperator.IsTrue, ConditionOperator.IsFalse, ConditionOperator.IsSet, ConditionOperator.IsNotSet],
        [FieldType.List] = [ConditionOperator.Contains, ConditionOperator.DoesNotContain, ConditionOperator.ContainsOneOf, ConditionOperator.IsSet, ConditionOperator.IsNotSet],
        [FieldType.Version] = VersionOperators,

        // Dates.
        [FieldType.Instant] = DateOperators,
        [FieldType.Date] = DateOperators,
        [FieldType.IpAddress] = IpOperators,
    }.ToFrozenDictionary();

    /// <summary>Every operator that some field type allows, in declaration order.</summary>
    public static ImmutableArray<ConditionOperator> KnownOperators { get; } =
        [.. Enum.GetValues<ConditionOperator>().Where(o => OperatorTable.Values.Any(operators => operators.Contains(o)))];

    /// <summary>The operators a field type allows, in documentation order; none for an unknown type.</summary>
    public static ImmutableArray<ConditionOperator> OperatorsOf(FieldType type) => OperatorTable.GetValueOrDefault(type, []);

    /// <summary>
    /// The shape of value an allowed operator takes on a field type: <see cref="ConditionValueKind.None"/>
    /// (no value), <see cref="ConditionValueKind.List"/> (a list of texts), <see cref="ConditionValueKind.Range"/>
    /// (a minimum and a maximum of the field's scalar), <see cref="ConditionValueKind.Number"/> (a number,
    /// or a text: numbers and durations) or <see cref="ConditionValueKind.Text"/>.
    /// </summary>
    public static ConditionValueKind ValueKindOf(FieldType type, ConditionOperator @operator) => @operator switch
    {
        ConditionOperator.IsSet or ConditionOperator.IsNotSet or ConditionOperator.IsTrue or ConditionOperator.IsFalse => ConditionValueKind.None,
        ConditionOperator.IsOneOf or ConditionOperator.ContainsOneOf or ConditionOperator.IsNotOneOf => ConditionValueKind.List,
        ConditionOperator.IsInRange or ConditionOperator.IsNotInRange => ConditionValueKind.List,
        ConditionOperator.Between => ConditionValueKind.Range,
        ConditionOperator.WithinLast or ConditionOperator.MoreThanAgo => ConditionValueKind.Number,
        _ => type is FieldType.Number or FieldType.Duration ? ConditionValueKind.Number : ConditionValueKind.Text,
    };

    /// <summary>The camel-case JSON name of an operator.</summary>
    public static string JsonName(ConditionOperator @operator) => CamelCase.From(@operator.ToString());

    /// <summary>Parses a duration value: seconds as a number, or an ISO-8601 duration text such as <c>PT30S</c>. Null when invalid or negative.</summary>
    public static double? ParseDuration(ConditionValue value)
    {
        double seconds;
        if (value.Kind == ConditionValueKind.Number)
        {
            seconds = value.Number;
        }
        else if (value.Kind == ConditionValueKind.Text)
        {
            var result = PeriodPattern.NormalizingIso.Parse(value.Text);
            if (!result.Success || result.Value.Years != 0 || result.Value.Months != 0)
            {
                return null;
            }

            seconds = result.Value.ToDuration().TotalSeconds;
        }
        else
        {
            return null;
        }

        return double.IsFinite(seconds) && seconds >= 0 ? seconds : null;
    }

    /// <summary>Parses a time of day written <c>HH:mm</c> or <c>HH:mm:ss</c> into seconds after midnight.</summary>
    public static double? ParseTimeOfDay(ConditionValue value)
    {
        if (value.Kind != ConditionValueKind.Text)
        {
            return null;
        }

        var result = HourMinute.Parse(value.Text);
        if (!result.Success)
        {
            result = HourMinuteSecond.Parse(value.Text);
        }

        return result.Success ? result.Value.TickOfDay / NodaConstants.TicksPerSecond : null;
    }

    /// <summary>Parses a number: a number value, or a text in the invariant culture.</summary>
    public static double? ParseNumber(ConditionValue value)
    {
        var number = value.Kind switch
        {
            ConditionValueKind.Number => value.Number,
            ConditionValueKind.Text when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return double.IsFinite(number) ? number : null;
    }

    /// <summary>Whether a text is a language range: <c>*</c> or a well-formed BCP 47 tag.</summary>
    public static bool IsLanguageRange(string text) => text == "*" || LanguageTag.IsWellFormed(text);

    public BoundCondition? Bind(Condition condition, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (!Catalog.TryGetField(condition.Field, out var field))
        {
            var suggestion = condition.Field.Length <= 200 ? Catalog.Suggest(condition.Field) : null;
            var hint = suggestion is null ? " See docs/conditions.md for the fields." : $" Did you mean '{suggestion}'?";
            problems.Add(new Problem(ConditionProblemCodes.FieldUnknown, $"The field '{Shorten(condition.Field)}' is not known.{hint}", path + ".field"));
            return null;
        }

        var @operator = condition.Operator;
        if (!Enum.IsDefined(@operator))
        {
            problems.Add(new Problem(ConditionProblemCodes.OperatorUnknown, $"The operator {(int)@operator} is not known.", path + ".operator"));
            return null;
        }

        var allowed = OperatorsOf(field.Type);
        if (!allowed.Contains(@operator))
        {
            var names = string.Join(", ", allowed.Select(JsonName));
            problems.Add(new Problem(ConditionProblemCodes.OperatorNotAllowed, $"The operator '{JsonName(@operator)}' does not apply to '{field.Name}', a {field.Type.ToString().ToLowerInvariant()} field; use one of: {names}.", path + ".operator"));
            return null;
        }

        if (condition.IgnoreCase is not null && !ComparesText(field, @operator))
        {
            var reason = field.LanguageRange
                ? $"'{JsonName(@operator)}' on '{field.Name}' matches language ranges, which always ignore case"
                : $"'{JsonName(@operator)}' on '{field.Name}' compares no text";
            problems.Add(new Problem(ConditionProblemCodes.IgnoreCaseNotAllowed, $"\"ignoreCase\" does not apply here: {reason}. Leave it out.", path + ".ignoreCase"));
            return null;
        }

        var valuePath = path + ".value";
        var value = condition.Value;
        if (ValueKindOf(field.Type, @operator) == ConditionValueKind.None)
        {
            if (value.Kind != ConditionValueKind.None)
            {
                problems.Add(new Problem(ConditionProblemCodes.ValueUnexpected, $"The operator '{JsonName(@operator)}' takes no value.", valuePath));
                return null;
            }

            return new BoundCondition { Source = condition, Field = field };
        }

        if (value.Kind == ConditionValueKind.None)
        {
            problems.Add(new Problem(ConditionProblemCodes.ValueRequired, $"The operator '{JsonName(@operator)}' needs a value.", valuePath));
            return null;
        }

        var before = problems.Count;
        var bound = field.Type switch
        {
            FieldType.Text => BindText(condition, field, valuePath, problems),
            FieldType.List => BindList(condition, field, valuePath, problems),
            FieldType.Enum => BindEnum(condition, field, valuePath, problems),
            FieldType.Version => BindVersion(condition, field, valuePath, problems),
            FieldType.Instant or FieldType.Date => BindDate(condition, field, valuePath, problems),
            FieldType.IpAddress => BindIpRanges(condition, field, valuePath, problems),
            _ => BindNumeric(condition, field, valuePath, problems),
        };
        return problems.Count == before ? bound : null;
    }

    /// <summary>Whether a condition of this operator on this field compares text, so that it may choose its own case rule.</summary>
    public static bool ComparesText(FieldDefinition field, ConditionOperator @operator) =>
        field.Type is FieldType.Text or FieldType.List
        && ValueKindOf(field.Type, @operator) != ConditionValueKind.None
        && !(field.LanguageRange && @operator is ConditionOperator.Is or ConditionOperator.IsNot or ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf);

    internal static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");

    private static void WrongType(string expected, string path, ImmutableArray<Problem>.Builder problems) =>
        problems.Add(new Problem(ConditionProblemCodes.ValueWrongType, $"The value must be {expected}.", path));

    private BoundCondition? BindText(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        var @operator = condition.Operator;
        if (ValueKindOf(field.Type, @operator) == ConditionValueKind.List)
        {
            var items = TextList(condition.Value, path, nonEmpty: @operator == ConditionOperator.ContainsOneOf, problems);
            if (items is null)
            {
                return null;
            }

            if (field.LanguageRange && @operator is ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf)
            {
                for (var i = 0; i < items.Length; i++)
                {
                    CheckLanguage(items[i], $"{path}[{i}]", problems);
                }
            }

            if (field.Url && @operator is ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf)
            {
                items = Array.ConvertAll(items, UrlNormalizer.Normalize);
            }

            return new BoundCondition { Source = condition, Field = field, Texts = items };
        }

        if (condition.Value.Kind != ConditionValueKind.Text)
        {
            WrongType("a text", path, problems);
            return null;
        }

        var text = condition.Value.Text;
        if (@operator is ConditionOperator.MatchesPattern or ConditionOperator.DoesNotMatchPattern)
        {
            if (!IsWellFormed(text, path, problems))
            {
                return null;
            }

            return BindPattern(text, condition.IgnoreCase ?? field.IgnoreCase, path, problems, out var pattern)
                ? new BoundCondition { Source = condition, Field = field, Text = text, Pattern = pattern }
                : null;
        }

        if (text.Length > MaxTextLength)
        {
            problems.Add(new Problem(ConditionProblemCodes.ValueTooLong, $"The text has {text.Length} characters; at most {MaxTextLength} are allowed.", path));
            return null;
        }

        if (!IsWellFormed(text, path, problems))
        {
            return null;
        }

        if (text.Length == 0 && @operator is not (ConditionOperator.Is or ConditionOperator.IsNot))
        {
            problems.Add(new Problem(ConditionProblemCodes.ValueEmpty, $"The operator '{JsonName(@operator)}' needs a non-empty text.", path));
            return null;
        }

        if (field.LanguageRange && @operator is ConditionOperator.Is or ConditionOperator.IsNot)
        {
            CheckLanguage(text, path, problems);
        }

        if (field.Url && @operator is ConditionOperator.Is or ConditionOperator.IsNot)
        {
            text = UrlNormalizer.Normalize(text);
        }

        return new BoundCondition { Source = condition, Field = field, Text = text };
    }

    private static void CheckLanguage(string text, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (!IsLanguageRange(text.Replace('_', '-')))
        {
            problems.Add(new Problem(ConditionProblemCodes.LanguageInvalid, $"'{Shorten(text)}' is not a language range such as 'ja', 'pt-BR' or '*'.", path));
        }
    }

    /// <summary>Checks a pattern, and builds it (once per process, through <see cref="PatternCache"/>) when <see cref="BuildPatterns"/> is set.</summary>
    private bool BindPattern(string pattern, bool ignoreCase, string path, ImmutableArray<Problem>.Builder problems, out Regex? regex)
    {
        regex = null;
        if (pattern.Length == 0)
        {
            problems.Add(new Problem(ConditionProblemCodes.ValueEmpty, "The pattern is empty.", path));
            return false;
        }

        if (pattern.Length > MaxPatternLength)
        {
            problems.Add(new Problem(ConditionProblemCodes.PatternTooLong, $"The pattern has {pattern.Length} characters; at most {MaxPatternLength} are allowed.", path));
            return false;
        }

        var nesting = PatternRules.QuantifierNesting(pattern);
        if (nesting > PatternRules.MaxQuantifierNesting)
        {
            problems.Add(new Problem(ConditionProblemCodes.PatternTooNested, $"The pattern nests quantifiers {nesting} deep; at most {PatternRules.MaxQuantifierNesting} are allowed.", path));
            return false;
        }

        if (PatternRules.Check(pattern, ignoreCase, PatternTimeout) is { } refusal)
        {
            problems.Add(new Problem(refusal.Code, refusal.Message, path));
            return false;
        }

        if (BuildPatterns)
        {
            // The check above answers as building would; should they ever disagree, the engine's own
            // refusal is reported rather than thrown.
            var built = PatternCache.Shared.Get(pattern, ignoreCase, PatternTimeout);
            if (built.Regex is null)
            {
                problems.Add(new Problem(built.Code!, built.Message!, path));
                return false;
            }

            regex = built.Regex;
        }

        return true;
    }

    /// <summary>Whether the value is a list of 1 to <see cref="MaxListItems"/> items; otherwise adds the problem, naming <paramref name="expected"/> for a value of another kind.</summary>
    private bool IsList(ConditionValue value, string expected, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (value.Kind != ConditionValueKind.List)
        {
            WrongType(expected, path, problems);
            return false;
        }

        if (value.Items.IsEmpty)
        {
            problems.Add(new Problem(ConditionProblemCodes.ValueEmpty, "The list needs at least one item.", path));
            return false;
        }

        if (value.Items.Length > MaxListItems)
        {
            problems.Add(new Problem(ConditionProblemCodes.ListTooLong, $"The list has {value.Items.Length} items; at most {MaxListItems} are allowed.", path));
            return false;
        }

        return true;
    }

    private string[]? TextList(ConditionValue value, string path, bool nonEmpty, ImmutableArray<Problem>.Builder problems)
    {
        if (!IsList(value, "a list of texts", path, problems))
        {
            return null;
        }

        var items = value.Items;

        var texts = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (items[i].Kind != ConditionValueKind.Text)
            {
                WrongType("a text", itemPath, problems);
                continue;
            }

            texts[i] = items[i].Text;
            if (texts[i].Length > MaxTextLength)
            {
                problems.Add(new Problem(ConditionProblemCodes.ValueTooLong, $"The text has {texts[i].Length} characters; at most {MaxTextLength} are allowed.", itemPath));
            }
            else if (IsWellFormed(texts[i], itemPath, problems) && nonEmpty && texts[i].Length == 0)
            {
                problems.Add(new Problem(ConditionProblemCodes.ValueEmpty, "The item needs a non-empty text.", itemPath));
            }
        }

        return texts;
    }

    private BoundCondition? BindList(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (ValueKindOf(field.Type, condition.Operator) == ConditionValueKind.List)
        {
            var items = TextList(condition.Value, path, nonEmpty: false, problems);
            return items is null ? null : new BoundCondition { Source = condition, Field = field, Texts = items };
        }

        if (condition.Value.Kind != ConditionValueKind.Text)
        {
            WrongType("a text", path, problems);
            return null;
        }

        if (condition.Value.Text.Length > MaxTextLength)
        {
            problems.Add(new Problem(ConditionProblemCodes.ValueTooLong, $"The text has {condition.Value.Text.Length} characters; at most {MaxTextLength} are allowed.", path));
            return null;
        }

        if (!IsWellFormed(condition.Value.Text, path, problems))
        {
            return null;
        }

        return new BoundCondition { Source = condition, Field = field, Text = condition.Value.Text };
    }

    private BoundCondition? BindEnum(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (ValueKindOf(field.Type, condition.Operator) == ConditionValueKind.List)
        {
            var items = TextList(condition.Value, path, nonEmpty: true, problems);
            if (items is null)
            {
                return null;
            }

            var bits = new ulong[(field.AllowedValues.Length + 63) / 64];
            for (var i = 0; i < items.Length; i++)
            {
                var code = EnumCode(field, items[i], $"{path}[{i}]", problems);
                if (code >= 0)
                {
                    bits[code >> 6] |= 1UL << (code & 63);
                }
            }

            return new BoundCondition { Source = condition, Field = field, Texts = items, Codes = bits };
        }

        if (condition.Value.Kind != ConditionValueKind.Text)
        {
            WrongType($"one of: {string.Join(", ", field.AllowedValues.Take(12))}{(field.AllowedValues.Length > 12 ? ", ..." : string.Empty)}", path, problems);
            return null;
        }

        var single = EnumCode(field, condition.Value.Text, path, problems);
        return new BoundCondition { Source = condition, Field = field, Text = condition.Value.Text, Code = single };
    }

    private static int EnumCode(FieldDefinition field, string? text, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (text is null)
        {
            return -1;
        }

        var code = field.IndexOfValue(text);
        if (code < 0)
        {
            var examples = string.Join(", ", field.AllowedValues.Take(12));
            var more = field.AllowedValues.Length > 12 ? $", ... ({field.AllowedValues.Length} values)" : string.Empty;
            problems.Add(new Problem(ConditionProblemCodes.ValueNotAllowed, $"'{Shorten(text)}' is not a value of '{field.Name}'; use one of: {examples}{more}.", path));
        }

        return code;
    }

    private BoundCondition? BindNumeric(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        if (ValueKindOf(field.Type, condition.Operator) == ConditionValueKind.List)
        {
            return BindNumberList(condition, field, path, problems);
        }

        if (ValueKindOf(field.Type, condition.Operator) == ConditionValueKind.Range)
        {
            if (condition.Value.Kind != ConditionValueKind.Range)
            {
                WrongType("a range {\"min\": ..., \"max\": ...}", path, problems);
                return null;
            }

            var min = Scalar(field, condition.Value.Min, path + ".min", problems);
            var max = Scalar(field, condition.Value.Max, path + ".max", problems);
            if (min is null || max is null)
            {
                return null;
            }

            // A range of times of day may cross midnight (22:00 to 06:00); other ranges may not be inverted.
            if (min > max && field.Type != FieldType.TimeOfDay)
            {
                problems.Add(new Problem(ConditionProblemCodes.RangeInverted, $"The minimum {condition.Value.Min.Describe(MaxQuotedValue)} is above the maximum {condition.Value.Max.Describe(MaxQuotedValue)}.", path));
                return null;
            }

            return new BoundCondition { Source = condition, Field = field, Number = min.Value, Maximum = max.Value };
        }

        var number = Scalar(field, condition.Value, path, problems);
        return number is null ? null : new BoundCondition { Source = condition, Field = field, Number = number.Value };
    }

    /// <summary>Binds the list of <c>isOneOf</c> / <c>isNotOneOf</c> on a number field: numbers, or texts parsed invariantly.</summary>
    private BoundCondition? BindNumberList(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        var value = condition.Value;
        if (!IsList(value, "a list of numbers", path, problems))
        {
            return null;
        }

        var numbers = new double[value.Items.Length];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = Scalar(field, value.Items[i], $"{path}[{i}]", problems) ?? double.NaN;
        }

        return new BoundCondition { Source = condition, Field = field, Numbers = numbers };
    }

    private static double? Scalar(FieldDefinition field, ConditionValue value, string path, ImmutableArray<Problem>.Builder problems)
    {
        switch (field.Type)
        {
            case FieldType.Duration:
                var seconds = ParseDuration(value);
                if (seconds is null)
                {
                    problems.Add(new Problem(ConditionProblemCodes.DurationInvalid, $"{value.Describe(MaxQuotedValue)} is not a non-negative duration: write seconds (30) or ISO-8601 (\"PT30S\").", path));
                }

                return seconds;
            case FieldType.TimeOfDay:
                var time = ParseTimeOfDay(value);
                if (time is null)
                {
                    problems.Add(new Problem(ConditionProblemCodes.TimeInvalid, $"{value.Describe(MaxQuotedValue)} is not a time of day written \"HH:mm\" or \"HH:mm:ss\" (such as \"09:00\").", path));
                }

                return time;
            default:
                if (value.Kind is not (ConditionValueKind.Number or ConditionValueKind.Text))
                {
                    WrongType("a number", path, problems);
                    return null;
                }

                var number = ParseNumber(value);
                if (number is null)
                {
                    problems.Add(new Problem(ConditionProblemCodes.NumberInvalid, $"{value.Describe(MaxQuotedValue)} is not a finite number (invariant culture, such as 2.5).", path));
                }

                return number;
        }
    }

    /// <summary>Whether a text is well-formed UTF-16; otherwise adds the problem. A JSON writer could not carry it back.</summary>
    private static bool IsWellFormed(string text, string path, ImmutableArray<Problem>.Builder problems)
    {
        var lone = Utf16Text.IndexOfLoneSurrogate(text);
        if (lone < 0)
        {
            return true;
        }

        problems.Add(new Problem(ConditionProblemCodes.ValueInvalidUnicode, $"The text has an unpaired UTF-16 surrogate at position {lone.ToString(CultureInfo.InvariantCulture)}.", path));
        return false;
    }
}
