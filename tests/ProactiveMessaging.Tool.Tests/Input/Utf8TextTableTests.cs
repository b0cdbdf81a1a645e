using System.Text;
using System.Text.Json;
using ProactiveMessaging.Tool.Input;

namespace ProactiveMessaging.Tool.Tests.Input;

public sealed class Utf8TextTableTests
{
    /// <summary>Texts of every kind the table treats apart: ASCII, non-ASCII, escaped, empty, longer than it keeps.</summary>
    private static readonly string[] Kinds =
    [
        "v-{0}",
        "https://example.com/checkout/{0}?q=1",
        "en-GB",
        "{0}",
        string.Empty,
        "caf\u00e9-{0}",
        "\U0001F600{0}",
        "\\u0076-{0}",
        "quote\\\"{0}",
        "line\\n{0}",
        new string('x', Utf8TextTable.MaxTextBytes) + "{0}",
        new string('y', Utf8TextTable.MaxTextBytes - 3) + "{0}",
    ];

    [Fact]
    public void GetString_ManyRepeatedVariedTexts_GivesWhatGetStringGives_AndOneStringPerKeptText()
    {
        var random = new Random(16);
        var small = new Utf8TextTable(16);
        var large = new Utf8TextTable(1024);
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 20_000; i++)
        {
            var json = Json(random.Next(Kinds.Length), random.Next(60));

            var expected = Read(json, static (ref Utf8JsonReader reader) => reader.GetString()!);
            var fromSmall = Read(json, (ref Utf8JsonReader reader) => small.GetString(ref reader));
            var fromLarge = Read(json, (ref Utf8JsonReader reader) => large.GetString(ref reader));

            Assert.Equal(expected, fromSmall);
            Assert.Equal(expected, fromLarge);
            Assert.InRange(small.Count, 0, small.Capacity);
            var raw = json[1..^1];
            if (Ascii.IsValid(raw) && !raw.Contains((byte)'\\') && raw.Length <= Utf8TextTable.MaxTextBytes)
            {
                // Fewer distinct texts than the large table holds: each is made once.
                Assert.Same(first.TryAdd(expected, fromLarge) ? fromLarge : first[expected], fromLarge);
            }
        }

        Assert.Equal(first.Count, large.Count);
    }

    [Fact]
    public void GetAsciiString_TextsOfBothEntries_GiveWhatGetStringGives_AndOneStringPerKeptText()
    {
        var random = new Random(61);
        var table = new Utf8TextTable(1024);
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 5_000; i++)
        {
            // Only the plain ASCII kinds, the ones the fast reader passes to GetAsciiString, read through either entry.
            var kind = random.Next(5);
            var json = Json(kind == 4 ? 10 : kind, random.Next(60));
            var raw = json[1..^1];
            var expected = Encoding.ASCII.GetString(raw);

            var text = random.Next(2) == 0 ? table.GetAsciiString(raw) : Read(json, (ref Utf8JsonReader reader) => table.GetString(ref reader));

            Assert.Equal(expected, text);
            if (raw.Length <= Utf8TextTable.MaxTextBytes)
            {
                Assert.Same(first.TryAdd(expected, text) ? text : first[expected], text);
            }
        }

        Assert.Equal(first.Count, table.Count);
    }

    [Fact]
    public void GetString_InvalidUtf8_FailsAsGetStringFails()
    {
        byte[] json = [(byte)'"', (byte)'a', 0xFF, (byte)'b', (byte)'"'];
        var table = new Utf8TextTable(16);

        var expected = Record.Exception(() => Read(json, static (ref Utf8JsonReader reader) => reader.GetString()!));
        var actual = Record.Exception(() => Read(json, (ref Utf8JsonReader reader) => table.GetString(ref reader)));

        Assert.NotNull(expected);
        Assert.Equal(expected.GetType(), actual?.GetType());
        Assert.Equal(0, table.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(100)]
    public void Constructor_CapacityNotAPowerOfTwoOfAtLeast16_IsRefused(int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8TextTable(capacity));

    private delegate string ReadValue(ref Utf8JsonReader reader);

    private static byte[] Json(int kind, int number) =>
        Encoding.UTF8.GetBytes("\"" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Kinds[kind], number) + "\"");

    private static string Read(byte[] json, ReadValue read)
    {
        var reader = new Utf8JsonReader(json);
        Assert.True(reader.Read());
        return read(ref reader);
    }
}
