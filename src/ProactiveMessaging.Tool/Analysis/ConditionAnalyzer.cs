using System.Collections.Immutable;
using System.Globalization;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>
/// Conditions that can never hold. Each largest run of <c>all</c> groups (an <c>all</c> and the
/// <c>all</c> groups nested directly in it) is one conjunction; within it, per field: numeric bounds
/// whose intersection is empty, two different <c>is</c> values (or <c>isTrue</c> and <c>isFalse</c>),
/// two <c>startsWith</c> values neither of which is a prefix of the other, and an <c>is</c> /
/// <c>equalTo</c> value outside an <c>isOneOf</c> list. Text is compared ignoring case, so a finding
/// holds under either case rule. The finding is an error when the conjunction is reached from the
/// root through <c>all</c> groups only (the message can never be shown), else a warning (a branch is dead).
/// </summary>
internal static class ConditionAnalyzer
{
    // Their is/isOneOf values are normalised or matched as ranges, so two different texts may both hold.
    private static readonly FrozenFields NormalisedFields = new("visitor.language", "page.url", "page.referrer");

    public static IEnumerable<Finding> Analyse(ProactiveMessage message, string messagePath)
    {
        if (message.Rules.Conditions is not { } root)
        {
            return [];
        }

        var findings = new List<Finding>();
        Walk(message.Id, root, messagePath + ".rules.conditions", onAllChain: true, parentIsAll: false, findings);
        return findings;
    }

    private static void Walk(string messageId, ConditionGroup group, string path, bool onAllChain, bool parentIsAll, List<Finding> findings)
    {
        var isAll = group.Operator == GroupOperator.All;
        var chain = onAllChain && isAll;
        var severity = chain ? FindingSeverity.Error : FindingSeverity.Warning;
        if (isAll && !parentIsAll)
        {
            var conjunction = new List<(Condition Condition, string Path)>();
            Collect(group, path, conjunction);
            // Paths in document order, whichever condition a check met first.
            var order = conjunction.Select((c, index) => (c.Path, index)).ToDictionary(p => p.Path, p => p.index, StringComparer.Ordinal);
            findings.AddRange(Contradictions(messageId, conjunction, severity).Select(f => f with { Paths = [.. f.Paths.OrderBy(p => order[p])] }));
        }

        var name = OperatorName(group.Operator);
        for (var i = 0; i < group.Items.Length; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.{name}[{i}]");
            switch (group.Items[i])
            {
                case ConditionGroup nested:
                    Walk(messageId, nested, itemPath, chain, isAll, findings);
                    break;
                case Condition condition when PatternAnalyzer.CannotMatch(condition) is { } reason:
                    findings.Add(new Finding(FindingCodes.PatternCannotMatch, chain ? FindingSeverity.Error : FindingSeverity.Warning, messageId, reason, [itemPath]));
                    break;
            }
        }
    }

    private static void Collect(ConditionGroup group, string path, List<(Condition, string)> conjunction)
    {
        for (var i = 0; i < group.Items.Length; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}.all[{i}]");
            if (group.Items[i] is Condition condition)
            {
                conjunction.Add((condition, itemPath));
            }
            else if (group.Items[i] is ConditionGroup { Operator: GroupOperator.All } nested)
            {
                Collect(nested, itemPath, conjunction);
            }
        }
    }

    private static IEnumerable<Finding> Contradictions(string messageId, List<(Condition Condition, string Path)> conjunction, FindingSeverity severity)
    {
        foreach (var field in conjunction.GroupBy(c => c.Condition.Field, StringComparer.Ordinal))
        {
            var items = field.ToList();
            if (Bounds(messageId, field.Key, items, severity) is { } bounds)
            {
                yield return bounds;
            }

            if (Values(messageId, field.Key, items, severity) is { } values)
            {
                yield return values;
            }

            if (Prefixes(messageId, field.Key, items, severity) is { } prefixes)
            {
                yield return prefixes;
            }

            if (OutsideList(messageId, field.Key, items, severity) is { } outside)
            {
                yield return outside;
            }
        }
    }

    /// <summary>The intersection of every numeric bound on the field; a finding when it is empty.</summary>
    private static Finding? Bounds(string messageId, string field, List<(Condition Condition, string Path)> items, FindingSeverity severity)
    {
        (double Value, bool Inclusive, string Path, Condition Condition)? low = null;
        (double Value, bool Inclusive, string Path, Condition Condition)? high = null;
        foreach (var (condition, path) in items)
        {
            foreach (var (isLow, value, inclusive) in NumericBounds(condition))
            {
                if (isLow && (low is null || value > low.Value.Value || (value == low.Value.Value && !inclusive)))
                {
                    low = (value, inclusive, path, condition);
                }
                else if (!isLow && (high is null || value < high.Value.Value || (value == high.Value.Value && !inclusive)))
                {
                    high = (value, inclusive, path, condition);
                }
            }
        }

        if (low is not { } l || high is not { } h || l.Value < h.Value || (l.Value == h.Value && l.Inclusive && h.Inclusive))
        {
            return null;
        }

        var paths = l.Path == h.Path ? ImmutableArray.Create(l.Path) : ImmutableArray.Create(l.Path, h.Path);
        return new Finding(FindingCodes.NumericBoundsContradict, severity, messageId, $"{field}: '{Describe(l.Condition)}' and '{Describe(h.Condition)}' cannot both hold (no number is in both).", paths);
    }

    private static IEnumerable<(bool IsLow, double Value, bool Inclusive)> NumericBounds(Condition condition)
    {
        var value = condition.Value;
        if (value.Kind == ConditionValueKind.Number)
        {
            var n = value.Number;
            switch (condition.Operator)
            {
                case ConditionOperator.EqualTo:
                    yield return (true, n, true);
                    yield return (false, n, true);
                    break;
                case ConditionOperator.GreaterThan:
                    yield return (true, n, false);
                    break;
                case ConditionOperator.AtLeast:
                    yield return (true, n, true);
                    break;
                case ConditionOperator.LessThan:
                    yield return (false, n, false);
                    break;
                case ConditionOperator.AtMost:
                    yield return (false, n, true);
                    break;
            }
        }
        else if (condition.Operator == ConditionOperator.Between && value.Kind == ConditionValueKind.Range
            && value.Min.Kind == ConditionValueKind.Number && value.Max.Kind == ConditionValueKind.Number)
        {
            yield return (true, value.Min.Number, true);
            yield return (false, value.Max.Number, true);
        }
    }

    /// <summary>Two <c>is</c> texts that differ even ignoring case, or <c>isTrue</c> with <c>isFalse</c>.</summary>
    private static Finding? Values(string messageId, string field, List<(Condition Condition, string Path)> items, FindingSeverity severity)
    {
        var truth = items.Where(c => c.Condition.Operator is ConditionOperator.IsTrue or ConditionOperator.IsFalse).ToList();
        if (truth.Select(c => c.Condition.Operator).Distinct().Count() > 1)
        {
            var isTrue = truth.First(c => c.Condition.Operator == ConditionOperator.IsTrue);
            var isFalse = truth.First(c => c.Condition.Operator == ConditionOperator.IsFalse);
            return new Finding(FindingCodes.ValuesContradict, severity, messageId, $"{field}: 'isTrue' and 'isFalse' cannot both hold.", [isTrue.Path, isFalse.Path]);
        }

        if (NormalisedFields.Contains(field))
        {
            return null;
        }

        var texts = items.Where(c => c.Condition.Operator == ConditionOperator.Is && c.Condition.Value.Kind == ConditionValueKind.Text).ToList();
        for (var i = 1; i < texts.Count; i++)
        {
            if (!string.Equals(texts[0].Condition.Value.Text, texts[i].Condition.Value.Text, StringComparison.OrdinalIgnoreCase))
            {
                return new Finding(FindingCodes.ValuesContradict, severity, messageId, $"{field}: '{Describe(texts[0].Condition)}' and '{Describe(texts[i].Condition)}' cannot both hold.", [texts[0].Path, texts[i].Path]);
            }
        }

        return null;
    }

    private static Finding? Prefixes(string messageId, string field, List<(Condition Condition, string Path)> items, FindingSeverity severity)
    {
        var prefixes = items.Where(c => c.Condition.Operator == ConditionOperator.StartsWith && c.Condition.Value.Kind == ConditionValueKind.Text).ToList();
        for (var i = 0; i < prefixes.Count; i++)
        {
            for (var j = i + 1; j < prefixes.Count; j++)
            {
                var a = prefixes[i].Condition.Value.Text;
                var b = prefixes[j].Condition.Value.Text;
                if (!a.StartsWith(b, StringComparison.OrdinalIgnoreCase) && !b.StartsWith(a, StringComparison.OrdinalIgnoreCase))
                {
                    return new Finding(FindingCodes.PrefixesContradict, severity, messageId, $"{field}: no text starts with both \"{a}\" and \"{b}\" (neither is a prefix of the other).", [prefixes[i].Path, prefixes[j].Path]);
                }
            }
        }

        return null;
    }

    /// <summary>An <c>is</c> or <c>equalTo</c> whose value is not in an <c>isOneOf</c> list of the same field.</summary>
    private static Finding? OutsideList(string messageId, string field, List<(Condition Condition, string Path)> items, FindingSeverity severity)
    {
        var lists = items.Where(c => c.Condition.Operator == ConditionOperator.IsOneOf && c.Condition.Value.Kind == ConditionValueKind.List).ToList();
        // Texts of 'is' and numbers of 'equalTo' only: a version's 'equalTo' text is compared by precedence
        // (1.0.0 equals 1.0.0+build), so two different texts may be the same version.
        foreach (var single in items.Where(c => (c.Condition.Operator == ConditionOperator.Is && c.Condition.Value.Kind == ConditionValueKind.Text && !NormalisedFields.Contains(field))
            || (c.Condition.Operator == ConditionOperator.EqualTo && c.Condition.Value.Kind == ConditionValueKind.Number)))
        {
            var value = single.Condition.Value;

            foreach (var list in lists)
            {
                var inList = list.Condition.Value.Items.Any(item => value.Kind switch
                {
                    ConditionValueKind.Number => item.Kind != ConditionValueKind.Number || item.Number.Equals(value.Number),
                    ConditionValueKind.Text => item.Kind != ConditionValueKind.Text || string.Equals(item.Text, value.Text, StringComparison.OrdinalIgnoreCase),

                    // A kind not compared here counts as found: the finding must be certain.
                    _ => true,
                });
                if (!inList)
                {
                    return new Finding(FindingCodes.NotInList, severity, messageId, $"{field}: '{Describe(single.Condition)}' is outside '{Describe(list.Condition)}': both cannot hold.", [single.Path, list.Path]);
                }
            }
        }

        return null;
    }

    internal static string Describe(Condition condition)
    {
        var op = JsonName(condition.Operator);
        return condition.Value.Kind == ConditionValueKind.None ? $"{condition.Field} {op}" : $"{condition.Field} {op} {condition.Value}";
    }

    internal static string JsonName(ConditionOperator op) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(op.ToString());

    internal static string OperatorName(GroupOperator op) => op switch
    {
        GroupOperator.Any => "any",
        GroupOperator.None => "none",
        _ => "all",
    };

    private sealed class FrozenFields(params string[] fields)
    {
        private readonly HashSet<string> _fields = new(fields, StringComparer.Ordinal);

        public bool Contains(string field) => _fields.Contains(field);
    }
}
