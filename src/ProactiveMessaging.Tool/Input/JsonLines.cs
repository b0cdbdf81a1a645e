using System.Globalization;
using System.Text.Json;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// Finds the line of a JSON file where a value starts, from the JSON path a problem names
/// (<c>$.messages[1].experiment.variants[0].weight</c>, <c>$.messages['welcome']</c>): the line of
/// the deepest part of the path the file has, so a missing property points at its object.
/// </summary>
internal static class JsonLines
{
    /// <summary>The 1-based line of the value at <paramref name="path"/>, or of its deepest parent the file has; 1 when nothing matches.</summary>
    public static int LineOf(ReadOnlySpan<byte> json, string path)
    {
        var target = Segments(path);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new List<string>();
        var indexes = new List<int>();
        string? pendingProperty = null;
        var best = 0;
        var bestLine = 1;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = reader.GetString();
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (stack.Count > 0)
                        {
                            stack.RemoveAt(stack.Count - 1);
                            indexes.RemoveAt(indexes.Count - 1);
                        }

                        continue;
                }

                // A value starts: its segment is the pending property, or the next index of the enclosing array.
                var segment = pendingProperty;
                pendingProperty = null;
                if (segment is null && indexes.Count > 0 && indexes[^1] >= 0)
                {
                    segment = indexes[^1].ToString(CultureInfo.InvariantCulture);
                    indexes[^1]++;
                }

                var depth = stack.Count + (segment is null ? 0 : 1);
                var matched = Matches(stack, segment, target);
                if (matched > best || (matched == depth && matched == target.Count))
                {
                    best = matched;
                    bestLine = Line(json, (int)reader.TokenStartIndex);
                    if (matched == target.Count)
                    {
                        return bestLine;
                    }
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Add(segment ?? string.Empty);
                    indexes.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the best line found before the error.
        }

        return bestLine;
    }

    /// <summary>The 1-based line of a JSON syntax error, from the reader's own position.</summary>
    public static int? SyntaxErrorLine(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException exception)
        {
            return exception.LineNumber is { } line ? (int)line + 1 : null;
        }
    }

    /// <summary>How many leading segments of the target the value at stack + segment matches, when all of its own do.</summary>
    private static int Matches(List<string> stack, string? segment, List<string> target)
    {
        // The root object has the empty segment.
        var own = new List<string>(stack.Skip(1));
        if (segment is not null)
        {
            own.Add(segment);
        }

        if (own.Count > target.Count)
        {
            return 0;
        }

        for (var i = 0; i < own.Count; i++)
        {
            if (!string.Equals(own[i], target[i], StringComparison.Ordinal))
            {
                return 0;
            }
        }

        return own.Count;
    }

    private static int Line(ReadOnlySpan<byte> json, int offset) => json[..Math.Min(offset, json.Length)].Count((byte)'\n') + 1;

    /// <summary>The segments of a JSON path: property names and array indexes; a quoted index (an id) stays a name.</summary>
    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                segments.Add(path[(i + 1)..end].Trim('\'', '"'));
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return segments;
    }
}
