using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The checks and the construction of <c>matchesPattern</c> patterns.</summary>
internal static class PatternRules
{
    /// <summary>How deep quantifiers may nest: <c>(a+)+</c> is 2, <c>((a+)+)+</c> is 3.</summary>
    public const int MaxQuantifierNesting = 2;

    public static RegexOptions Options(bool ignoreCase) =>
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);

    /// <summary>Builds the linear-time regex; throws <see cref="ArgumentException"/> (syntax) or <see cref="NotSupportedException"/> (construct).</summary>
    public static Regex Create(string pattern, bool ignoreCase, TimeSpan timeout) => new(pattern, Options(ignoreCase), timeout);

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
