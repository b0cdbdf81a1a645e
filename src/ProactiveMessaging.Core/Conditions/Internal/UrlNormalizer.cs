namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The documented normal form of URLs for <c>page.url</c> and <c>page.referrer</c>: surrounding
/// white space removed, the fragment dropped, scheme and host in lower case, the default port
/// (80 for http, 443 for https) dropped, an empty path written <c>/</c>, trailing slashes of a
/// longer path dropped, an empty query dropped. The path and the query keep their case and
/// percent-encoding.
/// </summary>
internal static class UrlNormalizer
{
    /// <summary>The largest output for an input of <paramref name="length"/> characters.</summary>
    public static int MaxLength(int length) => length + 1;

    /// <summary>Writes the normal form of <paramref name="url"/> into <paramref name="destination"/>.</summary>
    /// <returns>The length written; the path and the query (without <c>?</c>) as ranges of the destination.</returns>
    public static int Normalize(ReadOnlySpan<char> url, Span<char> destination, out Range path, out Range query)
    {
        url = url.Trim();
        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            url = url[..hash];
        }

        var question = url.IndexOf('?');
        var rawQuery = question >= 0 ? url[(question + 1)..] : [];
        var beforeQuery = question >= 0 ? url[..question] : url;

        var written = 0;
        var rawPath = beforeQuery;
        var schemeEnd = SchemeLength(beforeQuery);
        var absolute = schemeEnd > 0;
        if (absolute)
        {
            var scheme = beforeQuery[..schemeEnd];
            written += scheme.ToLowerInvariant(destination);
            "://".CopyTo(destination[written..]);
            written += 3;
            var rest = beforeQuery[(schemeEnd + 3)..];
            var slash = rest.IndexOf('/');
            var authority = slash >= 0 ? rest[..slash] : rest;
            rawPath = slash >= 0 ? rest[slash..] : [];
            if ((scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && authority.EndsWith(":80", StringComparison.Ordinal))
                || (scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && authority.EndsWith(":443", StringComparison.Ordinal)))
            {
                authority = authority[..authority.LastIndexOf(':')];
            }

            written += authority.ToLowerInvariant(destination[written..]);
        }

        while (rawPath.Length > 1 && rawPath[^1] == '/')
        {
            rawPath = rawPath[..^1];
        }

        var pathStart = written;
        if (absolute && rawPath.IsEmpty)
        {
            destination[written++] = '/';
        }
        else
        {
            rawPath.CopyTo(destination[written..]);
            written += rawPath.Length;
        }

        path = pathStart..written;
        if (rawQuery.IsEmpty)
        {
            query = written..written;
            return written;
        }

        destination[written++] = '?';
        rawQuery.CopyTo(destination[written..]);
        query = written..(written + rawQuery.Length);
        return written + rawQuery.Length;
    }

    /// <summary>Returns the normal form as a string (cold path: condition values, the reference interpreter).</summary>
    public static string Normalize(string url)
    {
        var buffer = new char[MaxLength(url.Length)];
        var length = Normalize(url, buffer, out _, out _);
        return new string(buffer, 0, length);
    }

    /// <summary>The length of a scheme followed by <c>://</c>, or 0.</summary>
    private static int SchemeLength(ReadOnlySpan<char> url)
    {
        if (url.IsEmpty || !char.IsAsciiLetter(url[0]))
        {
            return 0;
        }

        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return url[i..].StartsWith("://", StringComparison.Ordinal) ? i : 0;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return 0;
            }
        }

        return 0;
    }
}
