using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>
/// Reads a payload once, token by token, before any deserialization: refuses malformed JSON,
/// nesting past the cap and duplicate property names, each with its JSON path and line. The
/// reader is iterative, so no depth of input can overflow the stack.
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
