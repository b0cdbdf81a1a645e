using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>
/// Reads a payload once, token by token, before any deserialization: refuses malformed JSON,
/// nesting past the cap, strings that escape half of a UTF-16 surrogate pair, and duplicate
/// property names, each with its JSON path and line. The reader is iterative, so no depth of
/// input can overflow the stack.
/// </summary>
internal static class JsonPreScanner
{
    public static Problem? Scan(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        // The reader checks the structure but not every string's encoding; decoding a property
        // name or a value later would then throw. JSON text is UTF-8 (RFC 8259), so refuse it here.
        if (!Utf8.IsValid(utf8))
        {
            return InvalidUtf8(utf8);
        }

        // The reader's own limit sits one level above ours so that we report the problem ourselves.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = maxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });

        // One frame per open object or array: the path segment that leads to it, and the names seen.
        var frames = new List<Frame>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= maxDepth)
                        {
                            return new Problem(
                                JsonProblemCodes.TooDeep,
                                $"Objects and arrays are nested more than {maxDepth} levels deep (line {Line(utf8, reader)}).",
                                PathOf(frames, pendingProperty));
                        }

                        frames.Add(new Frame(SegmentFor(frames, pendingProperty), reader.TokenType == JsonTokenType.StartObject));
                        pendingProperty = null;
                        break;

                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        AdvanceArrayIndex(frames);
                        break;

                    case JsonTokenType.PropertyName:
                        if (LoneSurrogate(utf8, ref reader, frames, pendingProperty) is { } badName)
                        {
                            return badName;
                        }

                        var name = reader.GetString()!;
                        var frame = frames[^1];
                        frame.Names ??= new HashSet<string>(StringComparer.Ordinal);
                        if (!frame.Names.Add(name))
                        {
                            return new Problem(
                                JsonProblemCodes.DuplicateProperty,
                                $"The property '{name}' appears twice in the same object (line {Line(utf8, reader)}).",
                                PathOf(frames, name));
                        }

                        pendingProperty = name;
                        break;

                    default:
                        if (reader.TokenType == JsonTokenType.String && LoneSurrogate(utf8, ref reader, frames, pendingProperty) is { } badString)
                        {
                            return badString;
                        }

                        // A scalar value: it completes a property, or takes the next array slot.
                        pendingProperty = null;
                        AdvanceArrayIndex(frames);
                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var column = (exception.BytePositionInLine ?? 0) + 1;
            return new Problem(
                JsonProblemCodes.Syntax,
                string.Create(CultureInfo.InvariantCulture, $"The payload is not well-formed JSON at line {line}, byte {column}."),
                PathOf(frames, pendingProperty));
        }

        return null;
    }

    private static Problem InvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var index = 0;
        while (index < utf8.Length && Rune.DecodeFromUtf8(utf8[index..], out _, out var consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        var line = utf8[..index].Count((byte)'\n') + 1;
        var column = index - (utf8[..index].LastIndexOf((byte)'\n') + 1) + 1;
        return new Problem(
            JsonProblemCodes.Syntax,
            string.Create(CultureInfo.InvariantCulture, $"The payload is not valid UTF-8 at line {line}, byte {column}."),
            "$");
    }

    /// <summary>
    /// Finds, in the raw (still escaped) text of a string, an escaped high surrogate that no
    /// escaped low surrogate follows, or an escaped low surrogate that no high one precedes; -1 when
    /// there is none. Such a string is not Unicode text: decoding it throws, so every later stage
    /// would fail with an exception instead of a problem. Unescaped surrogates cannot occur, as the
    /// payload is valid UTF-8.
    /// </summary>
    internal static int IndexOfLoneSurrogate(ReadOnlySpan<byte> raw)
    {
        var pendingHigh = -1;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                if (pendingHigh >= 0)
                {
                    return pendingHigh;
                }

                continue;
            }

            // The reader has checked every escape: a backslash is followed by one character, or
            // by 'u' and four hexadecimal digits.
            if (raw[i + 1] != (byte)'u')
            {
                if (pendingHigh >= 0)
                {
                    return pendingHigh;
                }

                i++;
                continue;
            }

            var unit = (char)((Hex(raw[i + 2]) << 12) | (Hex(raw[i + 3]) << 8) | (Hex(raw[i + 4]) << 4) | Hex(raw[i + 5]));
            if (char.IsHighSurrogate(unit))
            {
                if (pendingHigh >= 0)
                {
                    return pendingHigh;
                }

                pendingHigh = i;
            }
            else if (char.IsLowSurrogate(unit))
            {
                if (pendingHigh < 0)
                {
                    return i;
                }

                pendingHigh = -1;
            }
            else if (pendingHigh >= 0)
            {
                return pendingHigh;
            }

            i += 5;
        }

        return pendingHigh;
    }

    private static int Hex(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => digit - 'A' + 10,
    };

    private static Problem? LoneSurrogate(ReadOnlySpan<byte> utf8, ref Utf8JsonReader reader, List<Frame> frames, string? pendingProperty)
    {
        if (!reader.ValueIsEscaped)
        {
            return null;
        }

        var index = IndexOfLoneSurrogate(reader.ValueSpan);
        if (index < 0)
        {
            return null;
        }

        var escape = Encoding.ASCII.GetString(reader.ValueSpan.Slice(index, 6));
        var isName = reader.TokenType == JsonTokenType.PropertyName;
        var what = isName ? "property name" : "string";

        // A name that cannot be decoded is shown in the path as written, escapes included.
        var path = PathOf(frames, isName ? Encoding.UTF8.GetString(reader.ValueSpan) : pendingProperty);
        return new Problem(
            JsonProblemCodes.InvalidString,
            $"The {what} at line {Line(utf8, reader)} has an unpaired UTF-16 surrogate escape, {escape}: an escaped surrogate must be half of a pair, \\uD800-\\uDBFF then \\uDC00-\\uDFFF. Without its other half it is not Unicode text.",
            path);
    }

    private static void AdvanceArrayIndex(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject)
        {
            frames[^1].Index++;
        }
    }

    private static string SegmentFor(List<Frame> frames, string? property)
    {
        if (frames.Count == 0)
        {
            return "$";
        }

        var parent = frames[^1];
        return parent.IsObject ? Property(property ?? string.Empty) : string.Create(CultureInfo.InvariantCulture, $"[{parent.Index}]");
    }

    private static string PathOf(List<Frame> frames, string? property)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            path.Append(frame.Segment);
        }

        if (path.Length == 0)
        {
            path.Append('$');
        }

        if (frames.Count > 0)
        {
            var last = frames[^1];
            if (last.IsObject && property is not null)
            {
                path.Append(Property(property));
            }
            else if (!last.IsObject)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{last.Index}]");
            }
        }

        return path.ToString();
    }

    internal static string Property(string name) =>
        IsPlainName(name) ? "." + name : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static long Line(ReadOnlySpan<byte> utf8, Utf8JsonReader reader)
    {
        var consumed = (int)Math.Min(reader.TokenStartIndex, utf8.Length);
        return utf8[..consumed].Count((byte)'\n') + 1;
    }

    private sealed class Frame(string segment, bool isObject)
    {
        public string Segment { get; } = segment;

        public bool IsObject { get; } = isObject;

        public int Index { get; set; }

        public HashSet<string>? Names { get; set; }
    }
}
