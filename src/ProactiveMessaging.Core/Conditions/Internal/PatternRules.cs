using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The checks and the construction of <c>matchesPattern</c> patterns.</summary>
internal static class PatternRules
{
    /// <summary>How deep quantifiers may nest: <c>(a+)+</c> is 2, <c>((a+)+)+</c> is 3.</summary>
    public const int MaxQuantifierNesting = 2;

    /// <summary>
    /// The most a pattern with counted quantifiers may weigh (its length times, for each counted
    /// quantifier, its largest count plus one) and still be accepted without building its automaton:
    /// a tenth of the 10,000 nodes past which the linear-time engine refuses a pattern.
    /// </summary>
    private const long MaxWeightWithoutBuilding = 1_000;

    public static RegexOptions Options(bool ignoreCase) =>
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    public static string InvalidMessage(string reason) => $"The pattern is not a valid regular expression: {reason}";

    public static string UnsupportedMessage(string reason) =>
        $"The pattern uses a construct that cannot run in linear time (backreferences, lookarounds, atomic groups and conditionals are refused): {reason}";

    /// <summary>
    /// Decides whether the linear-time engine accepts a pattern, exactly as building it would, but
    /// without building its automaton (about a millisecond) unless the pattern holds something that
    /// engine may refuse.
    /// </summary>
    /// <returns><see langword="null"/> when accepted; otherwise the code and message of the refusal.</returns>
    /// <remarks>
    /// Both engines share one parser, so the backtracking engine, built in microseconds, reports the
    /// same syntax errors. Beyond syntax, the linear-time engine refuses backreferences, lookarounds,
    /// atomic and balancing groups, conditionals, <c>\G</c>, and patterns whose counted repetitions
    /// make its automaton too large; each needs one of the character sequences that
    /// <see cref="MayBeRefusedByTheLinearEngine"/> looks for, and a pattern holding one is built through
    /// <see cref="PatternCache"/> to get the engine's own answer.
    /// </remarks>
    public static (string Code, string Message)? Check(string pattern, bool ignoreCase, TimeSpan timeout)
    {
        try
        {
            _ = new Regex(pattern, Options(ignoreCase) & ~RegexOptions.NonBacktracking, timeout);
        }
        catch (ArgumentException exception)
        {
            return (ConditionProblemCodes.PatternInvalid, InvalidMessage(exception.Message));
        }

        if (!MayBeRefusedByTheLinearEngine(pattern))
        {
            return null;
        }

        var result = PatternCache.Shared.Get(pattern, ignoreCase, timeout);
        return result.Code is null ? null : (result.Code, result.Message!);
    }

    /// <summary>
    /// Whether a pattern holds a sequence that may start a construct the linear-time engine refuses, or
    /// counted repetitions that may make its automaton too large. Conservative: it reads the text as
    /// written (escapes paired left to right, without telling classes or comments apart) and anything
    /// it does not recognise after <c>(?</c> counts as such a sequence; a false alarm only costs
    /// building the pattern.
    /// </summary>
    internal static bool MayBeRefusedByTheLinearEngine(string pattern)
    {
        long weight = 1;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                // Backreferences (\1, \k<name>, \k'name', \<name>) and the \G anchor.
                if (i + 1 < pattern.Length && pattern[i + 1] is (>= '1' and <= '9') or 'k' or 'G' or '<' or '\'')
                {
                    return true;
                }

                i += 2;
                continue;
            }

            if (c == '(' && i + 1 < pattern.Length && pattern[i + 1] == '?' && !IsPlainGroupOpening(pattern, i + 2))
            {
                return true;
            }

            if (c == '{' && CountedQuantifierBound(pattern, i) is { } bound)
            {
                weight = Math.Min(weight * (bound + 1), MaxWeightWithoutBuilding + 1);
            }

            i++;
        }

        return weight * pattern.Length > MaxWeightWithoutBuilding;
    }

    /// <summary>
    /// Runs a pattern once on a short input, on the cold path: the linear-time engine builds its
    /// automaton lazily, and that first build must not count against the first visitor's time-out.
    /// </summary>
    public static void WarmUp(Regex regex)
    {
        try
        {
            regex.IsMatch("warm-up 0123456789 /a/b?c=d");
        }
        catch (RegexMatchTimeoutException)
        {
            // Only a warm-up: a later match has its own time-out.
        }
    }

    /// <summary>The deepest nesting of quantifiers in a pattern (a rough parse: escapes, classes and groups).</summary>
    public static int QuantifierNesting(string pattern)
    {
        // For each open group: the deepest quantifier nesting inside it so far.
        var stack = new Stack<int>();
        var current = 0;
        var deepest = 0;
        var lastAtomDepth = -1;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    lastAtomDepth = 0;
                    i += 2;
                    continue;
                case '[':
                    i = SkipClass(pattern, i);
                    lastAtomDepth = 0;
                    continue;
                case '(':
                    stack.Push(current);
                    current = 0;
                    lastAtomDepth = -1;
                    i++;
                    continue;
                case ')':
                    lastAtomDepth = current;
                    current = stack.Count > 0 ? stack.Pop() : 0;
                    current = Math.Max(current, lastAtomDepth);
                    i++;
                    continue;
                case '*' or '+' or '?' or '{':
                    if (c == '{' && !IsCountedQuantifier(pattern, i))
                    {
                        lastAtomDepth = 0;
                        i++;
                        continue;
                    }

                    if (lastAtomDepth >= 0)
                    {
                        var depth = lastAtomDepth + 1;
                        deepest = Math.Max(deepest, depth);
                        current = Math.Max(current, depth);
                        lastAtomDepth = -1;
                    }

                    i = c == '{' ? pattern.IndexOf('}', i) + 1 : i + 1;

                    // A lazy or possessive mark is not another quantifier.
                    if (i < pattern.Length && pattern[i] is '?' or '+')
                    {
                        i++;
                    }

                    continue;
                default:
                    lastAtomDepth = 0;
                    i++;
                    continue;
            }
        }

        return deepest;
    }

    /// <summary>
    /// Whether <c>(?</c> followed by the text at <paramref name="start"/> opens a construct the linear-time
    /// engine runs: a non-capturing group <c>(?:</c>, a comment <c>(?#</c>, a named group
    /// <c>(?&lt;name&gt;</c> or <c>(?'name'</c>, or inline options such as <c>(?i)</c> or <c>(?-s:</c>.
    /// </summary>
    private static bool IsPlainGroupOpening(string pattern, int start)
    {
        if (start >= pattern.Length)
        {
            return false;
        }

        var c = pattern[start];
        if (c is ':' or '#')
        {
            return true;
        }

        var end = start;
        if (c is '<' or '\'')
        {
            // A name of letters, digits and underscores; not a lookbehind (?<= (?<!, not a balancing group (?<a-b>.
            end++;
            while (end < pattern.Length && (char.IsLetterOrDigit(pattern[end]) || pattern[end] == '_'))
            {
                end++;
            }

            return end > start + 1 && end < pattern.Length && pattern[end] == (c == '<' ? '>' : '\'');
        }

        while (end < pattern.Length && pattern[end] is 'i' or 'm' or 'n' or 's' or 'x' or '-')
        {
            end++;
        }

        return end > start && end < pattern.Length && pattern[end] is ')' or ':';
    }

    /// <summary>The largest count of a counted quantifier (<c>{3}</c>, <c>{3,}</c>, <c>{3,5}</c>) starting at <paramref name="start"/>, saturated; null when the brace does not start one.</summary>
    private static long? CountedQuantifierBound(string pattern, int start)
    {
        if (!IsCountedQuantifier(pattern, start))
        {
            return null;
        }

        long bound = 0;
        long current = 0;
        for (var i = start + 1; pattern[i] != '}'; i++)
        {
            if (pattern[i] == ',')
            {
                current = 0;
                continue;
            }

            current = Math.Min((current * 10) + (pattern[i] - '0'), int.MaxValue);
            bound = Math.Max(bound, current);
        }

        return bound;
    }

    private static bool IsCountedQuantifier(string pattern, int start)
    {
        var end = pattern.IndexOf('}', start);
        if (end < 0 || end == start + 1)
        {
            return false;
        }

        foreach (var c in pattern.AsSpan(start + 1, end - start - 1))
        {
            if (!(char.IsAsciiDigit(c) || c == ','))
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipClass(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length && pattern[i] != ']')
        {
            i += pattern[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }
}
