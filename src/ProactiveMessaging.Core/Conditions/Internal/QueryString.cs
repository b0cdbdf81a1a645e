namespace ProactiveMessaging.Conditions.Internal;

/// <summary>Finds a query parameter in a query (without <c>?</c>) without allocating.</summary>
internal static class QueryString
{
    /// <summary>
    /// Finds the first parameter named <paramref name="name"/> (ordinal) and decodes its value
    /// (<c>+</c> is a space, then percent-escapes) into <paramref name="scratch"/> when it needs decoding.
    /// </summary>
    /// <returns><see langword="true"/> when the parameter is present (a name without <c>=</c> has an empty value).</returns>
    public static bool TryGetValue(ReadOnlySpan<char> query, string name, Span<char> scratch, out ReadOnlySpan<char> value)
    {
        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var part = amp >= 0 ? query[..amp] : query;
            query = amp >= 0 ? query[(amp + 1)..] : [];
            var equals = part.IndexOf('=');
            var key = equals >= 0 ? part[..equals] : part;
            if (!key.SequenceEqual(name))
            {
                continue;
            }

            var raw = equals >= 0 ? part[(equals + 1)..] : [];
            value = Decode(raw, scratch);
            return true;
        }

        value = default;
        return false;
    }

    private static ReadOnlySpan<char> Decode(ReadOnlySpan<char> raw, Span<char> scratch)
    {
        if (raw.IndexOfAny('%', '+') < 0)
        {
            return raw;
        }

        // Half of the scratch holds the value with '+' as spaces, the other half the unescaped result.
        var spaced = scratch[..raw.Length];
        raw.CopyTo(spaced);
        spaced.Replace('+', ' ');
        var output = scratch[raw.Length..];
        return Uri.TryUnescapeDataString(spaced, output, out var written) ? output[..written] : spaced;
    }
}
