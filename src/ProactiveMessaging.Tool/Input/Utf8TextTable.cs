using System.Text;
using System.Text.Json;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// The strings of the texts an event log repeats (URLs, languages, countries), one string per text:
/// a JSON string value read again gives the string made the first time, found from its UTF-8 bytes,
/// so that a log of millions of lines allocates a string per distinct text rather than per line.
/// </summary>
/// <remarks>
/// <para>
/// Bounded: once <see cref="Capacity"/> texts are held, the table starts again empty (a log with
/// more distinct texts than that only makes strings again, as it did without the table). Only
/// ASCII texts without escapes are kept, so that the bytes compare with the string's characters
/// one for one; any other text is read as <see cref="Utf8JsonReader.GetString"/> reads it.
/// </para>
/// <para>Not thread-safe (one per reader).</para>
/// </remarks>
internal sealed class Utf8TextTable
{
    /// <summary>The longest text kept (longer ones are rarely repeated and cost more to compare than to copy).</summary>
    public const int MaxTextBytes = 256;

    private readonly int[] _buckets;
    private readonly Entry[] _entries;
    private int _count;

    /// <summary>Creates a table.</summary>
    /// <param name="capacity">The most texts held before the table starts again; a power of two, at least 16.</param>
    public Utf8TextTable(int capacity)
    {
        if (capacity < 16 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "a power of two, at least 16.");
        }

        Capacity = capacity;
        _buckets = new int[capacity];
        _entries = new Entry[capacity];
    }

    /// <summary>Gets the most texts held before the table starts again.</summary>
    public int Capacity { get; }

    /// <summary>Gets how many texts the table holds.</summary>
    public int Count => _count;

    /// <summary>The string of the reader's current string value: the one already made for the same text, or a new one, kept.</summary>
    public string GetString(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxTextBytes)
        {
            return reader.GetString()!;
        }

        var utf8 = reader.ValueSpan;
        var hash = Hash(utf8);
        var bucket = hash & (_buckets.Length - 1);
        if (Find(utf8, hash, bucket) is { } kept)
        {
            return kept;
        }

        // Made as before (GetString checks the UTF-8), kept only when ASCII: as many characters as
        // bytes, since any other character takes more UTF-8 bytes than UTF-16 characters.
        var text = reader.GetString()!;
        if (text.Length == utf8.Length)
        {
            Add(text, hash, bucket);
        }

        return text;
    }

    /// <summary>
    /// The string of a JSON string value's bytes that are all printable ASCII without a backslash (the
    /// caller checked): the same string <see cref="GetString(ref Utf8JsonReader)"/> gives for them.
    /// </summary>
    public string GetAsciiString(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > MaxTextBytes)
        {
            return Encoding.ASCII.GetString(ascii);
        }

        var hash = Hash(ascii);
        var bucket = hash & (_buckets.Length - 1);
        if (Find(ascii, hash, bucket) is { } kept)
        {
            return kept;
        }

        var text = Encoding.ASCII.GetString(ascii);
        Add(text, hash, bucket);
        return text;
    }

    /// <summary>The kept string of the text whose bytes are <paramref name="utf8"/>, or <see langword="null"/>.</summary>
    private string? Find(ReadOnlySpan<byte> utf8, int hash, int bucket)
    {
        for (var i = _buckets[bucket] - 1; i >= 0; i = _entries[i].Next - 1)
        {
            ref var entry = ref _entries[i];
            if (entry.Hash == hash && entry.Text.Length == utf8.Length && Ascii.Equals(utf8, entry.Text))
            {
                return entry.Text;
            }
        }

        return null;
    }

    private void Add(string text, int hash, int bucket)
    {
        if (_count == _entries.Length)
        {
            // Full: start again rather than choose what to forget; the texts a log repeats come back at once.
            Array.Clear(_buckets);
            Array.Clear(_entries);
            _count = 0;
        }

        var index = _count++;
        _entries[index] = new Entry(text, hash, _buckets[bucket]);
        _buckets[bucket] = index + 1;
    }

    /// <summary>A hash of the bytes (FNV-1a over 8-byte words, then the tail), enough to spread the texts of one log.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037 ^ (ulong)utf8.Length;
        while (utf8.Length >= 8)
        {
            hash = (hash ^ BitConverter.ToUInt64(utf8)) * prime;
            utf8 = utf8[8..];
        }

        foreach (var b in utf8)
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash ^ (hash >> 32) ^ (hash >> 17));
    }

    /// <summary>A text, its hash and the index + 1 of the next entry of its bucket (0 at the end).</summary>
    private readonly record struct Entry(string Text, int Hash, int Next);
}
