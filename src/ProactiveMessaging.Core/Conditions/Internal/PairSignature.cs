namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// A 64-bit summary of the adjacent character pairs of a text: each pair sets one bit. A text
/// that contains a needle has every pair of the needle, so when a needle's signature has a bit the
/// text's lacks, the text cannot contain it, and an ordinal substring search is skipped.
/// </summary>
/// <remarks>
/// Bits may collide (the test can pass for a text that does not contain the needle, and the
/// search then decides); it never fails for one that does. Ordinal comparisons only.
/// </remarks>
internal static class PairSignature
{
    public static ulong Of(ReadOnlySpan<char> text)
    {
        var signature = 0UL;
        for (var i = 1; i < text.Length; i++)
        {
            signature |= 1UL << Bit(text[i - 1], text[i]);
        }

        return signature;
    }

    /// <summary>Whether a text of signature <paramref name="text"/> may contain a needle of signature <paramref name="needle"/>.</summary>
    public static bool MayContain(ulong text, ulong needle) => (needle & ~text) == 0;

    // Multiplicative hashing of the pair; the top 6 bits pick one of 64.
    private static int Bit(char first, char second) => (int)((((uint)first << 16) | second) * 0x9E3779B1u >> 26);
}
