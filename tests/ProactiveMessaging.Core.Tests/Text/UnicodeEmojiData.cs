using System.Globalization;
using System.Text;

namespace ProactiveMessaging.Tests.Text;

/// <summary>Reads the Unicode emoji data files copied next to the tests.</summary>
internal static class UnicodeEmojiData
{
    public static string EmojiDataPath => Path.Combine(AppContext.BaseDirectory, "Text", "Data", "emoji-data.txt");

    public static string EmojiTestPath => Path.Combine(AppContext.BaseDirectory, "Text", "Data", "emoji-test.txt");

    /// <summary>Gets the entries of emoji-test.txt with the given status, such as <c>fully-qualified</c>.</summary>
    public static IReadOnlyList<EmojiTestEntry> ReadEmojiTest(string status)
    {
        var entries = new List<EmojiTestEntry>();
        var lines = File.ReadAllLines(EmojiTestPath);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var data = (hash >= 0 ? line[..hash] : line).Trim();
            if (data.Length == 0)
            {
                continue;
            }

            var fields = data.Split(';', StringSplitOptions.TrimEntries);
            if (fields[1] != status)
            {
                continue;
            }

            var text = new StringBuilder();
            foreach (var hex in fields[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                text.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            entries.Add(new EmojiTestEntry(i + 1, fields[0], text.ToString(), line[(hash + 1)..].Trim()));
        }

        return entries;
    }
}

/// <summary>One line of emoji-test.txt.</summary>
internal sealed record EmojiTestEntry(int LineNumber, string CodePoints, string Text, string Name)
{
    public int CodePointCount => CodePoints.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public override string ToString() => $"line {LineNumber}: {CodePoints} ({Name})";
}
