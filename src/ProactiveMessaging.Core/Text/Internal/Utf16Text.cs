namespace ProactiveMessaging.Text.Internal;

/// <summary>Checks that a string is well-formed UTF-16, as every text a JSON document can carry is.</summary>
internal static class Utf16Text
{
    /// <summary>The index of the first surrogate without its pair, or -1 when the text is well-formed UTF-16.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
