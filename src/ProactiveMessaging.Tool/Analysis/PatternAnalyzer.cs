using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>
/// A pattern that cannot match its field's shape, where that is cheap to decide: a <c>page.path</c>
/// (always starting with <c>/</c>) against a <c>matchesPattern</c> anchored with <c>^</c> whose first
/// character is a literal other than <c>/</c>, in a pattern without <c>|</c> (an alternation could
/// escape the anchor). Other patterns are not judged.
/// </summary>
internal static class PatternAnalyzer
{
    public static string? CannotMatch(Condition condition)
    {
        if (condition.Operator != ConditionOperator.MatchesPattern || condition.Field != "page.path" || condition.Value.Kind != ConditionValueKind.Text)
        {
            return null;
        }

        var pattern = condition.Value.Text;
        if (pattern.Length < 2 || pattern[0] != '^' || pattern.Contains('|', StringComparison.Ordinal))
        {
            return null;
        }

        // An escape (even of a slash) or a metacharacter is not judged.
        var first = pattern[1];
        if (first == '/' || !(char.IsLetterOrDigit(first) || first is '-' or '_' or '%' or '~' or ':' or '@' or '!' or '=' or '&' or ',' or ';' or '\''))
        {
            return null;
        }

        // A quantifier after the first character could make it optional.
        if (pattern.Length > 2 && pattern[2] is '?' or '*' or '{')
        {
            return null;
        }

        return $"page.path always starts with '/', but the pattern \"{pattern}\" requires it to start with '{first}'.";
    }
}
