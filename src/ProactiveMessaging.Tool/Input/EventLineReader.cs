using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// Reads one visitor event of the event format, version 1 (docs/tool.md, "The event log format"),
/// into an <see cref="EventLine"/>, straight from its UTF-8 bytes: the channel, message and field
/// names are matched against the catalog's without making strings, and the few texts a log repeats
/// (URLs, languages, countries) are made into strings once and shared (<see cref="Utf8TextTable"/>),
/// so a line allocates little more than its visitor id.
/// </summary>
/// <remarks>
/// Strict: an unknown property, a channel or message the catalog does not have, an undeclared
/// custom attribute or event, or a value of the wrong type is a problem with its JSON path, because a
/// misspelt field silently ignored would make a simulation answer a different question.
/// A line of the common shape is read by a fast path (EventLineReader.Fast.cs) that gives the same
/// results; any other line, and every line with a problem, is read by <see cref="Utf8JsonReader"/> here.
/// Not thread-safe (one per reading loop).
/// </remarks>
internal sealed partial class EventLineReader
{
    /// <summary>The one event format version this reader knows.</summary>
    public const int FormatVersion = 1;

    /// <summary>The most texts (URLs, languages, countries) read once into a string and shared after: 4,096.</summary>
    private const int TextTableCapacity = 1 << 12;

    /// <summary>The largest number of seconds a duration of an event may have, either way: 10^12 (NodaTime's durations reach about 1.45 x 10^12).</summary>
    private const double MaxDurationSeconds = 1e12;

    /// <summary>The longest property name, escaped, still compared with the known names (each escape is at most 6 bytes for 1).</summary>
    private const int MaxEscapedNameBytes = 6 * 13;

    /// <summary>The <c>channel.kind</c> of a channel the workspace does not describe otherwise.</summary>
    private const string WebWidgetKind = "webWidget";

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 16 };

    /// <summary>The event types by their names in the format.</summary>
    private static readonly (byte[] Utf8, EventLineType Value)[] EventTypes =
    [
        ("pageView"u8.ToArray(), EventLineType.PageView),
        ("heartbeat"u8.ToArray(), EventLineType.Heartbeat),
        ("appEvent"u8.ToArray(), EventLineType.AppEvent),
        ("outcome"u8.ToArray(), EventLineType.Outcome),
    ];

    /// <summary>The outcomes by their names in the format.</summary>
    private static readonly (byte[] Utf8, VisitorOutcome Value)[] Outcomes =
    [
        ("opened"u8.ToArray(), VisitorOutcome.Opened),
        ("dismissed"u8.ToArray(), VisitorOutcome.Dismissed),
        ("windowClosed"u8.ToArray(), VisitorOutcome.WindowClosed),
        ("replied"u8.ToArray(), VisitorOutcome.Replied),
        ("conversationStarted"u8.ToArray(), VisitorOutcome.ConversationStarted),
        ("conversationEnded"u8.ToArray(), VisitorOutcome.ConversationEnded),
    ];

    private readonly string _workspaceId;
    private readonly byte[] _workspaceIdUtf8;
    private readonly (byte[] Utf8, string Id)[] _channels;
    private readonly string?[] _channelKinds;
    private readonly (byte[] Utf8, string Id)[] _messages;
    private readonly (byte[] Utf8, FieldSlot Slot)[] _attributes;
    private readonly (byte[] Utf8, (FieldSlot Slot, string Name) Event)[] _events;
    private readonly Dictionary<string, DateTimeZone?> _zones = new(StringComparer.Ordinal);
    private readonly List<string> _list = [];

    // URLs, languages, countries and the like: few texts, repeated on most lines. Visitor, visit and
    // page view ids are not kept: a table of a log's many visitors, larger than the processor's
    // caches, cost more to search than a new string costs to make (docs/benchmarks.md).
    private readonly Utf8TextTable _texts = new(TextTableCapacity);

    /// <summary>Creates a reader for the events of a catalog's workspace.</summary>
    /// <param name="workspaceId">The catalog's workspace: an event naming another is a problem.</param>
    /// <param name="channelIds">The catalog's channels.</param>
    /// <param name="messageIds">The catalog's messages, which outcomes may name.</param>
    /// <param name="fields">The workspace's fields (<c>engine.GetFields(workspaceId)</c>), with its declared attributes and events.</param>
    /// <param name="channelKinds">
    /// The <c>channel.kind</c> of an event that gives none, per channel (<c>webWidget</c>, <c>mobileSdk</c>, or
    /// <see langword="null"/> for a kind the field does not name); a channel not in it is a web widget.
    /// </param>
    public EventLineReader(string workspaceId, IEnumerable<string> channelIds, IEnumerable<string> messageIds, FieldCatalog fields, IReadOnlyDictionary<string, string?>? channelKinds = null)
    {
        _workspaceId = workspaceId;
        _workspaceIdUtf8 = Encoding.UTF8.GetBytes(workspaceId);
        _channels = [.. channelIds.Select(id => (Encoding.UTF8.GetBytes(id), id))];
        _channelKinds = [.. _channels.Select(c => channelKinds is not null && channelKinds.TryGetValue(c.Id, out var kind) ? kind : WebWidgetKind)];
        _messages = [.. messageIds.Select(id => (Encoding.UTF8.GetBytes(id), id))];
        _attributes = [.. fields.Fields.Where(f => f.IsCustomAttribute).Select(f => (Encoding.UTF8.GetBytes(f.Name["custom.".Length..]), fields.GetSlot(f.Name)))];
        _events = [.. fields.Fields.Where(f => f.IsEvent && f.Name.EndsWith(".count", StringComparison.Ordinal))
            .Select(f => f.Name["event.".Length..^".count".Length])
            .Select(name => (Encoding.UTF8.GetBytes(name), (fields.GetSlot("event." + name), name)))];
    }

    /// <summary>Gets or sets the zone of <c>visitor.localTime</c> when the event gives no <c>visitor.timeZone</c> (the workspace's default schedule's); <see langword="null"/> for UTC.</summary>
    public DateTimeZone? DefaultZone { get; set; }

    /// <summary>
    /// Reads one event into <paramref name="line"/> (its visitor context reset first, then its local
    /// time set from <c>at</c> in the visitor's zone). Returns the problem, with its JSON path, or
    /// <see langword="null"/> when the event reads.
    /// </summary>
    public EventProblem? Read(ReadOnlySpan<byte> json, EventLine line)
    {
        if (UsesFastPath && IsPlain(json) && TryReadFast(json, line))
        {
            FastLines++;
            return null;
        }

        try
        {
            ReadCore(json, line);
            return null;
        }
        catch (EventFormatException exception)
        {
            return new EventProblem(exception.Path, exception.Message);
        }
        catch (JsonException exception)
        {
            return new EventProblem("$", "not a JSON object: " + FirstSentence(exception.Message));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private void ReadCore(ReadOnlySpan<byte> json, EventLine line)
    {
        Begin(line);
        var hasType = false;
        var hasVersion = false;
        var hasOutcome = false;
        var channelKindSet = false;
        var channel = -1;

        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EventFormatException("$", "an event is one JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            if (name == Name.FormatVersion)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var version) || version != FormatVersion)
                {
                    throw new EventFormatException("$.formatVersion", $"the event format version must be {FormatVersion}.");
                }

                hasVersion = true;
            }
            else if (name == Name.At)
            {
                reader.Read();
                line.At = ReadInstant(ref reader, "$.at");
            }
            else if (name == Name.Type)
            {
                reader.Read();
                var type = reader.TokenType != JsonTokenType.String ? throw WrongType("$.type", "a string") : IndexOf(ref reader, EventTypes);
                line.Type = type >= 0 ? EventTypes[type].Value
                    : throw new EventFormatException("$.type", $"unknown event type '{reader.GetString()}' (pageView, heartbeat, appEvent or outcome).");
                hasType = true;
            }
            else if (name == Name.WorkspaceId)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals(_workspaceIdUtf8))
                {
                    throw new EventFormatException("$.workspaceId", $"the event is for workspace {Quote(ref reader)}, not the catalog's '{_workspaceId}'.");
                }
            }
            else if (name == Name.ChannelId)
            {
                reader.Read();
                channel = IndexOf(ref reader, _channels, "$.channelId", "channel");
                line.ChannelId = _channels[channel].Id;
            }
            else if (name == Name.VisitorId)
            {
                reader.Read();
                line.VisitorId = RequireId(ref reader, "$.visitorId");
            }
            else if (name == Name.VisitId)
            {
                reader.Read();
                line.VisitId = OptionalId(ref reader, "$.visitId");
            }
            else if (name == Name.PageViewId)
            {
                reader.Read();
                line.PageViewId = OptionalId(ref reader, "$.pageViewId");
            }
            else if (name == Name.EventName)
            {
                reader.Read();
                line.EventName = OptionalString(ref reader, "$.eventName");
            }
            else if (name == Name.Outcome)
            {
                reader.Read();
                var outcome = reader.TokenType != JsonTokenType.String ? throw WrongType("$.outcome", "a string") : IndexOf(ref reader, Outcomes);
                line.Outcome = outcome >= 0 ? Outcomes[outcome].Value
                    : throw new EventFormatException("$.outcome", $"unknown outcome '{reader.GetString()}' (opened, dismissed, windowClosed, replied, conversationStarted or conversationEnded).");
                hasOutcome = true;
            }
            else if (name == Name.MessageId)
            {
                reader.Read();
                line.MessageId = reader.TokenType == JsonTokenType.Null ? null : Match(ref reader, _messages, "$.messageId", "message");
            }
            else if (name == Name.Visitor)
            {
                reader.Read();
                channelKindSet = ReadVisitor(ref reader, line);
            }
            else
            {
                throw new EventFormatException("$." + reader.GetString(), $"unknown property '{reader.GetString()}'.");
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new EventFormatException("$", "one JSON object per event, and nothing after it.");
        }

        Require(hasVersion, "$.formatVersion", "the event has no formatVersion (it must be 1).");
        Require(hasType, "$.type", "the event has no type (pageView, heartbeat, appEvent or outcome).");
        Require(line.VisitorId.Length > 0, "$.visitorId", "the event has no visitorId.");
        if (line.Type == EventLineType.Outcome)
        {
            Require(hasOutcome, "$.outcome", "an outcome event has no outcome.");
            Require(line.MessageId is not null || line.Outcome is VisitorOutcome.ConversationStarted or VisitorOutcome.ConversationEnded, "$.messageId", $"a '{JsonNamingPolicy.CamelCase.ConvertName(line.Outcome.ToString())}' outcome names its messageId.");
            return;
        }

        Require(!hasOutcome, "$.outcome", "only an outcome event has an outcome.");
        Require(line.ChannelId.Length > 0, "$.channelId", "the event has no channelId.");
        Require(line.EventName is null || line.Type == EventLineType.AppEvent, "$.eventName", "only an appEvent has an eventName.");
        Finish(line, channel, channelKindSet);
    }

    /// <summary>Empties the line for the next event: its visitor context reset, every field unset.</summary>
    private void Begin(EventLine line)
    {
        line.Visitor.Reset();
        line.At = null;
        line.WorkspaceId = _workspaceId;
        line.ChannelId = string.Empty;
        line.VisitorId = string.Empty;
        line.VisitId = line.PageViewId = line.EventName = line.MessageId = null;
        line.TimeZone = null;
    }

    /// <summary>Completes a decision event's context once read: the channel's kind unless the event gave one, and the local time of <c>at</c>.</summary>
    private void Finish(EventLine line, int channel, bool channelKindSet)
    {
        if (!channelKindSet)
        {
            // The kind of the event's channel in the workspace (an inferred workspace has only web widgets).
            line.Visitor.SetChannelKind(_channelKinds[channel]);
        }

        if (line.At is { } at)
        {
            line.Visitor.SetLocalTime(at, line.TimeZone, DefaultZone);
        }
    }

    /// <summary>Reads the <c>visitor</c> object; returns whether it set <c>channelKind</c>.</summary>
    private bool ReadVisitor(ref Utf8JsonReader reader, EventLine line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType("$.visitor", "an object");
        }

        var visitor = line.Visitor;
        var channelKindSet = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = NameOf(ref reader);
            if (name == Name.Url)
            {
                reader.Read();
                visitor.SetPageUrl(OptionalString(ref reader, "$.visitor.url"));
            }
            else if (name == Name.TimeOnPage)
            {
                reader.Read();
                visitor.SetTimeOnPage(OptionalSeconds(ref reader, "$.visitor.timeOnPage"));
            }
            else if (name == Name.PageViews)
            {
                reader.Read();
                visitor.SetPageViews(OptionalCount(ref reader, "$.visitor.pageViews"));
            }
            else if (name == Name.Visits)
            {
                reader.Read();
                visitor.SetVisits(OptionalCount(ref reader, "$.visitor.visits"));
            }
            else if (name == Name.IsReturning)
            {
                reader.Read();
                visitor.SetReturning(OptionalBoolean(ref reader, "$.visitor.isReturning"));
            }
            else if (name == Name.IsIdentified)
            {
                reader.Read();
                visitor.SetIdentified(OptionalBoolean(ref reader, "$.visitor.isIdentified"));
            }
            else if (name == Name.Title)
            {
                reader.Read();
                visitor.SetPageTitle(OptionalString(ref reader, "$.visitor.title"));
            }
            else if (name == Name.Referrer)
            {
                reader.Read();
                visitor.SetReferrer(OptionalString(ref reader, "$.visitor.referrer"));
            }
            else if (name == Name.Language)
            {
                reader.Read();
                visitor.SetLanguage(OptionalString(ref reader, "$.visitor.language"));
            }
            else if (name == Name.Country)
            {
                reader.Read();
                visitor.SetCountry(OptionalString(ref reader, "$.visitor.country"));
            }
            else if (name == Name.TimeZone)
            {
                reader.Read();
                line.TimeZone = Zone(OptionalString(ref reader, "$.visitor.timeZone"));
            }
            else if (name == Name.DeviceType)
            {
                reader.Read();
                visitor.SetDeviceType(OptionalString(ref reader, "$.visitor.deviceType") is { } type
                    ? Enum.TryParse<DeviceType>(type, ignoreCase: true, out var device) && !int.TryParse(type, CultureInfo.InvariantCulture, out _) ? device
                        : throw new EventFormatException("$.visitor.deviceType", $"unknown device type '{type}' (desktop, mobile or tablet).")
                    : null);
            }
            else if (name == Name.OperatingSystem)
            {
                reader.Read();
                visitor.SetOperatingSystem(OptionalString(ref reader, "$.visitor.os"));
            }
            else if (name == Name.Browser)
            {
                reader.Read();
                visitor.SetBrowser(OptionalString(ref reader, "$.visitor.browser"));
            }
            else if (name == Name.ChannelKind)
            {
                reader.Read();
                visitor.SetChannelKind(OptionalString(ref reader, "$.visitor.channelKind"));
                channelKindSet = true;
            }
            else if (name == Name.AppVersion)
            {
                reader.Read();
                visitor.SetAppVersion(OptionalString(ref reader, "$.visitor.appVersion"));
            }
            else if (name == Name.IpAddress)
            {
                reader.Read();
                visitor.SetIpAddress(OptionalString(ref reader, "$.visitor.ip"));
            }
            else if (name == Name.Custom)
            {
                reader.Read();
                ReadCustom(ref reader, visitor);
            }
            else if (name == Name.Events)
            {
                reader.Read();
                ReadEvents(ref reader, visitor);
            }
            else
            {
                var unknown = reader.GetString();
                throw new EventFormatException("$.visitor." + unknown, $"unknown visitor property '{unknown}'.");
            }
        }

        return channelKindSet;
    }

    private void ReadCustom(ref Utf8JsonReader reader, VisitorContext visitor)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType("$.visitor.custom", "an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(ref reader, _attributes);
            if (index < 0)
            {
                var name = reader.GetString();
                throw new EventFormatException("$.visitor.custom." + name, $"the workspace declares no custom attribute '{name}'.");
            }

            var slot = _attributes[index].Slot;
            var path = "$.visitor." + slot.Name;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                visitor.Clear(slot);
                continue;
            }

            SetCustom(ref reader, visitor, slot, path);
        }
    }

    private void SetCustom(ref Utf8JsonReader reader, VisitorContext visitor, FieldSlot slot, string path)
    {
        switch (slot.Type)
        {
            case FieldType.Text or FieldType.Enum:
                visitor.SetText(slot, RequireString(ref reader, path));
                break;
            case FieldType.Number:
                visitor.SetNumber(slot, OptionalNumber(ref reader, path));
                break;
            case FieldType.Duration:
                visitor.SetDuration(slot, OptionalSeconds(ref reader, path));
                break;
            case FieldType.Boolean:
                visitor.SetBoolean(slot, OptionalBoolean(ref reader, path));
                break;
            case FieldType.TimeOfDay:
                var time = LocalTimePattern.ExtendedIso.Parse(RequireString(ref reader, path));
                visitor.SetTimeOfDay(slot, time.Success ? time.Value : throw new EventFormatException(path, "a time of day is written HH:mm or HH:mm:ss."));
                break;
            case FieldType.Version:
                visitor.SetVersion(slot, RequireString(ref reader, path));
                break;
            case FieldType.Instant:
                visitor.SetInstant(slot, ReadInstant(ref reader, path));
                break;
            case FieldType.Date:
                var date = LocalDatePattern.Iso.Parse(RequireString(ref reader, path));
                visitor.SetDate(slot, date.Success ? date.Value : throw new EventFormatException(path, "a date is written yyyy-MM-dd."));
                break;
            case FieldType.IpAddress:
                visitor.SetIpAddress(slot, RequireString(ref reader, path));
                break;
            case FieldType.List:
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw WrongType(path, "an array of strings");
                }

                // The context keeps the list: each event gets its own, as the setter asks.
                _list.Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    _list.Add(RequireString(ref reader, path));
                }

                visitor.SetList(slot, [.. _list]);
                break;
            default:
                throw new EventFormatException(path, $"a {slot.Type} attribute cannot be set from the event format.");
        }
    }

    private void ReadEvents(ref Utf8JsonReader reader, VisitorContext visitor)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw WrongType("$.visitor.events", "an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(ref reader, _events);
            if (index < 0)
            {
                var name = reader.GetString();
                throw new EventFormatException("$.visitor.events." + name, $"the workspace declares no event '{name}'.");
            }

            var (slot, eventName) = _events[index].Event;
            reader.Read();
            visitor.SetEventCount(slot, OptionalCount(ref reader, "$.visitor.events." + eventName) ?? 0);
        }
    }

    private DateTimeZone? Zone(string? id)
    {
        if (id is null)
        {
            return null;
        }

        if (!_zones.TryGetValue(id, out var zone))
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
            _zones[id] = zone;
        }

        return zone ?? throw new EventFormatException("$.visitor.timeZone", $"unknown time zone '{id}' (an IANA id such as Europe/London).");
    }

    /// <summary>
    /// The property the reader is on, among the names of an event and of its <c>visitor</c>: found
    /// by length first, so that each property costs one comparison rather than one per name before it.
    /// </summary>
    private static Name NameOf(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return NameOf(reader.ValueSpan);
        }

        // An escaped name is never longer than its escaped form; one longer than any known name's is unknown.
        Span<byte> unescaped = stackalloc byte[MaxEscapedNameBytes];
        return reader.ValueSpan.Length <= MaxEscapedNameBytes ? NameOf(unescaped[..reader.CopyString(unescaped)]) : Name.Unknown;
    }

    private static Name NameOf(ReadOnlySpan<byte> name) =>
        name.Length switch
        {
            2 when name.SequenceEqual("at"u8) => Name.At,
            2 when name.SequenceEqual("os"u8) => Name.OperatingSystem,
            2 when name.SequenceEqual("ip"u8) => Name.IpAddress,
            3 when name.SequenceEqual("url"u8) => Name.Url,
            4 when name.SequenceEqual("type"u8) => Name.Type,
            5 when name.SequenceEqual("title"u8) => Name.Title,
            6 when name.SequenceEqual("visits"u8) => Name.Visits,
            6 when name.SequenceEqual("custom"u8) => Name.Custom,
            6 when name.SequenceEqual("events"u8) => Name.Events,
            7 when name.SequenceEqual("visitId"u8) => Name.VisitId,
            7 when name.SequenceEqual("outcome"u8) => Name.Outcome,
            7 when name.SequenceEqual("visitor"u8) => Name.Visitor,
            7 when name.SequenceEqual("country"u8) => Name.Country,
            7 when name.SequenceEqual("browser"u8) => Name.Browser,
            8 when name.SequenceEqual("referrer"u8) => Name.Referrer,
            8 when name.SequenceEqual("language"u8) => Name.Language,
            8 when name.SequenceEqual("timeZone"u8) => Name.TimeZone,
            9 when name.SequenceEqual("channelId"u8) => Name.ChannelId,
            9 when name.SequenceEqual("visitorId"u8) => Name.VisitorId,
            9 when name.SequenceEqual("eventName"u8) => Name.EventName,
            9 when name.SequenceEqual("messageId"u8) => Name.MessageId,
            9 when name.SequenceEqual("pageViews"u8) => Name.PageViews,
            10 when name.SequenceEqual("pageViewId"u8) => Name.PageViewId,
            10 when name.SequenceEqual("timeOnPage"u8) => Name.TimeOnPage,
            10 when name.SequenceEqual("deviceType"u8) => Name.DeviceType,
            10 when name.SequenceEqual("appVersion"u8) => Name.AppVersion,
            11 when name.SequenceEqual("workspaceId"u8) => Name.WorkspaceId,
            11 when name.SequenceEqual("isReturning"u8) => Name.IsReturning,
            11 when name.SequenceEqual("channelKind"u8) => Name.ChannelKind,
            12 when name.SequenceEqual("isIdentified"u8) => Name.IsIdentified,
            13 when name.SequenceEqual("formatVersion"u8) => Name.FormatVersion,
            _ => Name.Unknown,
        };

    /// <summary>An ISO 8601 instant with <c>Z</c> or an offset: a time without one would depend on where the tool runs.</summary>
    private static Instant ReadInstant(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongType(path, "an ISO 8601 instant string");
        }

        var raw = reader.ValueSpan;
        var hasOffset = !reader.ValueIsEscaped && raw.Length > 6 && (raw[^1] is (byte)'Z' or (byte)'z' || raw[^6] is (byte)'+' or (byte)'-');
        if (!hasOffset || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new EventFormatException(path, $"'{reader.GetString()}' is not an ISO 8601 instant with Z or an offset (2026-12-01T10:00:00Z).");
        }

        return Instant.FromDateTimeOffset(value);
    }

    private static string Match(ref Utf8JsonReader reader, (byte[] Utf8, string Id)[] known, string path, string what) =>
        known[IndexOf(ref reader, known, path, what)].Id;

    private static int IndexOf(ref Utf8JsonReader reader, (byte[] Utf8, string Id)[] known, string path, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw WrongType(path, "a string");
        }

        var index = IndexOf(ref reader, known);
        return index >= 0 ? index : throw new EventFormatException(path, $"the catalog has no {what} '{reader.GetString()}'{(known.Length == 0 ? string.Empty : $" (it has {string.Join(", ", known.Select(k => k.Id).Take(5))}{(known.Length > 5 ? ", ..." : string.Empty)})")}.");
    }

    /// <summary>The index of the known name the reader's string or property name is (escapes read as what they stand for), or -1.</summary>
    private static int IndexOf<T>(ref Utf8JsonReader reader, (byte[] Utf8, T Value)[] known)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (reader.ValueTextEquals(known[i].Utf8))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>An id (visitor, visit, page view): a new string each time, not kept (see <see cref="_texts"/>).</summary>
    private static string RequireId(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongType(path, "a string");

    private static string? OptionalId(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Null ? null : RequireId(ref reader, path);

    private string RequireString(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String ? _texts.GetString(ref reader) : throw WrongType(path, "a string");

    private string? OptionalString(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Null ? null : RequireString(ref reader, path);

    private static double? OptionalNumber(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Null ? null
        : reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number) ? number
        : throw WrongType(path, "a number");

    /// <summary>A duration in seconds (time on page, a duration attribute), within <see cref="MaxDurationSeconds"/> either way.</summary>
    private static Duration? OptionalSeconds(ref Utf8JsonReader reader, string path) =>
        OptionalNumber(ref reader, path) is not { } seconds ? null
        : IsDuration(seconds) ? Duration.FromSeconds(seconds)
        : throw new EventFormatException(path, string.Create(CultureInfo.InvariantCulture, $"{path[2..]} must be a number of seconds from -{MaxDurationSeconds:N0} to {MaxDurationSeconds:N0} (about 31,700 years)."));

    /// <summary>Whether a number of seconds is a duration an event may give (NodaTime's durations end a little beyond).</summary>
    private static bool IsDuration(double seconds) => Math.Abs(seconds) <= MaxDurationSeconds;

    private static int? OptionalCount(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.Null ? null
        : reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) && count >= 0 ? count
        : throw WrongType(path, "a whole number, 0 or more");

    private static bool? OptionalBoolean(ref Utf8JsonReader reader, string path) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw WrongType(path, "true or false"),
    };

    private static string Quote(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? $"'{reader.GetString()}'" : "(not a string)";

    private static void Require(bool holds, string path, string message)
    {
        if (!holds)
        {
            throw new EventFormatException(path, message);
        }
    }

    private static EventFormatException WrongType(string path, string expected) => new(path, $"{path[2..]} must be {expected}.");

    /// <summary>The property names the reader knows: an event's, then its <c>visitor</c>'s.</summary>
    private enum Name
    {
        Unknown,

        FormatVersion,

        At,

        Type,

        WorkspaceId,

        ChannelId,

        VisitorId,

        VisitId,

        PageViewId,

        EventName,

        Outcome,

        MessageId,

        Visitor,

        Url,

        TimeOnPage,

        PageViews,

        Visits,

        IsReturning,

        IsIdentified,

        Title,

        Referrer,

        Language,

        Country,

        TimeZone,

        DeviceType,

        OperatingSystem,

        Browser,

        ChannelKind,

        AppVersion,

        IpAddress,

        Custom,

        Events,
    }

    /// <summary>A problem of one event, thrown inside the reader and returned by <see cref="Read"/> as an <see cref="EventProblem"/>.</summary>
    private sealed class EventFormatException : Exception
    {
        public EventFormatException(string path, string message)
            : base(message)
        {
            Path = path;
        }

        public EventFormatException()
        {
            Path = "$";
        }

        public EventFormatException(string message, Exception innerException)
            : base(message, innerException)
        {
            Path = "$";
        }

        public string Path { get; }
    }
}

/// <summary>What is wrong with one event: the JSON path in the event, and a message for a person.</summary>
internal sealed record EventProblem(string Path, string Message)
{
    public override string ToString() => $"{Message} (at {Path})";
}
