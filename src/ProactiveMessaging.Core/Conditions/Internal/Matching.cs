using System.Runtime.CompilerServices;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The allocation-free text checks of the compiled form.</summary>
internal static class Matching
{
    /// <summary>
    /// Matches a wildcard split at its <c>*</c>: <paramref name="head"/> must start the text,
    /// <paramref name="rest"/> are the literals after each <c>*</c> in order, the last one ending the text.
    /// A <c>*</c> matches any run of characters, <c>/</c> included. Without a <c>*</c>, <paramref name="rest"/> is empty.
    /// </summary>
    public static bool Wildcard(ReadOnlySpan<char> text, string head, string[] rest, StringComparison comparison)
    {
        if (rest.Length == 0)
        {
            return text.Equals(head, comparison);
        }

        // Ordinal (paths and URLs) calls the span overloads directly: vectorised, no comparison switch.
        var ordinal = comparison == StringComparison.Ordinal;
        var tail = rest[^1];
        if (text.Length < head.Length + tail.Length
            || !(ordinal ? text.StartsWith(head) : text.StartsWith(head, comparison))
            || !(ordinal ? text.EndsWith(tail) : text.EndsWith(tail, comparison)))
        {
            return false;
        }

        var middle = text[head.Length..^tail.Length];
        for (var i = 0; i < rest.Length - 1; i++)
        {
            var literal = rest[i];
            var index = ordinal ? middle.IndexOf(literal) : middle.IndexOf(literal, comparison);
            if (index < 0)
            {
                return false;
            }

            middle = middle[(index + literal.Length)..];
        }

        return true;
    }

    /// <summary>Basic language-range filtering (RFC 4647): <c>*</c> matches any tag, <c>ja</c> matches <c>ja</c> and <c>ja-JP</c>, ignoring case.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LanguageRange(ReadOnlySpan<char> tag, string range)
    {
        if (range.Length == 1 && range[0] == '*')
        {
            return true;
        }

        if (tag.Length < range.Length || (tag.Length > range.Length && tag[range.Length] != '-'))
        {
            return false;
        }

        // A character loop: ranges are a few characters, too short for the vectorised comparers
        // to pay off. ASCII pairs compare by hand (equal, or letters differing only in case);
        // a pair with any other character goes to OrdinalIgnoreCase itself, so the answer is
        // exactly OrdinalIgnoreCase's for every input.
        var head = tag[..range.Length];
        for (var i = 0; i < head.Length; i++)
        {
            int a = head[i], b = range[i];
            if (a == b)
            {
                continue;
            }

            if ((a | b) >= 0x80)
            {
                return head.Equals(range, StringComparison.OrdinalIgnoreCase);
            }

            var lower = a | 0x20;
            if (lower != (b | 0x20) || (uint)(lower - 'a') > 'z' - 'a')
            {
                return false;
            }
        }

        return true;
    }
}
