namespace ProactiveMessaging.Text.Internal;

/// <summary>
/// Looks up the emoji properties of a code point in the table generated from Unicode's
/// emoji-data.txt (see <c>tools/emoji/</c>).
/// </summary>
/// <remarks>The table is constant data in the assembly: lookups allocate nothing and are thread-safe.</remarks>
internal static partial class EmojiTable
{
    /// <summary>Gets the emoji properties of <paramref name="codePoint"/>.</summary>
    /// <param name="codePoint">A Unicode scalar value or surrogate code point, U+0000..U+10FFFF.</param>
    /// <returns>The properties; <see cref="EmojiProperties.None"/> for most characters.</returns>
    public static EmojiProperties GetProperties(int codePoint)
    {
        ReadOnlySpan<uint> runs = Runs;

        // The run holding the code point is the last one that starts at or before it. Searching for
        // the code point with every property bit set finds that run whatever its properties are.
        var key = ((uint)codePoint << 8) | 0xFFu;
        var index = runs.BinarySearch(key);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (EmojiProperties)(byte)runs[index];
    }
}
