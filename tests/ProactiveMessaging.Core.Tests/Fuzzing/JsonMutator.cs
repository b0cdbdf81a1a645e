using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProactiveMessaging.Tests.Fuzzing;

/// <summary>
/// Turns a valid JSON document into a hostile one, deterministically from a seed: bytes flipped,
/// the text cut short, tokens and whole values duplicated, removed, inserted or swapped, strings
/// replaced by lone surrogate escapes, long texts or extreme dates, numbers by extreme ones, and
/// values buried in deep nesting. Each input says which mutations made it.
/// </summary>
internal static partial class JsonMutator
{
    /// <summary>Strings that break readers: lone surrogates, extreme dates and instants, odd patterns and ids.</summary>
    private static readonly string[] HostileStrings =
    [
        "\\uD800", "\\uDC00", "a\\uDBFF", "\\uDFFFz", "\\uD800\\uD800", "\\uDC00\\uD800", "\\uD83D\\uDE00", "\\ud83d", "\\\\uD800",
        "", " ", "\\u0000", "\\u001f", "\\n\\t", "\\\"", "\\\\", "\u202E", "\u00A0", "\U0001F600", "\uFEFF",
        "9999-12-31", "9999-12-25", "9999-01-01", "-9999-01-01", "0000-01-01", "0001-01-01", "+10000-01-01", "2026-02-29", "2024-02-29", "2026-13-01",
        "9999-12-31T23:59:59.999999999Z", "-9999-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2026-11-20T09:30:00+01:00", "2026-11-20T24:00:00Z",
        "24:00", "23:59", "00:00", "25:00", "9:00", "23:59:60", "P9999Y", "PT-1S", "-PT1S", "P99999999999999999999D", "PT0S",
        "Etc/GMT+12", "Europe/Nowhere", "../../etc/passwd", "UTC", "America/Sao_Paulo",
        "(a+)+$", "^(a|aa)+$", "(?<=a)b", "\\\\1", "[", "\\\\p{L}+", "(?i)checkout", "*", "**/*", "?",
        "$type", "System.Object, System.Private.CoreLib", "agent", "bot", "enum", "timeOfDay", "list",
        "custom.plan", "event.addedToCart.count", "event.x.occurred", "page.query.utm_source", "page.query.", "custom.", "visitor.country",
        "between", "matchesPattern", "isOneOf", "isSet", "live", "error", "draft", "paused", "once", "businessHours",
    ];

    /// <summary>Numbers at and past every limit a reader meets.</summary>
    private static readonly string[] HostileNumbers =
    [
        "1e400", "-1e400", "1e308", "-1.7976931348623157e308", "4.9e-324", "1e-400", "123456789012345678901234567890",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "-2147483649",
        "-0", "0.0", "0e0", "1E+21", "0.1", "-1", "10000", "10001", "257", "256", "9999", "-9999",
    ];

    /// <summary>Values of every JSON type, to put where another type belongs.</summary>
    private static readonly string[] OtherValues =
    [
        "null", "true", "false", "0", "\"x\"", "{}", "[]", "[1, 2]", "[\"a\", \"b\"]", "{\"min\": 1, \"max\": 2}", "{\"min\": \"b\", \"max\": \"a\"}",
        "[null]", "{\"all\": []}", "{\"any\": [{\"field\": \"page.path\", \"operator\": \"isSet\"}]}", "{\"$type\": \"x\"}",
    ];

    private static readonly int[] NestingDepths = [2, 31, 32, 33, 64, 256, 257, 5000];

    private static readonly int[] LongLengths = [101, 501, 4097, 70_000, 262_100];

    /// <summary>Returns the mutated document and a description of what was done to it.</summary>
    public static (byte[] Input, string Description) Mutate(byte[] document, IReadOnlyList<string> tokenPool, int seed)
    {
        var random = new Random(seed);
        var tokens = Tokenize(Encoding.UTF8.GetString(document));
        var log = new List<string>();
        var count = random.Next(10) switch { < 5 => 1, < 8 => 2, _ => 3 };
        byte[]? bytes = null;
        for (var i = 0; i < count; i++)
        {
            // Most mutations keep the JSON well-formed, so that inputs reach mapping and validation
            // rather than stop at the pre-scan; the rest break tokens or bytes. Byte-level ones come
            // last: after them the text is no longer tokens.
            var roll = random.Next(100);
            var kind = roll < 8 ? -1 : roll < 22 ? random.Next(4) : 4 + random.Next(10);
            if (kind < 0 || bytes is not null)
            {
                bytes ??= Encoding.UTF8.GetBytes(string.Concat(tokens));
                bytes = MutateBytes(bytes, random, log);
            }
            else
            {
                MutateTokens(tokens, tokenPool, kind, random, log);
            }
        }

        return (bytes ?? Encoding.UTF8.GetBytes(string.Concat(tokens)), string.Join("; ", log));
    }

    /// <summary>Every token of the documents, for insertions.</summary>
    public static IReadOnlyList<string> TokenPool(IEnumerable<byte[]> documents) =>
        [.. documents.SelectMany(d => Tokenize(Encoding.UTF8.GetString(d))).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Splits JSON text into tokens: punctuation, strings with their quotes, numbers and literals,
    /// and runs of whitespace. Anything else becomes a token of its own, so that any text splits.
    /// </summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (c is '{' or '}' or '[' or ']' or ':' or ',')
            {
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, text.Length);
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or '[' or ']' or ':' or ',' or '"'))
                {
                    i++;
                }

                i = Math.Max(i, start + 1);
            }

            tokens.Add(text[start..i]);
        }

        return tokens;
    }

    private static void MutateTokens(List<string> tokens, IReadOnlyList<string> pool, int kind, Random random, List<string> log)
    {
        var significant = Enumerable.Range(0, tokens.Count).Where(i => !string.IsNullOrWhiteSpace(tokens[i])).ToList();
        if (significant.Count == 0)
        {
            tokens.Add(pool[random.Next(pool.Count)]);
            log.Add("insert into nothing");
            return;
        }

        var at = significant[random.Next(significant.Count)];
        var strings = significant.Where(i => tokens[i].StartsWith('"')).ToList();
        var values = significant.Where(i => IsValueStart(tokens, i)).ToList();
        switch (kind)
        {
            case 0:
                var length = random.Next(1, 9);
                var span = tokens.Skip(at).Take(length).ToList();
                tokens.InsertRange(at, span);
                log.Add($"duplicate {span.Count} tokens at {at}");
                break;

            case 1:
                var removed = Math.Min(random.Next(1, 6), tokens.Count - at);
                tokens.RemoveRange(at, removed);
                log.Add($"remove {removed} tokens at {at}");
                break;

            case 2:
                var inserted = pool[random.Next(pool.Count)];
                tokens.Insert(at, inserted);
                log.Add($"insert {Show(inserted)} at {at}");
                break;

            case 3:
                var other = significant[random.Next(significant.Count)];
                (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                log.Add($"swap tokens {at} and {other}");
                break;

            case 4 or 5 when strings.Count > 0:
                var target = strings[random.Next(strings.Count)];
                var hostile = HostileStrings[random.Next(HostileStrings.Length)];
                tokens[target] = random.Next(4) == 0
                    ? tokens[target].Insert(1 + random.Next(tokens[target].Length - 1), hostile)
                    : "\"" + hostile + "\"";
                log.Add($"string {target} becomes {Show(tokens[target])}");
                break;

            case 6 when strings.Count > 0:
                var dated = strings.Where(i => DateLike().IsMatch(tokens[i])).ToList();
                var year = random.Next(6) switch
                {
                    0 => "9999",
                    1 => "-9999",
                    2 => "0000",
                    3 => "0001",
                    4 => "+10000",
                    _ => "99999",
                };
                var changed = dated.Count > 0 ? dated[random.Next(dated.Count)] : strings[random.Next(strings.Count)];
                tokens[changed] = DateLike().IsMatch(tokens[changed]) ? DateLike().Replace(tokens[changed], "\"" + year + "-", 1) : $"\"{year}-12-31\"";
                log.Add($"year of {changed} becomes {year}");
                break;

            case 7 when values.Count > 0:
                var numbered = values.Where(i => char.IsAsciiDigit(tokens[i][0]) || tokens[i][0] == '-').ToList();
                var number = numbered.Count > 0 ? numbered[random.Next(numbered.Count)] : values[random.Next(values.Count)];
                var hostileNumber = HostileNumbers[random.Next(HostileNumbers.Length)];
                ReplaceValue(tokens, number, hostileNumber);
                log.Add($"value {number} becomes {hostileNumber}");
                break;

            case 8 when values.Count > 0:
                var buried = values[random.Next(values.Count)];
                var depth = NestingDepths[random.Next(NestingDepths.Length)];
                var asObjects = random.Next(2) == 0;
                var end = ValueEnd(tokens, buried);
                tokens.Insert(end, asObjects ? string.Concat(Enumerable.Repeat("}", depth)) : new string(']', depth));
                tokens.Insert(buried, asObjects ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) : new string('[', depth));
                log.Add($"value {buried} nested {depth} deep in {(asObjects ? "objects" : "arrays")}");
                break;

            case 9 when values.Count > 0:
                var retyped = values[random.Next(values.Count)];
                var replacement = OtherValues[random.Next(OtherValues.Length)];
                ReplaceValue(tokens, retyped, replacement);
                log.Add($"value {retyped} becomes {replacement}");
                break;

            case 10 when strings.Count > 0:
                var lengthened = strings[random.Next(strings.Count)];
                var size = LongLengths[random.Next(LongLengths.Length)];
                var unit = random.Next(3) switch { 0 => "a", 1 => "\\uD83D\\uDE00", _ => "é" };
                var text = new StringBuilder("\"");
                while (text.Length < size)
                {
                    text.Append(unit);
                }

                tokens[lengthened] = text.Append('"').ToString();
                log.Add($"string {lengthened} becomes {size} characters of {unit}");
                break;

            case 11 when values.Count > 0:
                // A whole value repeated, as an array item or a property: duplicate ids, names, messages.
                var copied = values[random.Next(values.Count)];
                var copyEnd = ValueEnd(tokens, copied);
                var copy = tokens.GetRange(copied, copyEnd - copied);
                var isProperty = copied >= 2 && tokens[PreviousSignificant(tokens, copied)] == ":";
                var times = random.Next(4) == 0 ? random.Next(2, 200) : 1;
                for (var t = 0; t < times; t++)
                {
                    if (isProperty)
                    {
                        var name = PreviousSignificant(tokens, PreviousSignificant(tokens, copied));
                        tokens.InsertRange(copyEnd, [",", tokens[name], ":", .. copy]);
                    }
                    else
                    {
                        tokens.InsertRange(copyEnd, [",", .. copy]);
                    }
                }

                log.Add($"value {copied} repeated {times} times{(isProperty ? " as a property" : string.Empty)}");
                break;

            case 12 when values.Count > 0:
                // A property or an array item removed with its comma.
                var dropped = values[random.Next(values.Count)];
                var dropEnd = ValueEnd(tokens, dropped);
                var dropStart = dropped;
                if (dropped >= 2 && tokens[PreviousSignificant(tokens, dropped)] == ":")
                {
                    dropStart = PreviousSignificant(tokens, PreviousSignificant(tokens, dropped));
                }

                var next = NextSignificant(tokens, dropEnd);
                var previous = PreviousSignificant(tokens, dropStart);
                if (next < tokens.Count && tokens[next] == ",")
                {
                    dropEnd = next + 1;
                }
                else if (dropStart > 0 && tokens[previous] == ",")
                {
                    // The last item: its comma is the one before it.
                    dropStart = previous;
                }

                tokens.RemoveRange(dropStart, dropEnd - dropStart);
                log.Add($"value {dropped} removed with its name");
                break;

            case 13 when strings.Count > 0:
                var renamed = strings[random.Next(strings.Count)];
                var newName = random.Next(3) switch
                {
                    0 when tokens[renamed].Length > 2 => "\"" + char.ToUpperInvariant(tokens[renamed][1]) + tokens[renamed][2..],
                    1 => PropertyNames(pool)[random.Next(PropertyNames(pool).Count)],
                    _ => "\"$type\"",
                };
                tokens[renamed] = newName;
                log.Add($"string {renamed} renamed {Show(newName)}");
                break;

            default:
                tokens.Insert(at, pool[random.Next(pool.Count)]);
                log.Add($"insert a token at {at}");
                break;
        }
    }

    private static byte[] MutateBytes(byte[] bytes, Random random, List<string> log)
    {
        if (bytes.Length == 0)
        {
            log.Add("bytes of nothing");
            return [(byte)random.Next(256)];
        }

        var at = random.Next(bytes.Length);
        switch (random.Next(4))
        {
            case 0:
                var bit = 1 << random.Next(8);
                bytes[at] ^= (byte)bit;
                log.Add($"flip bit {bit} of byte {at}");
                return bytes;
            case 1:
                byte[] interesting = [0x00, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xF4, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'[', (byte)'}', (byte)',', (byte)'u'];
                var value = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
                bytes[at] = value;
                log.Add($"byte {at} becomes 0x{value:X2}");
                return bytes;
            case 2:
                log.Add($"truncate at byte {at}");
                return bytes[..at];
            default:
                var length = Math.Min(random.Next(1, 64), bytes.Length - at);
                log.Add($"remove bytes {at} to {at + length}");
                return [.. bytes[..at], .. bytes[(at + length)..]];
        }
    }

    /// <summary>Whether the token at <paramref name="index"/> starts a value (not a property name).</summary>
    private static bool IsValueStart(List<string> tokens, int index)
    {
        var token = tokens[index];
        if (token is "}" or "]" or ":" or ",")
        {
            return false;
        }

        var next = NextSignificant(tokens, index + 1);
        return !(token.StartsWith('"') && next < tokens.Count && tokens[next] == ":");
    }

    /// <summary>The index after the value that starts at <paramref name="start"/>: past its closing bracket for a container.</summary>
    private static int ValueEnd(List<string> tokens, int start)
    {
        if (tokens[start] is not ("{" or "["))
        {
            return start + 1;
        }

        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            depth += tokens[i] switch
            {
                "{" or "[" => 1,
                "}" or "]" => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i + 1;
            }
        }

        return tokens.Count;
    }

    private static void ReplaceValue(List<string> tokens, int start, string value)
    {
        var end = ValueEnd(tokens, start);
        tokens.RemoveRange(start, end - start);
        tokens.Insert(start, value);
    }

    private static int PreviousSignificant(List<string> tokens, int index)
    {
        var i = index - 1;
        while (i > 0 && string.IsNullOrWhiteSpace(tokens[i]))
        {
            i--;
        }

        return Math.Max(i, 0);
    }

    private static int NextSignificant(List<string> tokens, int index)
    {
        var i = index;
        while (i < tokens.Count && string.IsNullOrWhiteSpace(tokens[i]))
        {
            i++;
        }

        return i;
    }

    private static List<string> PropertyNames(IReadOnlyList<string> pool) => [.. pool.Where(t => t.StartsWith('"') && t.Length < 40)];

    private static string Show(string token) =>
        token.Length <= 40 ? token : string.Create(CultureInfo.InvariantCulture, $"{token[..37]}... ({token.Length} characters)");

    [GeneratedRegex("^\"[+-]?[0-9]{4,}-(?=[0-9]{2}-[0-9]{2})")]
    private static partial Regex DateLike();
}
