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

        var tail = rest[^1];
        if (text.Length < head.Length + tail.Length || !text.StartsWith(head, comparison) || !text.EndsWith(tail, comparison))
        {
            return false;
        }

        var middle = text[head.Length..^tail.Length];
        for (var i = 0; i < rest.Length - 1; i++)
        {
            var literal = rest[i];
            var index = middle.IndexOf(literal, comparison);
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

        return tag.Length == range.Length
            ? tag.Equals(range, StringComparison.OrdinalIgnoreCase)
            : tag.Length > range.Length && tag[range.Length] == '-' && tag.StartsWith(range, StringComparison.OrdinalIgnoreCase);
    }
}
