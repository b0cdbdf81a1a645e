namespace ProactiveMessaging.Text.Internal;

/// <summary>
/// The binary emoji properties of a code point, as listed in Unicode's emoji-data.txt (UTS #51).
/// </summary>
/// <remarks>
/// The generated <see cref="EmojiTable"/> stores these flags in the low byte of each entry, so the
/// values must stay below 256.
/// </remarks>
[Flags]
internal enum EmojiProperties : byte
{
    /// <summary>No emoji property.</summary>
    None = 0,

    /// <summary><c>Emoji</c>: the character can be an emoji, possibly only with U+FE0F after it.</summary>
    Emoji = 1 << 0,

    /// <summary><c>Emoji_Presentation</c>: the character is shown as an emoji by default.</summary>
    Presentation = 1 << 1,

    /// <summary><c>Emoji_Modifier</c>: a skin tone modifier, U+1F3FB..U+1F3FF.</summary>
    Modifier = 1 << 2,

    /// <summary><c>Emoji_Modifier_Base</c>: the character takes a skin tone modifier after it.</summary>
    ModifierBase = 1 << 3,

    /// <summary><c>Emoji_Component</c>: the character appears inside emoji sequences.</summary>
    Component = 1 << 4,

    /// <summary>
    /// <c>Extended_Pictographic</c>: a pictograph, an emoji or not, including code points Unicode
    /// reserves for future pictographs.
    /// </summary>
    Pictographic = 1 << 5,
}
