using System.Text;

namespace ProactiveMessaging.Text.Internal;

/// <summary>
/// Finds emoji in text, following the Unicode emoji data (UTS #51) in <see cref="EmojiTable"/>.
/// Agent replies must be text only; this is how the validation finds what to refuse.
/// </summary>
/// <remarks>
/// <para>An emoji starts at a code point when one of these holds (docs/emoji.md has the examples):</para>
/// <list type="bullet">
/// <item>it has <c>Emoji_Presentation</c>: shown as an emoji by default, even before U+FE0E, which
/// many platforms ignore. This covers skin tone modifiers, hair components and regional indicators,
/// so a flag is found at its first letter and a lone regional indicator is found too;</item>
/// <item>it is <c>Extended_Pictographic</c> without <c>Emoji</c> and outside the Basic Multilingual
/// Plane: the code points Unicode reserves for future emoji (U+1FAE9 became an emoji in Unicode 16.0)
/// and the pictographs beside them, so emoji newer than the table are still refused;</item>
/// <item>it has <c>Emoji</c> (text presentation by default, such as U+2764 or U+00A9) and U+FE0F
/// follows it, a skin tone modifier follows it, a tag sequence follows it (subdivision flags), or
/// U+200D joins it to another emoji pictograph (ZWJ sequences);</item>
/// <item>it is a keycap base (<c>0</c>..<c>9</c>, <c>#</c>, <c>*</c>) followed by U+20E3.</item>
/// </list>
/// <para>
/// Anything else is text. In particular a text-presentation character without U+FE0F, such as
/// © ™ ↔ ‼ or the heart U+2764, is allowed: Unicode gives it text presentation by default, and drawing
/// a line between ❤ and © would need a hand-made list, which the data does not support.
/// </para>
/// <para>The methods allocate nothing and are thread-safe.</para>
/// </remarks>
internal static class EmojiDetector
{
    private const char ZeroWidthJoiner = '\u200D';
    private const char CombiningEnclosingKeycap = '\u20E3';
    private const char VariationSelector16 = '\uFE0F';
    private const int FirstTagSpecification = 0xE0020;
    private const int LastTagSpecification = 0xE007E;
    private const int CancelTag = 0xE007F;
    private const int FirstSupplementaryCodePoint = 0x10000;
    private const EmojiProperties EmojiPictograph = EmojiProperties.Emoji | EmojiProperties.Pictographic;

    /// <summary>Gets the version of Unicode Emoji whose data decides what an emoji is.</summary>
    public static string UnicodeVersion => EmojiTable.UnicodeVersion;

    /// <summary>Tells whether <paramref name="text"/> contains an emoji.</summary>
    /// <param name="text">The text to search.</param>
    /// <returns><see langword="true"/> if an emoji starts anywhere in the text.</returns>
    public static bool ContainsEmoji(ReadOnlySpan<char> text) => IndexOfEmoji(text) >= 0;

    /// <summary>Finds the first emoji in <paramref name="text"/>.</summary>
    /// <param name="text">The text to search.</param>
    /// <returns>
    /// The UTF-16 index where the first emoji starts (the first code point of its sequence, such as the
    /// base of a skin tone or the digit of a keycap), or -1 if the text holds no emoji.
    /// </returns>
    public static int IndexOfEmoji(ReadOnlySpan<char> text)
    {
        var index = 0;
        while (index < text.Length)
        {
            var current = text[index];

            // ASCII has no emoji property except on the keycap bases (a test checks this against the
            // table), so the common case skips the lookup.
            if (current < '\u0080' && !IsKeycapBase(current))
            {
                index++;
                continue;
            }

            var codePoint = ReadCodePoint(text, index, out var length);
            if (StartsEmoji(text, codePoint, index + length))
            {
                return index;
            }

            index += length;
        }

        return -1;
    }

    private static bool StartsEmoji(ReadOnlySpan<char> text, int codePoint, int next)
    {
        var properties = EmojiTable.GetProperties(codePoint);
        if ((properties & EmojiProperties.Presentation) != 0)
        {
            return true;
        }

        if ((properties & EmojiProperties.Emoji) == 0)
        {
            return (properties & EmojiProperties.Pictographic) != 0 && codePoint >= FirstSupplementaryCodePoint;
        }

        // From here on the character is an emoji shown as text by default: what follows decides.
        if (next >= text.Length)
        {
            return false;
        }

        var following = text[next];
        if (following == VariationSelector16)
        {
            return true;
        }

        if (following == CombiningEnclosingKeycap)
        {
            return IsKeycapBase(codePoint);
        }

        if (following == ZeroWidthJoiner)
        {
            return (properties & EmojiProperties.Pictographic) != 0 && IsJoinablePictograph(text, next + 1);
        }

        var followingCodePoint = ReadCodePoint(text, next, out _);
        if ((properties & EmojiProperties.ModifierBase) != 0
            && (EmojiTable.GetProperties(followingCodePoint) & EmojiProperties.Modifier) != 0)
        {
            return true;
        }

        return IsTagSpecification(followingCodePoint) && EndsTagSequence(text, next);
    }

    // The element after a ZWJ: an emoji pictograph (Emoji and Extended_Pictographic, such as U+2640 in
    // a gendered sequence) or an emoji-presentation character (such as a hair component).
    private static bool IsJoinablePictograph(ReadOnlySpan<char> text, int index)
    {
        if (index >= text.Length)
        {
            return false;
        }

        var properties = EmojiTable.GetProperties(ReadCodePoint(text, index, out _));
        return (properties & EmojiProperties.Presentation) != 0 || (properties & EmojiPictograph) == EmojiPictograph;
    }

    // A tag sequence is one or more tag specification characters closed by CANCEL TAG (UTS #51 ED-14a);
    // without the closing tag the tags are invisible format characters, not an emoji.
    private static bool EndsTagSequence(ReadOnlySpan<char> text, int index)
    {
        while (index < text.Length)
        {
            var codePoint = ReadCodePoint(text, index, out var length);
            if (codePoint == CancelTag)
            {
                return true;
            }

            if (!IsTagSpecification(codePoint))
            {
                return false;
            }

            index += length;
        }

        return false;
    }

    private static bool IsTagSpecification(int codePoint) =>
        codePoint is >= FirstTagSpecification and <= LastTagSpecification;

    // UTS #51 ED-14c: only these characters form keycap sequences with U+20E3.
    private static bool IsKeycapBase(int codePoint) => codePoint is (>= '0' and <= '9') or '#' or '*';

    // A lone surrogate reads as U+FFFD, which has no emoji property, and advances by one char.
    private static int ReadCodePoint(ReadOnlySpan<char> text, int index, out int length)
    {
        _ = Rune.DecodeFromUtf16(text[index..], out var rune, out length);
        return rune.Value;
    }
}
