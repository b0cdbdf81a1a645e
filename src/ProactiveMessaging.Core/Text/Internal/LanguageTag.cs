using System.Buffers;

namespace ProactiveMessaging.Text.Internal;

/// <summary>
/// The language tags the library accepts: those of a message's text variants and those a
/// <c>visitor.language</c> condition compares with.
/// </summary>
internal static class LanguageTag
{
    private const int MaxLength = 35;

    private static readonly SearchValues<char> AsciiLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// A well-formed BCP 47 tag as the runtime needs it: a language of 2 or 3 letters, then
    /// subtags of 1 to 8 letters or digits separated by <c>-</c>, at most 35 characters.
    /// </summary>
    public static bool IsWellFormed(string tag)
    {
        if (tag.Length is 0 or > MaxLength)
        {
            return false;
        }

        var first = true;
        foreach (var range in tag.AsSpan().Split('-'))
        {
            var subtag = tag.AsSpan()[range];
            if (first)
            {
                if (subtag.Length is < 2 or > 3 || subtag.ContainsAnyExcept(AsciiLetters))
                {
                    return false;
                }

                first = false;
                continue;
            }

            if (subtag.Length is 0 or > 8)
            {
                return false;
            }

            foreach (var c in subtag)
            {
                if (!char.IsAsciiLetterOrDigit(c))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
