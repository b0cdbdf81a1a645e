using System.Globalization;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// The fast path of <see cref="EventLineReader"/>: a scanner for the shape almost every line of a log
/// has (one object of printable ASCII, strings without escapes, numbers in plain form, <c>at</c> as
/// <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c> with <c>Z</c> or <c>±hh:mm</c>), which sets the same values, in the
/// same order, through the same setters as the <see cref="System.Text.Json.Utf8JsonReader"/> path.
/// </summary>
/// <remarks>
/// <para>
/// It never words a problem: anything it does not read itself (a byte outside printable ASCII, a
/// backslash, an exponent, an unusual instant, an unknown name, a wrong type, a syntax error, a missing
/// property) makes it give up by returning <see langword="false"/>, and the line is read again from
/// the start by the reference path, which reports the problem exactly as before. A give-up is a
/// return, not an exception, so a log whose every line is unusual costs only the up-front check more.
/// </para>
/// <para>
/// Written as its own scanner rather than as a second token source under the reference logic: the
/// reference path's every check ends in a thrown problem, which the fast path must turn into a cheap
/// give-up instead, and a scanner that knows which value comes next reads it without a token state.
/// The equivalence of the two paths is pinned by tests that read thousands of generated lines, valid
/// and broken, through both and compare the problem, the event and every slot of the visitor context.
/// </para>
/// </remarks>
internal sealed partial class EventLineReader
{
    /// <summary>Powers of ten exactly representable as doubles, for the fraction of a plain number.</summary>
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>Gets or sets whether lines of the common shape are read by the fast path (tests turn it off to compare with the reference path).</summary>
    internal bool UsesFastPath { get; set; } = true;

    /// <summary>Gets how many lines the fast path has read.</summary>
    internal long FastLines { get; private set; }

    /// <summary>Whether every byte is printable ASCII and none is a backslash: the only lines the fast path tries.</summary>
    private static bool IsPlain(ReadOnlySpan<byte> json) =>
        !json.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) && !json.Contains((byte)'\\');

    private bool TryReadFast(ReadOnlySpan<byte> json, EventLine line)
    {
        Begin(line);

        // Type and outcome are set on the line as they are read, as the reference path sets them (a line
        // it stops reading keeps those of the line before, and the fast path never reads past where it stops).
        EventLineType? type = null;
        VisitorOutcome? outcome = null;
        var hasVersion = false;
        var channelKindSet = false;
        var channel = -1;

        var scanner = new Scanner(json);
        if (!scanner.Take((byte)'{') || scanner.Take((byte)'}'))
        {
            return false;
        }

        do
        {
            if (!scanner.Name(out var name))
            {
                return false;
            }

            switch (NameOf(name))
            {
                case Name.FormatVersion:
                    if (!scanner.Count(out var version) || version != FormatVersion)
                    {
                        return false;
                    }

                    hasVersion = true;
                    break;
                case Name.At:
                    if (!scanner.String(out var at) || !TryParseInstant(at, out var instant))
                    {
                        return false;
                    }

                    line.At = instant;
                    break;
                case Name.Type:
                    if (!scanner.String(out var typeName) || Find(typeName, EventTypes) is not (>= 0 and var typeIndex))
                    {
                        return false;
                    }

                    type = line.Type = EventTypes[typeIndex].Value;
                    break;
                case Name.WorkspaceId:
                    if (!scanner.String(out var workspace) || !workspace.SequenceEqual(_workspaceIdUtf8))
                    {
                        return false;
                    }

                    break;
                case Name.ChannelId:
                    if (!scanner.String(out var channelId) || (channel = Find(channelId, _channels)) < 0)
                    {
                        return false;
                    }

                    line.ChannelId = _channels[channel].Id;
                    break;
                case Name.VisitorId:
                    if (!scanner.String(out var visitorId))
                    {
                        return false;
                    }

                    line.VisitorId = NewString(visitorId);
                    break;
                case Name.VisitId:
                    if (!scanner.OptionalString(out var visitId, out var hasVisitId))
                    {
                        return false;
                    }

                    line.VisitId = hasVisitId ? NewString(visitId) : null;
                    break;
                case Name.PageViewId:
                    if (!scanner.OptionalString(out var pageViewId, out var hasPageViewId))
                    {
                        return false;
                    }

                    line.PageViewId = hasPageViewId ? NewString(pageViewId) : null;
                    break;
                case Name.EventName:
                    if (!TryReadText(ref scanner, out var eventName))
                    {
                        return false;
                    }

                    line.EventName = eventName;
                    break;
                case Name.Outcome:
                    if (!scanner.String(out var outcomeName) || Find(outcomeName, Outcomes) is not (>= 0 and var outcomeIndex))
                    {
                        return false;
                    }

                    outcome = line.Outcome = Outcomes[outcomeIndex].Value;
                    break;
                case Name.MessageId:
                    if (!scanner.OptionalString(out var messageId, out var hasMessageId))
                    {
                        return false;
                    }

                    if (!hasMessageId)
                    {
                        line.MessageId = null;
                        break;
                    }

                    var message = Find(messageId, _messages);
                    if (message < 0)
                    {
                        return false;
                    }

                    line.MessageId = _messages[message].Id;
                    break;
                case Name.Visitor:
                    // Assigned, not combined, as the reference path does: a second visitor object decides.
                    if (!TryReadVisitor(ref scanner, line, out channelKindSet))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }
        while (scanner.Take((byte)','));

        if (!scanner.Take((byte)'}') || !scanner.AtEnd() || !hasVersion || type is not { } eventType || line.VisitorId.Length == 0)
        {
            return false;
        }

        if (eventType == EventLineType.Outcome)
        {
            if (outcome is not { } eventOutcome
                || (line.MessageId is null && eventOutcome is not (VisitorOutcome.ConversationStarted or VisitorOutcome.ConversationEnded)))
            {
                return false;
            }

            return true;
        }

        if (outcome is not null || line.ChannelId.Length == 0 || (line.EventName is not null && eventType != EventLineType.AppEvent))
        {
            return false;
        }

        Finish(line, channel, channelKindSet);
        return true;
    }

    private bool TryReadVisitor(ref Scanner scanner, EventLine line, out bool channelKindSet)
    {
        channelKindSet = false;
        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        if (scanner.Take((byte)'}'))
        {
            return true;
        }

        var visitor = line.Visitor;
        do
        {
            if (!scanner.Name(out var name))
            {
                return false;
            }

            string? text;
            switch (NameOf(name))
            {
                case Name.Url:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetPageUrl(text);
                    break;
                case Name.TimeOnPage:
                    // A duration out of range is the reference path's problem to word.
                    if (!scanner.OptionalNumber(out var seconds) || (seconds is { } given && !IsDuration(given)))
                    {
                        return false;
                    }

                    visitor.SetTimeOnPage(seconds is { } value ? Duration.FromSeconds(value) : null);
                    break;
                case Name.PageViews:
                    if (!scanner.OptionalCount(out var pageViews))
                    {
                        return false;
                    }

                    visitor.SetPageViews(pageViews);
                    break;
                case Name.Visits:
                    if (!scanner.OptionalCount(out var visits))
                    {
                        return false;
                    }

                    visitor.SetVisits(visits);
                    break;
                case Name.IsReturning:
                    if (!scanner.OptionalBoolean(out var isReturning))
                    {
                        return false;
                    }

                    visitor.SetReturning(isReturning);
                    break;
                case Name.IsIdentified:
                    if (!scanner.OptionalBoolean(out var isIdentified))
                    {
                        return false;
                    }

                    visitor.SetIdentified(isIdentified);
                    break;
                case Name.Title:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetPageTitle(text);
                    break;
                case Name.Referrer:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetReferrer(text);
                    break;
                case Name.Language:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetLanguage(text);
                    break;
                case Name.Country:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetCountry(text);
                    break;
                case Name.TimeZone:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    if (text is null)
                    {
                        line.TimeZone = null;
                        break;
                    }

                    if (!_zones.TryGetValue(text, out var zone))
                    {
                        zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(text);
                        _zones[text] = zone;
                    }

                    if (zone is null)
                    {
                        return false;
                    }

                    line.TimeZone = zone;
                    break;
                case Name.DeviceType:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    if (text is null)
                    {
                        visitor.SetDeviceType(null);
                        break;
                    }

                    if (!Enum.TryParse<DeviceType>(text, ignoreCase: true, out var device) || int.TryParse(text, CultureInfo.InvariantCulture, out _))
                    {
                        return false;
                    }

                    visitor.SetDeviceType(device);
                    break;
                case Name.OperatingSystem:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetOperatingSystem(text);
                    break;
                case Name.Browser:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetBrowser(text);
                    break;
                case Name.ChannelKind:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetChannelKind(text);
                    channelKindSet = true;
                    break;
                case Name.AppVersion:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetAppVersion(text);
                    break;
                case Name.IpAddress:
                    if (!TryReadText(ref scanner, out text))
                    {
                        return false;
                    }

                    visitor.SetIpAddress(text);
                    break;
                case Name.Custom:
                    if (!TryReadCustom(ref scanner, visitor))
                    {
                        return false;
                    }

                    break;
                case Name.Events:
                    if (!TryReadEvents(ref scanner, visitor))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }
        while (scanner.Take((byte)','));

        return scanner.Take((byte)'}');
    }

    private bool TryReadCustom(ref Scanner scanner, VisitorContext visitor)
    {
        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        if (scanner.Take((byte)'}'))
        {
            return true;
        }

        do
        {
            if (!scanner.Name(out var name))
            {
                return false;
            }

            var index = Find(name, _attributes);
            if (index < 0)
            {
                return false;
            }

            var slot = _attributes[index].Slot;
            if (scanner.Null())
            {
                visitor.Clear(slot);
                continue;
            }

            string? text;
            switch (slot.Type)
            {
                case FieldType.Text or FieldType.Enum:
                    if (!TryReadText(ref scanner, out text) || text is null)
                    {
                        return false;
                    }

                    visitor.SetText(slot, text);
                    break;
                case FieldType.Number:
                    if (!scanner.OptionalNumber(out var number))
                    {
                        return false;
                    }

                    visitor.SetNumber(slot, number);
                    break;
                case FieldType.Duration:
                    // A duration out of range is the reference path's problem to word.
                    if (!scanner.OptionalNumber(out var seconds) || (seconds is { } given && !IsDuration(given)))
                    {
                        return false;
                    }

                    visitor.SetDuration(slot, seconds is { } value ? Duration.FromSeconds(value) : null);
                    break;
                case FieldType.Boolean:
                    if (!scanner.OptionalBoolean(out var flag))
                    {
                        return false;
                    }

                    visitor.SetBoolean(slot, flag);
                    break;
                case FieldType.Version:
                    if (!TryReadText(ref scanner, out text) || text is null)
                    {
                        return false;
                    }

                    visitor.SetVersion(slot, text);
                    break;
                case FieldType.IpAddress:
                    if (!TryReadText(ref scanner, out text) || text is null)
                    {
                        return false;
                    }

                    visitor.SetIpAddress(slot, text);
                    break;
                default:
                    // Lists, dates, times of day and instants are rare in logs: the reference path reads them.
                    return false;
            }
        }
        while (scanner.Take((byte)','));

        return scanner.Take((byte)'}');
    }

    private bool TryReadEvents(ref Scanner scanner, VisitorContext visitor)
    {
        if (!scanner.Take((byte)'{'))
        {
            return false;
        }

        if (scanner.Take((byte)'}'))
        {
            return true;
        }

        do
        {
            if (!scanner.Name(out var name))
            {
                return false;
            }

            var index = Find(name, _events);
            if (index < 0 || !scanner.OptionalCount(out var count))
            {
                return false;
            }

            visitor.SetEventCount(_events[index].Event.Slot, count ?? 0);
        }
        while (scanner.Take((byte)','));

        return scanner.Take((byte)'}');
    }

    /// <summary>A string or <c>null</c>, the string shared through the text table as the reference path shares it.</summary>
    private bool TryReadText(ref Scanner scanner, out string? text)
    {
        text = null;
        if (!scanner.OptionalString(out var utf8, out var present))
        {
            return false;
        }

        if (present)
        {
            text = _texts.GetAsciiString(utf8);
        }

        return true;
    }

    /// <summary>A new string for an id (ASCII: one character a byte, as UTF-8 decoding would give).</summary>
    private static string NewString(ReadOnlySpan<byte> ascii) => System.Text.Encoding.ASCII.GetString(ascii);

    /// <summary>The index of the known name <paramref name="utf8"/> is, or -1.</summary>
    private static int Find<T>(ReadOnlySpan<byte> utf8, (byte[] Utf8, T Value)[] known)
    {
        for (var i = 0; i < known.Length; i++)
        {
            if (utf8.SequenceEqual(known[i].Utf8))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of 1 to 7 digits, then <c>Z</c> or <c>±hh:mm</c>: the
    /// instant <see cref="System.Text.Json.Utf8JsonReader.TryGetDateTimeOffset"/> reads from the same text.
    /// Years near the ends of the calendar, offsets of 14 hours and every other form are left to it.
    /// </summary>
    internal static bool TryParseInstant(ReadOnlySpan<byte> text, out Instant instant)
    {
        instant = default;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        var century = Digits2(text, 0);
        var yearOfCentury = Digits2(text, 2);
        var year = century < 0 || yearOfCentury < 0 ? -1 : (century * 100) + yearOfCentury;
        var month = Digits2(text, 5);
        var day = Digits2(text, 8);
        var hour = Digits2(text, 11);
        var minute = Digits2(text, 14);
        var second = Digits2(text, 17);
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false;
        }

        var i = 19;
        var ticks = 0L;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                ticks = (ticks * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits is < 1 or > 7)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                ticks *= 10;
            }
        }

        var offsetMinutes = 0;
        var rest = text[i..];
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            offsetMinutes = 0;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':')
        {
            var offsetHours = Digits2(rest, 1);
            var offsetMinute = Digits2(rest, 4);
            if (offsetHours is < 0 or > 13 || offsetMinute is < 0 or > 59)
            {
                return false;
            }

            offsetMinutes = ((offsetHours * 60) + offsetMinute) * (rest[0] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        instant = Instant.FromUtc(year, month, day, hour, minute, second).PlusTicks(ticks) - Duration.FromMinutes(offsetMinutes);
        return true;
    }

    /// <summary>The two digits at <paramref name="index"/>, or -1.</summary>
    private static int Digits2(ReadOnlySpan<byte> text, int index)
    {
        var tens = (uint)(text[index] - '0');
        var ones = (uint)(text[index + 1] - '0');
        return tens <= 9 && ones <= 9 ? (int)((tens * 10) + ones) : -1;
    }

    /// <summary>
    /// Reads the tokens of one line of printable ASCII without backslashes (checked before), each method
    /// skipping the spaces before its token; every method returns <see langword="false"/> for what it does not read.
    /// </summary>
    private ref struct Scanner
    {
        private readonly ReadOnlySpan<byte> _json;
        private int _position;

        public Scanner(ReadOnlySpan<byte> json)
        {
            _json = json;
        }

        /// <summary>Takes <paramref name="token"/> if it comes next.</summary>
        public bool Take(byte token)
        {
            SkipSpaces();
            if (_position < _json.Length && _json[_position] == token)
            {
                _position++;
                return true;
            }

            return false;
        }

        /// <summary>Whether only spaces are left.</summary>
        public bool AtEnd()
        {
            SkipSpaces();
            return _position == _json.Length;
        }

        /// <summary>A property name and its colon.</summary>
        public bool Name(out ReadOnlySpan<byte> name) => String(out name) && Take((byte)':');

        /// <summary>A string (no escapes, checked before), without its quotes.</summary>
        public bool String(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (!Take((byte)'"'))
            {
                return false;
            }

            var length = _json[_position..].IndexOf((byte)'"');
            if (length < 0)
            {
                return false;
            }

            value = _json.Slice(_position, length);
            _position += length + 1;
            return true;
        }

        /// <summary>A string or <c>null</c> (<paramref name="present"/> false).</summary>
        public bool OptionalString(out ReadOnlySpan<byte> value, out bool present)
        {
            present = false;
            value = default;
            if (Null())
            {
                return true;
            }

            present = String(out value);
            return present;
        }

        /// <summary>Takes <c>null</c> if it comes next.</summary>
        public bool Null() => Literal("null"u8);

        public bool OptionalBoolean(out bool? value)
        {
            value = null;
            if (Null())
            {
                return true;
            }

            if (Literal("true"u8))
            {
                value = true;
                return true;
            }

            if (Literal("false"u8))
            {
                value = false;
                return true;
            }

            return false;
        }

        /// <summary>
        /// A whole number from 0 to 999,999,999 without fraction or exponent (<c>-0</c> is 0): what
        /// <see cref="System.Text.Json.Utf8JsonReader.TryGetInt32"/> reads as a count; anything else is left to it.
        /// </summary>
        public bool Count(out int value)
        {
            value = 0;
            if (!Number(out var negative, out var mantissa, out var digits, out var fractionDigits) || fractionDigits > 0 || digits > 9 || (negative && mantissa != 0))
            {
                return false;
            }

            value = (int)mantissa;
            return true;
        }

        public bool OptionalCount(out int? value)
        {
            value = null;
            if (Null())
            {
                return true;
            }

            if (!Count(out var count))
            {
                return false;
            }

            value = count;
            return true;
        }

        /// <summary>
        /// A number of at most 15 digits without exponent: the whole number and the power of ten are
        /// exact doubles, so their quotient is the correctly rounded value, as
        /// <see cref="System.Text.Json.Utf8JsonReader.TryGetDouble"/> gives; anything else is left to it.
        /// </summary>
        public bool OptionalNumber(out double? value)
        {
            value = null;
            if (Null())
            {
                return true;
            }

            if (!Number(out var negative, out var mantissa, out var digits, out var fractionDigits) || digits > 15)
            {
                return false;
            }

            var number = fractionDigits == 0 ? mantissa : mantissa / PowersOfTen[fractionDigits];
            value = negative ? -number : number;
            return true;
        }

        /// <summary>
        /// A number in the JSON grammar without exponent (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c>): its sign,
        /// its digits as one whole number (up to 18 digits), how many digits, and how many after the point.
        /// </summary>
        private bool Number(out bool negative, out long mantissa, out int digits, out int fractionDigits)
        {
            negative = false;
            mantissa = 0;
            digits = 0;
            fractionDigits = 0;
            SkipSpaces();
            var i = _position;
            if (i < _json.Length && _json[i] == '-')
            {
                negative = true;
                i++;
            }

            var start = i;
            while (i < _json.Length && (uint)(_json[i] - '0') <= 9)
            {
                mantissa = (mantissa * 10) + (_json[i] - '0');
                i++;
                if (i - start > 18)
                {
                    return false;
                }
            }

            var integerDigits = i - start;
            if (integerDigits == 0 || (integerDigits > 1 && _json[start] == '0'))
            {
                return false;
            }

            if (i < _json.Length && _json[i] == '.')
            {
                var fractionStart = ++i;
                while (i < _json.Length && (uint)(_json[i] - '0') <= 9)
                {
                    mantissa = (mantissa * 10) + (_json[i] - '0');
                    i++;
                    if (i - fractionStart + integerDigits > 18)
                    {
                        return false;
                    }
                }

                fractionDigits = i - fractionStart;
                if (fractionDigits == 0)
                {
                    return false;
                }
            }

            // What ends a number must come next (not an exponent, nor the end of a cut line): the reference
            // path finds the problem there, before a setter sees the value (a setter may refuse it by throwing).
            if (i == _json.Length || _json[i] is not ((byte)' ' or (byte)',' or (byte)'}' or (byte)']'))
            {
                return false;
            }

            digits = integerDigits + fractionDigits;
            _position = i;
            return true;
        }

        /// <summary>Takes <paramref name="literal"/> if it comes next (what follows is checked by the next token).</summary>
        private bool Literal(ReadOnlySpan<byte> literal)
        {
            SkipSpaces();
            if (_json[_position..].StartsWith(literal))
            {
                _position += literal.Length;
                return true;
            }

            return false;
        }

        private void SkipSpaces()
        {
            while (_position < _json.Length && _json[_position] == ' ')
            {
                _position++;
            }
        }
    }
}
