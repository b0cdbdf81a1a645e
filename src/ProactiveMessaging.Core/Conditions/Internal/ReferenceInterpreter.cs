using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The plain, obviously correct evaluator: walks the tree as written, looks every field up by
/// name, reads values as strings and numbers, and evaluates every item of every group. Used by
/// the tests as the specification of the compiled form, and by explanations. Allocates freely.
/// </summary>
internal sealed partial class ReferenceInterpreter
{
    private readonly FieldCatalog _catalog;
    private readonly TimeSpan _patternTimeout;

    public ReferenceInterpreter(FieldCatalog catalog, TimeSpan patternTimeout)
    {
        _catalog = catalog;
        _patternTimeout = patternTimeout;
    }

    /// <summary>
    /// Evaluates a tree as written, every item of every group; with <paramref name="outcomes"/>, records
    /// each group (before its items) and each condition by path. Keeps its own stack, however deep the
    /// tree.
    /// </summary>
    public bool Evaluate(ConditionGroup root, VisitorContext visitor, string path, ImmutableArray<ConditionOutcome>.Builder? outcomes)
    {
        var stack = new Stack<Frame>();
        stack.Push(Open(root, ConditionPath.Root(path), outcomes));
        var result = false;
        while (stack.TryPeek(out var frame))
        {
            var items = frame.Group.Items;
            if (frame.Next == items.Length)
            {
                stack.Pop();
                result = frame.Group.Operator switch
                {
                    GroupOperator.All => !frame.AnyFalse,
                    GroupOperator.None => !frame.AnyTrue,
                    _ => frame.AnyTrue,
                };
                if (outcomes is not null)
                {
                    outcomes[frame.OutcomeIndex] = new ConditionOutcome(frame.Path.ToString(), frame.Group, result, actual: null);
                }

                if (stack.TryPeek(out var parent))
                {
                    parent.Record(result);
                }

                continue;
            }

            var index = frame.Next++;
            var itemPath = frame.Path.Item(frame.Group.Operator, index);
            if (items[index] is ConditionGroup nested)
            {
                stack.Push(Open(nested, itemPath, outcomes));
                continue;
            }

            var condition = (Condition)items[index];
            var held = EvaluateCondition(condition, visitor, out var actual);
            outcomes?.Add(new ConditionOutcome(itemPath.ToString(), condition, held, actual));
            frame.Record(held);
        }

        return result;
    }

    /// <summary>Starts a group, holding its place among the outcomes until its items are known.</summary>
    private static Frame Open(ConditionGroup group, ConditionPath path, ImmutableArray<ConditionOutcome>.Builder? outcomes)
    {
        var index = outcomes?.Count ?? 0;
        outcomes?.Add(new ConditionOutcome(string.Empty, group, held: false, actual: null));
        return new Frame(group, path, index);
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
                    _ => text is not null && Text(field, condition.IgnoreCase ?? field.IgnoreCase, op, text, value),
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
                    ConditionOperator.IsNotOneOf => present && !value.Items.Any(item => SameName(name, item.Text)),
                    _ => false,
                };

            case FieldType.List:
                var list = visitor.Present[field.Slot] ? visitor.Lists[field.Slot] : null;
                actual = list is null ? null : "[" + string.Join(", ", list) + "]";
                var comparison = condition.IgnoreCase ?? field.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return op switch
                {
                    ConditionOperator.IsSet => list is not null,
                    ConditionOperator.IsNotSet => list is null,
                    ConditionOperator.Contains => list is not null && list.Any(item => string.Equals(item, value.Text, comparison)),
                    ConditionOperator.DoesNotContain => list is not null && !list.Any(item => string.Equals(item, value.Text, comparison)),
                    ConditionOperator.ContainsOneOf => list is not null && value.Items.Any(v => list.Any(item => string.Equals(item, v.Text, comparison))),
                    _ => false,
                };

            case FieldType.Version:
                return EvaluateVersion(field, op, value, visitor, out actual);

            case FieldType.Instant or FieldType.Date:
                return EvaluateDate(field, op, value, visitor, out actual);
            case FieldType.IpAddress:
                return EvaluateIpAddress(field, op, value, visitor, out actual);

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

    private bool Text(FieldDefinition field, bool ignoreCase, ConditionOperator op, string text, ConditionValue value)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
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
            ConditionOperator.MatchesWildcard => WildcardMatches(text, value.Text, comparison),
            ConditionOperator.MatchesPattern => PatternMatches(text, value.Text, ignoreCase) == true,
            ConditionOperator.IsOneOf => value.Items.Any(item => Equal(item.Text)),
            ConditionOperator.ContainsOneOf => value.Items.Any(item => text.Contains(item.Text, comparison)),

            // Negation: each is the opposite of its operator for a visitor with a value (the caller
            // has checked there is one); a pattern that timed out has no answer, so neither holds.
            ConditionOperator.IsNotOneOf => !value.Items.Any(item => Equal(item.Text)),
            ConditionOperator.DoesNotStartWith => !text.StartsWith(value.Text, comparison),
            ConditionOperator.DoesNotEndWith => !text.EndsWith(value.Text, comparison),
            ConditionOperator.DoesNotMatchWildcard => !WildcardMatches(text, value.Text, comparison),
            ConditionOperator.DoesNotMatchPattern => PatternMatches(text, value.Text, ignoreCase) == false,
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

        if (op is ConditionOperator.IsOneOf or ConditionOperator.IsNotOneOf)
        {
            var listed = value.Items.Any(item => Parse(item) == number);
            return op == ConditionOperator.IsOneOf ? listed : !listed;
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

    /// <summary>
    /// The textbook wildcard match by dynamic programming: after each pattern character, which prefixes
    /// of the text the pattern so far matches (<c>*</c> matches any run of characters).
    /// </summary>
    private static bool WildcardMatches(string text, string pattern, StringComparison comparison)
    {
        var matches = new bool[text.Length + 1];
        matches[0] = true;
        for (var p = 0; p < pattern.Length; p++)
        {
            if (pattern[p] == '*')
            {
                for (var t = 1; t <= text.Length; t++)
                {
                    matches[t] |= matches[t - 1];
                }

                continue;
            }

            for (var t = text.Length; t >= 1; t--)
            {
                matches[t] = matches[t - 1] && string.Compare(text, t - 1, pattern, p, 1, comparison) == 0;
            }

            matches[0] = false;
        }

        return matches[text.Length];
    }

    /// <summary>Whether the pattern finds a match; <see langword="null"/> when it timed out (or does not build).</summary>
    private bool? PatternMatches(string text, string pattern, bool ignoreCase)
    {
        // The same regex the compiled form uses, built once per process for validated conditions.
        var regex = PatternCache.Shared.Get(pattern, ignoreCase, _patternTimeout).Regex;
        try
        {
            return regex?.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>A group being evaluated: its next item and whether any item so far held or failed.</summary>
    private sealed class Frame(ConditionGroup group, ConditionPath path, int outcomeIndex)
    {
        public ConditionGroup Group { get; } = group;

        public ConditionPath Path { get; } = path;

        public int OutcomeIndex { get; } = outcomeIndex;

        public int Next { get; set; }

        public bool AnyTrue { get; private set; }

        public bool AnyFalse { get; private set; }

        public void Record(bool held)
        {
            AnyTrue |= held;
            AnyFalse |= !held;
        }
    }
}
