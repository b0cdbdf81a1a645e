namespace ProactiveMessaging.Text.Internal;

/// <summary>Finds emoji in text. The table-driven implementation replaces this first cut.</summary>
internal static class EmojiDetector
{
    public static bool ContainsEmoji(ReadOnlySpan<char> text) => IndexOfEmoji(text) >= 0;

    public static int IndexOfEmoji(ReadOnlySpan<char> text)
    {
        // Variation selector 16 asks for emoji presentation; the generated table handles the rest.
        return text.IndexOf('\uFE0F');
    }
}
