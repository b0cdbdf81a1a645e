using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// Reads a workspace file (<c>--workspace WORKSPACE.json</c>, format version 1): the real channels and
/// bots of the workspace and its two switches, which a catalog file does not describe (see
/// docs/tool.md, "The workspace file"). The schedules and the default schedule still come from the
/// catalog, which owns them.
/// </summary>
/// <remarks>
/// Strict, like the event reader: an unknown or repeated property, a value of the wrong type, a
/// missing required property, an id that breaks the <see cref="IdRule"/>, an unknown channel kind
/// or a second channel or bot with the same id is a <see cref="ToolInputException"/> naming the
/// file, the line and the JSON path, because a misspelt switch silently ignored would check the
/// catalog against another workspace. Ids that refer elsewhere (a channel's bot or schedule) are
/// not resolved here: a missing one is what the publish requirements report.
/// </remarks>
internal static class WorkspaceInput
{
    /// <summary>The workspace file format version this reader reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Every <see cref="ChannelKind"/> by its camelCase name, so a kind added to the enum is read without a change here.</summary>
    private static readonly ImmutableDictionary<string, ChannelKind> Kinds =
        Enum.GetValues<ChannelKind>().ToImmutableDictionary(kind => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()), kind => kind, StringComparer.Ordinal);

    /// <summary>The kinds' names in the enum's order, for a problem's message.</summary>
    private static readonly string KindNames = string.Join(", ", Enum.GetValues<ChannelKind>().Select(kind => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())));

    /// <summary>Reads the workspace file at <paramref name="path"/> into a snapshot with the catalog's schedules.</summary>
    public static WorkspaceSnapshot Read(string path, CatalogDocument catalog)
    {
        var bytes = CatalogInput.ReadFile(path);
        return Parse(path, bytes, catalog);
    }

    /// <summary>Reads a workspace file's bytes; <paramref name="path"/> names the file in a problem.</summary>
    public static WorkspaceSnapshot Parse(string path, byte[] bytes, CatalogDocument catalog)
    {
        // A file saved with a UTF-8 byte order mark still reads (the mark holds no line break, so lines stay right).
        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var parser = new Parser();
        try
        {
            var reader = new Utf8JsonReader(bytes);
            return parser.ReadRoot(ref reader, catalog);
        }
        catch (WorkspaceFormatException exception)
        {
            throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{LineAt(bytes, exception.Offset)}: {exception.Message} (at {exception.JsonPath})"));
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } number ? (int)number + 1 : 1;
            throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: not valid JSON: {FirstSentence(exception.Message)} (at {parser.Path})"));
        }
    }

    private static int LineAt(byte[] bytes, long offset) => bytes.AsSpan(0, (int)Math.Min(offset, bytes.Length)).Count((byte)'\n') + 1;

    /// <summary>The reader's message without its position (the line is reported on its own).</summary>
    private static string FirstSentence(string message)
    {
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position < 0 ? message : message[..position]).TrimEnd();
    }

    /// <summary>One problem of a workspace file, at a JSON path and a byte offset (for its line).</summary>
    private sealed class WorkspaceFormatException(string jsonPath, long offset, string message) : Exception(message)
    {
        public string JsonPath { get; } = jsonPath;

        public long Offset { get; } = offset;
    }

    /// <summary>One read of a file; <see cref="Path"/> follows the value being read, for a syntax error's report.</summary>
    private sealed class Parser
    {
        /// <summary>Reads one item of an array at <c>path</c>; <c>first</c> maps each id seen to where it was first.</summary>
        private delegate T ItemReader<T>(ref Utf8JsonReader reader, string path, Dictionary<string, string> first);

        public string Path { get; private set; } = "$";

        public WorkspaceSnapshot ReadRoot(ref Utf8JsonReader reader, CatalogDocument catalog)
        {
            reader.Read();
            var start = reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new WorkspaceFormatException("$", start, "a workspace file is one JSON object.");
            }

            int? version = null;
            bool? agentWorkspaceActive = null;
            bool? messagingActive = null;
            ImmutableArray<ChannelInfo>? channels = null;
            ImmutableArray<BotInfo>? bots = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextProperty(ref reader, "$", seen) is { } name)
            {
                var path = "$." + name;
                switch (name)
                {
                    case "formatVersion":
                        version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var read) && read == FormatVersion
                            ? read
                            : throw Problem(ref reader, path, string.Create(CultureInfo.InvariantCulture, $"the format version is {FormatVersion}."));
                        break;
                    case "agentWorkspaceActive":
                        agentWorkspaceActive = Boolean(ref reader, path);
                        break;
                    case "messagingActive":
                        messagingActive = Boolean(ref reader, path);
                        break;
                    case "channels":
                        channels = ReadArray(ref reader, path, "an array of channels", ReadChannel);
                        break;
                    case "bots":
                        bots = ReadArray(ref reader, path, "an array of bots", ReadBot);
                        break;
                    default:
                        throw Unknown(ref reader, path, name);
                }
            }

            if (reader.Read())
            {
                throw Problem(ref reader, "$", "a workspace file is one JSON object, with nothing after it.");
            }

            Require(version is not null, "$.formatVersion", start, "the workspace file has no formatVersion (it must be 1).");
            Require(agentWorkspaceActive is not null, "$.agentWorkspaceActive", start, "the workspace file has no agentWorkspaceActive (true or false).");
            Require(messagingActive is not null, "$.messagingActive", start, "the workspace file has no messagingActive (true or false).");
            Require(channels is not null, "$.channels", start, "the workspace file has no channels (an array, [] for none).");
            Require(bots is not null, "$.bots", start, "the workspace file has no bots (an array, [] for none).");
            return new WorkspaceSnapshot
            {
                AgentWorkspaceActive = agentWorkspaceActive!.Value,
                MessagingActive = messagingActive!.Value,
                Channels = channels!.Value,
                Bots = bots!.Value,
                DefaultScheduleId = catalog.Workspace.DefaultScheduleId,
                Schedules = catalog.Workspace.Schedules,
            };
        }

        /// <summary>Reads an array of channels or bots; <c>first</c> maps each id to the path that used it first.</summary>
        private ImmutableArray<T> ReadArray<T>(ref Utf8JsonReader reader, string path, string what, ItemReader<T> read)
        {
            var items = ImmutableArray.CreateBuilder<T>();
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            ExpectArray(ref reader, path, what);
            for (var index = 0; NextItem(ref reader, path, index); index++)
            {
                items.Add(read(ref reader, Path, first));
            }

            return items.ToImmutable();
        }

        private ChannelInfo ReadChannel(ref Utf8JsonReader reader, string path, Dictionary<string, string> first)
        {
            var start = reader.TokenStartIndex;
            ExpectObject(ref reader, path, "a channel");
            string? id = null;
            ChannelKind? kind = null;
            string? sender = null, botId = null, scheduleId = null, brandId = null;
            var usesFlowBuilder = false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextProperty(ref reader, path, seen) is { } name)
            {
                var property = path + "." + name;
                switch (name)
                {
                    case "id":
                        id = UniqueId(ref reader, property, "channel", first);
                        break;
                    case "kind":
                        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongType(ref reader, property, "a string");
                        kind = Kinds.TryGetValue(text, out var known) ? known
                            : throw Problem(ref reader, property, $"unknown channel kind '{text}' ({KindNames}).");
                        break;
                    case "defaultSenderName":
                        sender = OptionalString(ref reader, property);
                        break;
                    case "usesFlowBuilder":
                        usesFlowBuilder = Boolean(ref reader, property);
                        break;
                    case "botId":
                        botId = OptionalId(ref reader, property, "bot");
                        break;
                    case "scheduleId":
                        scheduleId = OptionalId(ref reader, property, "schedule");
                        break;
                    case "brandId":
                        brandId = OptionalId(ref reader, property, "brand");
                        break;
                    default:
                        throw Unknown(ref reader, property, name);
                }
            }

            Require(id is not null, path + ".id", start, "a channel has no id.");
            Require(kind is not null, path + ".kind", start, $"a channel has no kind ({KindNames}).");
            return new ChannelInfo(id!, kind!.Value) { DefaultSenderName = sender, UsesFlowBuilder = usesFlowBuilder, BotId = botId, ScheduleId = scheduleId, BrandId = brandId };
        }

        private BotInfo ReadBot(ref Utf8JsonReader reader, string path, Dictionary<string, string> first)
        {
            var start = reader.TokenStartIndex;
            ExpectObject(ref reader, path, "a bot");
            string? id = null, brandId = null;
            bool? isActive = null, isPublished = null;
            var isThirdParty = false;
            ImmutableHashSet<string>? answers = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextProperty(ref reader, path, seen) is { } name)
            {
                var property = path + "." + name;
                switch (name)
                {
                    case "id":
                        id = UniqueId(ref reader, property, "bot", first);
                        break;
                    case "isActive":
                        isActive = Boolean(ref reader, property);
                        break;
                    case "isPublished":
                        isPublished = Boolean(ref reader, property);
                        break;
                    case "isThirdParty":
                        isThirdParty = Boolean(ref reader, property);
                        break;
                    case "publishedAnswerIds":
                        var ids = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
                        ExpectArray(ref reader, property, "an array of answer ids");
                        for (var index = 0; NextItem(ref reader, property, index); index++)
                        {
                            ids.Add(Id(ref reader, Path, "answer"));
                        }

                        answers = ids.ToImmutable();
                        break;
                    case "brandId":
                        brandId = OptionalId(ref reader, property, "brand");
                        break;
                    default:
                        throw Unknown(ref reader, property, name);
                }
            }

            Require(id is not null, path + ".id", start, "a bot has no id.");
            Require(isActive is not null, path + ".isActive", start, "a bot has no isActive (true or false).");
            Require(isPublished is not null, path + ".isPublished", start, "a bot has no isPublished (true or false).");
            Require(answers is not null, path + ".publishedAnswerIds", start, "a bot has no publishedAnswerIds (an array of answer ids, [] for none).");
            return new BotInfo(id!) { IsActive = isActive!.Value, IsPublished = isPublished!.Value, IsThirdParty = isThirdParty, PublishedAnswerIds = answers!, BrandId = brandId };
        }

        /// <summary>
        /// Moves to the next property of the object the reader is in and onto its value; returns its
        /// name, or <see langword="null"/> at the end of the object. A repeated name is a problem (the
        /// second would silently win).
        /// </summary>
        private string? NextProperty(ref Utf8JsonReader reader, string path, HashSet<string> seen)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                Path = path;
                return null;
            }

            var name = reader.GetString()!;
            var property = path == "$" ? "$." + name : path + "." + name;
            Path = property;
            if (!seen.Add(name))
            {
                throw Problem(ref reader, property, $"the property '{name}' appears twice.");
            }

            reader.Read();
            return name;
        }

        /// <summary>Moves onto the next item of the array the reader is in; returns <see langword="false"/> at its end.</summary>
        private bool NextItem(ref Utf8JsonReader reader, string path, int index)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Path = path;
                return false;
            }

            Path = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            return true;
        }

        private static void ExpectObject(ref Utf8JsonReader reader, string path, string what)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw WrongType(ref reader, path, what + " (a JSON object)");
            }
        }

        private static void ExpectArray(ref Utf8JsonReader reader, string path, string what)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw WrongType(ref reader, path, what);
            }
        }

        private static bool Boolean(ref Utf8JsonReader reader, string path) =>
            reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw WrongType(ref reader, path, "true or false"),
            };

        private static string? OptionalString(ref Utf8JsonReader reader, string path) =>
            reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => reader.GetString(),
                _ => throw WrongType(ref reader, path, "a string or null"),
            };

        private static string? OptionalId(ref Utf8JsonReader reader, string path, string what) =>
            reader.TokenType == JsonTokenType.Null ? null : Id(ref reader, path, what);

        private static string Id(ref Utf8JsonReader reader, string path, string what)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw WrongType(ref reader, path, $"a {what} id (a string)");
            }

            var id = reader.GetString();
            return IdRule.IsValid(id) ? id
                : throw Problem(ref reader, path, $"'{id}' is not a valid {what} id: an id is 1 to {IdRule.MaxLength} ASCII letters, digits, '-', '_', '.' or ':'.");
        }

        /// <summary>A channel's or bot's id, which no earlier channel or bot of the file has.</summary>
        private static string UniqueId(ref Utf8JsonReader reader, string path, string what, Dictionary<string, string> first)
        {
            var id = Id(ref reader, path, what);
            return first.TryAdd(id, path) ? id
                : throw Problem(ref reader, path, $"a second {what} '{id}' (the first is at {first[id]}).");
        }

        private static WorkspaceFormatException Problem(ref Utf8JsonReader reader, string path, string message) =>
            new(path, reader.TokenStartIndex, message);

        private static WorkspaceFormatException WrongType(ref Utf8JsonReader reader, string path, string expected) =>
            Problem(ref reader, path, $"expected {expected}, not {Describe(reader.TokenType)}.");

        private static WorkspaceFormatException Unknown(ref Utf8JsonReader reader, string path, string name) =>
            Problem(ref reader, path, $"unknown property '{name}'.");

        private static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            _ => "null",
        };

        private static void Require(bool condition, string path, long offset, string message)
        {
            if (!condition)
            {
                throw new WorkspaceFormatException(path, offset, message);
            }
        }
    }
}
