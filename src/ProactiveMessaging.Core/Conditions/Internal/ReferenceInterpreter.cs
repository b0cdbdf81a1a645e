using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The plain, obviously correct evaluator: walks the tree as written, looks every field up by
/// name, reads values as strings and numbers, and evaluates every item of every group. Used by
/// the tests as the specification of the compiled form, and by explanations. Allocates freely.
/// </summary>
internal sealed class ReferenceInterpreter
{
    private readonly FieldCatalog _catalog;
    private readonly TimeSpan _patternTimeout;

    public ReferenceInterpreter(FieldCatalog catalog, TimeSpan patternTimeout)
    {
        _catalog = catalog;
        _patternTimeout = patternTimeout;
    }

    public bool Evaluate(ConditionGroup group, VisitorContext visitor, string path, ImmutableArray<ConditionOutcome>.Builder? outcomes)
    {
        var index = outcomes?.Count ?? 0;
        outcomes?.Add(new ConditionOutcome(path, group, held: false, actual: null));
        var results = new List<bool>();
        for (var i = 0; i < group.Items.Length; i++)
        {
            var itemPath = ConditionTreeValidator.ItemPath(path, group.Operator, i);
            if (group.Items[i] is ConditionGroup nested)
            {
                results.Add(Evaluate(nested, visitor, itemPath, outcomes));
            }
            else
            {
                var condition = (Condition)group.Items[i];
                var held = EvaluateCondition(condition, visitor, out var actual);
                outcomes?.Add(new ConditionOutcome(itemPath, condition, held, actual));
                results.Add(held);
            }
        }

        var result = group.Operator == GroupOperator.All ? !results.Contains(false) : results.Contains(true);
        if (outcomes is not null)
        {
            outcomes[index] = new ConditionOutcome(path, group, result, actual: null);
        }

        return result;
    }

    public bool EvaluateCondition(Condition condition, VisitorContext visitor, out string? actual)
    {
        if (!_catalog.TryGetField(condition.Field, out var field))
        {
            throw new InvalidOperationException($"Unknown field {condition.Field}: validate before evaluating.");
        }

        var op = condition.Operator;
        var value = condition.Value;
        switch (field.Type)
        {
            case FieldType.Text:
                var text = ReadText(field, visitor);
                actual = text;
                return op switch
                {
                    ConditionOperator.IsSet => text is not null,
                    ConditionOperator.IsNotSet => text is null,
                    _ => text is not null && Text(field, op, text, value),
                };

            case FieldType.Number or FieldType.Duration or FieldType.TimeOfDay:
                double? number = field.Access switch
                {
                    FieldAccess.EventCount => visitor.Numbers[field.Slot],
                    _ => visitor.Present[field.Slot] ? visitor.Numbers[field.Slot] : null,
                };
                actual = number?.ToString(CultureInfo.InvariantCulture);
                return op switch
                {
                    ConditionOperator.IsSet => number is not null,
                    ConditionOperator.IsNotSet => number is null,
                    _ => number is not null && Number(field, op, number.Value, value),
                };

            case FieldType.Boolean:
                bool? flag = field.Access switch
                {
                    FieldAccess.EventOccurred => visitor.Numbers[field.Slot] > 0,
                    _ => visitor.Present[field.Slot] ? visitor.Numbers[field.Slot] != 0 : null,
                };
                actual = flag?.ToString();
                return op switch
                {
                    ConditionOperator.IsSet => flag is not null,
                    ConditionOperator.IsNotSet => flag is null,
                    ConditionOperator.IsTrue => flag == true,
                    ConditionOperator.IsFalse => flag == false,
                    _ => false,
                };

            case FieldType.Enum:
                var present = visitor.Present[field.Slot];
                var code = visitor.Codes[field.Slot];
                var name = present && code >= 0 ? field.AllowedValues[code] : null;
                actual = present ? name ?? "(not an allowed value)" : null;
                return op switch
                {
                    ConditionOperator.IsSet => present,
                    ConditionOperator.IsNotSet => !present,
                    ConditionOperator.Is => present && SameName(name, value.Text),
                    ConditionOperator.IsNot => present && !SameName(name, value.Text),
                    ConditionOperator.IsOneOf => present && value.Items.Any(item => SameName(name, item.Text)),
                    _ => false,
                };

            case FieldType.List:
                var list = visitor.Present[field.Slot] ? visitor.Lists[field.Slot] : null;
                actual = list is null ? null : "[" + string.Join(", ", list) + "]";
                var comparison = field.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return op switch
                {
                    ConditionOperator.IsSet => list is not null,
                    ConditionOperator.IsNotSet => list is null,
                    ConditionOperator.Contains => list is not null && list.Any(item => string.Equals(item, value.Text, comparison)),
                    ConditionOperator.DoesNotContain => list is not null && !list.Any(item => string.Equals(item, value.Text, comparison)),
                    ConditionOperator.ContainsOneOf => list is not null && value.Items.Any(v => list.Any(item => string.Equals(item, v.Text, comparison))),
                    _ => false,
                };

            default:
                actual = null;
                return false;
        }
    }

    private static bool SameName(string? name, string value) => name is not null && string.Equals(name, value, StringComparison.OrdinalIgnoreCase);

    private static string? ReadText(FieldDefinition field, VisitorContext visitor)
    {
        if (field.Access != FieldAccess.QueryParameter)
        {
            return visitor.Present[field.Slot] ? visitor.Texts[field.Slot].ToString() : null;
        }

        if (!visitor.Present[BuiltInFields.PageUrl])
        {
            return null;
        }

        var url = visitor.Texts[BuiltInFields.PageUrl].ToString();
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return null;
        }

        foreach (var pair in url[(question + 1)..].Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts[0] == field.QueryParameter)
            {
                return parts.Length == 1 ? string.Empty : Uri.UnescapeDataString(parts[1].Replace('+', ' '));
            }
        }

        return null;
    }

    private bool Text(FieldDefinition field, ConditionOperator op, string text, ConditionValue value)
    {
        var comparison = field.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string Normal(string v) => field.Url ? UrlNormalizer.Normalize(v) : v;
        bool Equal(string v) => field.LanguageRange ? LanguageMatches(text, v) : string.Equals(text, Normal(v), comparison);
        return op switch
        {
            ConditionOperator.Is => Equal(value.Text),
            ConditionOperator.IsNot => !Equal(value.Text),
            ConditionOperator.Contains => text.Contains(value.Text, comparison),
            ConditionOperator.DoesNotContain => !text.Contains(value.Text, comparison),
            ConditionOperator.StartsWith => text.StartsWith(value.Text, comparison),
            ConditionOperator.EndsWith => text.EndsWith(value.Text, comparison),
            ConditionOperator.MatchesWildcard => WildcardMatches(text, 0, value.Text, 0, comparison),
            ConditionOperator.MatchesPattern => PatternMatches(text, value.Text, field.IgnoreCase),
            ConditionOperator.IsOneOf => value.Items.Any(item => Equal(item.Text)),
            ConditionOperator.ContainsOneOf => value.Items.Any(item => text.Contains(item.Text, comparison)),
            _ => false,
        };
    }

    private static bool Number(FieldDefinition field, ConditionOperator op, double number, ConditionValue value)
    {
        double Parse(ConditionValue v) => field.Type switch
        {
            FieldType.Duration => ConditionBinder.ParseDuration(v)!.Value,
            FieldType.TimeOfDay => ConditionBinder.ParseTimeOfDay(v)!.Value,
            _ => ConditionBinder.ParseNumber(v)!.Value,
        };

        if (op == ConditionOperator.Between)
        {
            var min = Parse(value.Min);
            var max = Parse(value.Max);
            return min <= max ? min <= number && number <= max : number >= min || number <= max;
        }

        var operand = Parse(value);
        return op switch
        {
            ConditionOperator.EqualTo => number == operand,
            ConditionOperator.NotEqualTo => number != operand,
            ConditionOperator.GreaterThan => number > operand,
            ConditionOperator.AtLeast => number >= operand,
            ConditionOperator.LessThan => number < operand,
            ConditionOperator.AtMost => number <= operand,
            _ => false,
        };
    }

    /// <summary>Language-range matching by subtags: every subtag of the range equals the tag's at the same place.</summary>
    private static bool LanguageMatches(string tag, string range)
    {
        if (range == "*")
        {
            return true;
        }

        var tagParts = tag.Split('-');
        var rangeParts = range.Replace('_', '-').Split('-');
        if (rangeParts.Length > tagParts.Length)
        {
            return false;
        }

        for (var i = 0; i < rangeParts.Length; i++)
        {
            if (!string.Equals(tagParts[i], rangeParts[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The textbook recursive wildcard match: <c>*</c> matches any run of characters.</summary>
    private static bool WildcardMatches(string text, int t, string pattern, int p, StringComparison comparison)
    {
        while (p < pattern.Length && pattern[p] != '*')
        {
            if (t >= text.Length || string.Compare(text, t, pattern, p, 1, comparison) != 0)
            {
                return false;
            }

            t++;
            p++;
        }

        if (p == pattern.Length)
        {
            return t == text.Length;
        }

        for (var start = t; start <= text.Length; start++)
        {
            if (WildcardMatches(text, start, pattern, p + 1, comparison))
            {
                return true;
            }
        }

        return false;
    }

    private bool PatternMatches(string text, string pattern, bool ignoreCase)
    {
        try
        {
            return Regex.IsMatch(text, pattern, PatternRules.Options(ignoreCase), _patternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
