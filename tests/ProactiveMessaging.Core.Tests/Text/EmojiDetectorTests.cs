using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Text.Internal;

namespace ProactiveMessaging.Tests.Text;

public sealed class EmojiDetectorTests
{
    private const string Prefix = "Hello, ";
    private const string Suffix = " world.";

    // Text characters that are not emoji, alone or in any order: letters of many scripts, digits and
    // the keycap bases, punctuation, symbols with text presentation, math and currency, spaces.
    private static readonly string[] TextCharacters =
    [
        "a", "Z", "é", "ß", "ø", "ł", "ñ", "Ç", "ş", "ő",
        "α", "Ω", "ж", "Я", "ї", "ع", "ب", "ש", "א", "क", "ष", "्", "ि", "ก", "ุ", "한", "글", "ㄱ",
        "中", "文", "字", "あ", "ひ", "カ", "ナ", "ー", "ጀ", "ա", "ვ", "𝐀", "𠀀", "𐐀",
        "0", "1", "5", "9", "#", "*", "٣", "५",
        ".", ",", ";", ":", "!", "?", "'", "\"", "(", ")", "[", "]", "{", "}", "-", "–", "—", "…", "«", "»", "¿", "¡", "@", "&", "/", "\\", "_", "%",
        "、", "。", "「", "」", "『", "』", "【", "】", "・", "〜",
        "©", "®", "™", "‼", "⁉", "ℹ", "↔", "↕", "↖", "↩", "→", "←", "⇒", "▶", "◀", "▪", "▫", "Ⓜ", "〰", "〽", "㊗", "㊙",
        "❤", "☺", "♥", "☀", "✈", "✔", "★", "♪", "☐", "♡", "☻",
        "+", "−", "×", "÷", "=", "≠", "≤", "≥", "±", "∑", "√", "∞", "∫", "π", "°",
        "$", "€", "£", "¥", "₹", "₽", "₩", "¢", "₿",
        " ", "\t", "\n", "\u00A0", "\u3000",
    ];

    [Fact]
    public void ContainsEmoji_ForEveryFullyQualifiedEmojiInEmojiTest_ReturnsTrue()
    {
        var entries = UnicodeEmojiData.ReadEmojiTest("fully-qualified");

        var missed = entries.Where(entry => !EmojiDetector.ContainsEmoji(entry.Text)).ToList();

        Assert.Equal(3655, entries.Count);
        Assert.True(missed.Count == 0, $"{missed.Count} emoji not detected:\n{string.Join('\n', missed)}");
    }

    [Fact]
    public void IndexOfEmoji_ForEveryFullyQualifiedEmojiInsideText_ReturnsWhereTheEmojiStarts()
    {
        var entries = UnicodeEmojiData.ReadEmojiTest("fully-qualified");

        var wrong = entries
            .Select(entry => (entry, index: EmojiDetector.IndexOfEmoji(Prefix + entry.Text + Suffix)))
            .Where(result => result.index != Prefix.Length)
            .Select(result => $"{result.entry}: index {result.index}")
            .ToList();

        Assert.True(wrong.Count == 0, $"{wrong.Count} emoji found at the wrong index:\n{string.Join('\n', wrong)}");
    }

    [Fact]
    public void IndexOfEmoji_ForEveryMinimallyQualifiedEmojiInsideText_ReturnsWhereTheEmojiStarts()
    {
        var entries = UnicodeEmojiData.ReadEmojiTest("minimally-qualified");

        var wrong = entries
            .Select(entry => (entry, index: EmojiDetector.IndexOfEmoji(Prefix + entry.Text + Suffix)))
            .Where(result => result.index != Prefix.Length)
            .Select(result => $"{result.entry}: index {result.index}")
            .ToList();

        Assert.NotEmpty(entries);
        Assert.True(wrong.Count == 0, $"{wrong.Count} emoji found at the wrong index:\n{string.Join('\n', wrong)}");
    }

    // Skin tones and hair styles, which emoji-test.txt lists as components shown as emoji alone.
    [Fact]
    public void ContainsEmoji_ForEveryComponentInEmojiTest_ReturnsTrue()
    {
        var entries = UnicodeEmojiData.ReadEmojiTest("component");

        var missed = entries.Where(entry => !EmojiDetector.ContainsEmoji(entry.Text)).ToList();

        Assert.NotEmpty(entries);
        Assert.True(missed.Count == 0, $"{missed.Count} components not detected:\n{string.Join('\n', missed)}");
    }

    // An unqualified sequence lacks some U+FE0F, but a keycap, a skin tone or a ZWJ still makes it an emoji.
    [Fact]
    public void ContainsEmoji_ForEveryUnqualifiedSequenceInEmojiTest_ReturnsTrue()
    {
        var entries = UnicodeEmojiData.ReadEmojiTest("unqualified").Where(entry => entry.CodePointCount > 1).ToList();

        var missed = entries.Where(entry => !EmojiDetector.ContainsEmoji(entry.Text)).ToList();

        Assert.NotEmpty(entries);
        Assert.True(missed.Count == 0, $"{missed.Count} sequences not detected:\n{string.Join('\n', missed)}");
    }

    // The decision for text-presentation characters: without U+FE0F they are text (docs/emoji.md).
    [Fact]
    public void ContainsEmoji_ForEveryUnqualifiedSingleCharacterInEmojiTest_ReturnsFalse()
    {
        var entries = UnicodeEmojiData.ReadEmojiTest("unqualified").Where(entry => entry.CodePointCount == 1).ToList();

        var flagged = entries.Where(entry => EmojiDetector.ContainsEmoji(entry.Text)).ToList();

        Assert.Contains(entries, entry => entry.Text == "\u2764");
        Assert.True(flagged.Count == 0, $"{flagged.Count} text-presentation characters flagged:\n{string.Join('\n', flagged)}");
    }

    [Theory]
    // Emoji presentation by default
    [InlineData("😀")]
    [InlineData("👍")]
    [InlineData("⌚")]
    [InlineData("🚀")]
    // Emoji presentation even when U+FE0E asks for text: many platforms draw the emoji anyway
    [InlineData("⌚\uFE0E")]
    [InlineData("😀\uFE0E")]
    // Flags: regional indicator pairs, and a lone regional indicator
    [InlineData("🇫🇷")]
    [InlineData("🇺🇳")]
    [InlineData("\U0001F1E6")]
    // Subdivision flags: tag sequences
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F")]
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")]
    // Keycaps, with and without U+FE0F
    [InlineData("1\uFE0F\u20E3")]
    [InlineData("#\uFE0F\u20E3")]
    [InlineData("*\uFE0F\u20E3")]
    [InlineData("0\u20E3")]
    [InlineData("#\u20E3")]
    // Skin tones, on emoji and on text-presentation bases, and alone
    [InlineData("👍🏽")]
    [InlineData("✌🏿")]
    [InlineData("☝🏻")]
    [InlineData("🏻")]
    // ZWJ sequences: families, professions, gendered, with and without U+FE0F
    [InlineData("👨‍👩‍👧‍👦")]
    [InlineData("👩🏾‍💻")]
    [InlineData("🏳️‍🌈")]
    [InlineData("❤️‍🔥")]
    [InlineData("👁‍🗨")]
    [InlineData("🧑‍🤝‍🧑")]
    // Text-presentation emoji turned into emoji by U+FE0F
    [InlineData("❤\uFE0F")]
    [InlineData("☺\uFE0F")]
    [InlineData("©\uFE0F")]
    [InlineData("™\uFE0F")]
    [InlineData("↔\uFE0F")]
    [InlineData("‼\uFE0F")]
    [InlineData("5\uFE0F")]
    // Reserved for future emoji: U+1FAE9 became an emoji in Unicode 16.0
    [InlineData("\U0001FAE9")]
    [InlineData("\U0001FC00")]
    public void ContainsEmoji_ForEmoji_ReturnsTrue(string text)
    {
        Assert.True(EmojiDetector.ContainsEmoji(text));
        Assert.True(EmojiDetector.ContainsEmoji(Prefix + text + Suffix));
    }

    [Theory]
    // Latin with diacritics, Greek, Cyrillic
    [InlineData("Crème brûlée à la façon de Łódź, Ærøskøbing, naïve, São Paulo, İstanbul")]
    [InlineData("Καλημέρα, πώς μπορώ να βοηθήσω;")]
    [InlineData("Здравствуйте! Чем могу помочь?")]
    // Right-to-left scripts
    [InlineData("مرحبا، كيف يمكنني مساعدتك؟")]
    [InlineData("שלום, איך אפשר לעזור?")]
    // Indic and South-East Asian scripts, including ZWJ and ZWNJ between letters
    [InlineData("नमस्ते, मैं आपकी कैसे मदद कर सकता हूँ?")]
    [InlineData("क्\u200Dष र\u200Dि क्\u200Cष")]
    [InlineData("സ്വാഗതം ൻ\u200D")]
    [InlineData("สวัสดีครับ ยินดีต้อนรับ")]
    // East Asian scripts and CJK punctuation
    [InlineData("안녕하세요, 무엇을 도와드릴까요?")]
    [InlineData("您好，请问有什么可以帮您？")]
    [InlineData("こんにちは、「ひらがな」と「カタカナ」。")]
    [InlineData("、。「」『』【】〜・")]
    // Digits, keycap bases alone, and a letter with a combining keycap
    [InlineData("Call 0800 123 456, option #2 or *9.")]
    [InlineData("0123456789")]
    [InlineData("A\u20E3")]
    // Text-presentation symbols without U+FE0F
    [InlineData("Acme© Widget™ Pro®")]
    [InlineData("‼ ⁉ ℹ Ⓜ")]
    [InlineData("↔ ↕ ↖ ↗ ↘ ↙ ↩ ↪")]
    [InlineData("▶ ◀ ▪ ▫ ◻ ◼")]
    [InlineData("〰 〽 ㊗ ㊙")]
    // The bare heart and friends: text presentation by default, so text
    [InlineData("I ❤ Paris")]
    [InlineData("☺ ♥ ♠ ☀ ✈ ✔ ✉ ☎")]
    // Pictographs in the Basic Multilingual Plane that are not emoji at all
    [InlineData("5★ service ♪ ☐ ☒ ♡ ☻ ♔ ⚀")]
    // Other arrows, math and currency
    [InlineData("→ ← ⇒ ⇔ ⟶")]
    [InlineData("1 + 2 − 3 × 4 ÷ 5 = x ≠ y ≤ z ≥ 0 ± ∞ √2 ∑ ∫ π 90°")]
    [InlineData("$ € £ ¥ ₹ ₽ ₩ ¢ ₿ 10,00 €")]
    // Punctuation, quotes and spaces
    [InlineData("Hello, world! (Really?) \"Yes\" — 'no'… «oui» ¿qué? ¡sí! 50% a/b a\\b a_b @me & co.")]
    [InlineData("\u00A0\u2009\u3000\t\r\n")]
    // U+FE0F after something that is not an emoji, and tags that do not close
    [InlineData("a\uFE0F")]
    [InlineData("★\uFE0F")]
    [InlineData("a\U000E0067\U000E0062\U000E007F")]
    [InlineData("❤\U000E0067\U000E0062")]
    // Characters outside the Basic Multilingual Plane that are letters
    [InlineData("𝐀𝐁𝐂 𠀀𠀁 𐐀𐐁")]
    // Lone surrogates
    [InlineData("\uD83D")]
    [InlineData("a\uDE00b")]
    [InlineData("")]
    public void ContainsEmoji_ForText_ReturnsFalse(string text)
    {
        Assert.False(EmojiDetector.ContainsEmoji(text));
        Assert.Equal(-1, EmojiDetector.IndexOfEmoji(text));
    }

    [Fact]
    public void ContainsEmoji_ForBareHeart_ReturnsFalse() => Assert.False(EmojiDetector.ContainsEmoji("\u2764"));

    [Fact]
    public void ContainsEmoji_ForHeartWithVariationSelector16_ReturnsTrue() => Assert.True(EmojiDetector.ContainsEmoji("\u2764\uFE0F"));

    [Fact]
    public void ContainsEmoji_ForCopyrightAndTradeMarkWithoutVariationSelector16_ReturnsFalse() =>
        Assert.False(EmojiDetector.ContainsEmoji("\u00A9 \u2122"));

    // Letters, marks, numbers, punctuation and separators are never emoji on their own. The
    // categories come from the runtime's Unicode data, independent of the emoji table.
    [Fact]
    public void ContainsEmoji_ForEveryLetterMarkNumberPunctuationOrSeparatorAlone_ReturnsFalse()
    {
        var flagged = new List<string>();
        for (var codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF || !IsTextCategory(CharUnicodeInfo.GetUnicodeCategory(codePoint)))
            {
                continue;
            }

            if (EmojiDetector.ContainsEmoji(char.ConvertFromUtf32(codePoint)))
            {
                flagged.Add($"U+{codePoint:X4}");
            }
        }

        Assert.True(flagged.Count == 0, $"{flagged.Count} text characters flagged: {string.Join(' ', flagged.Take(50))}");
    }

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property ContainsEmoji_ForTextBuiltFromNonEmojiCharacters_ReturnsFalse()
    {
        var texts = Gen.Elements(TextCharacters).ArrayOf().Select(string.Concat).ToArbitrary();

        return Prop.ForAll(texts, text => !EmojiDetector.ContainsEmoji(text));
    }

    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property IndexOfEmoji_ForEmojiAfterNonEmojiText_ReturnsTheLengthOfTheText()
    {
        var emoji = UnicodeEmojiData.ReadEmojiTest("fully-qualified").Select(entry => entry.Text).ToArray();
        var texts = Gen.Elements(TextCharacters).ArrayOf().Select(string.Concat);
        var cases = texts.SelectMany(text => Gen.Elements(emoji), (text, e) => (text, e)).ToArbitrary();

        return Prop.ForAll(cases, c => EmojiDetector.IndexOfEmoji(c.text + c.e + c.text) == c.text.Length);
    }

    [Theory]
    [InlineData("😀", 0)]
    [InlineData("Hi 😀", 3)]
    [InlineData("Hi 😀 and 😃", 3)]
    // The start of a sequence: the base of a skin tone, the digit of a keycap, the first flag letter
    [InlineData("ab👍🏽", 2)]
    [InlineData("x☝🏻", 1)]
    [InlineData("Call 1️⃣", 5)]
    [InlineData("a#⃣", 1)]
    [InlineData("é🇫🇷", 1)]
    [InlineData("abc👨‍👩‍👧", 3)]
    [InlineData("x👁‍🗨", 1)]
    [InlineData("Go \U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F!", 3)]
    // Text-presentation characters before the emoji are skipped
    [InlineData("I ❤️ it", 2)]
    [InlineData("I ❤ it 😀", 7)]
    [InlineData("© 2025 ™ ↔ #1 ©️", 14)]
    // UTF-16 index: a character outside the Basic Multilingual Plane counts twice
    [InlineData("𝐀😀", 2)]
    // A skin tone after something that takes none is an emoji by itself
    [InlineData("©🏻", 1)]
    public void IndexOfEmoji_ForTextWithEmoji_ReturnsTheUtf16IndexOfTheFirstEmoji(string text, int expected) =>
        Assert.Equal(expected, EmojiDetector.IndexOfEmoji(text));

    [Fact]
    public void IndexOfEmoji_ForTextWithoutEmoji_ReturnsMinusOne() =>
        Assert.Equal(-1, EmojiDetector.IndexOfEmoji("Hello © world ❤ 123 #"));

    [Fact]
    public void IndexOfEmoji_DoesNotAllocate()
    {
        const string Text = "Bonjour, je suis là pour vous aider © ™ ❤ 1️⃣ 👨‍👩‍👧‍👦 🇫🇷";

        // Steady state: the runtime may allocate once on this thread while it tiers the code up.
        AllocationAssert.ZeroPerCall(() => EmojiDetector.IndexOfEmoji(Text) >= 0 && EmojiDetector.ContainsEmoji(Text.AsSpan(0, 40)), calls: 1_000);
    }

    private static bool IsTextCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
            or UnicodeCategory.ModifierSymbol or UnicodeCategory.Format or UnicodeCategory.Control
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };
}
