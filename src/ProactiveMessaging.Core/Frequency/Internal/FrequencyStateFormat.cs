using System.Buffers;
using System.Text;

namespace ProactiveMessaging.Frequency.Internal;

/// <summary>
/// The binary form of a <see cref="VisitorFrequencyState"/>, version 1 (docs/storage.md): unsigned
/// LEB128 integers ("varint"), strings as varint (UTF-8 length + 1, 0 for none) then the bytes,
/// in this order:
/// <code>
/// version (1 byte) | flags (bit 0: conversation open; bit 1: has activity)
/// visit | page view | visit id | page view id | showing (index + 1, 0 for none)
/// lifetime sends | visit sends | [last activity, zigzag varint of Unix ticks, if bit 1]
/// sent count | per sent message: message id, visit, page view
/// send instant count | first instant (zigzag varint of Unix ticks), then each later one as the varint gap from the previous
/// </code>
/// Writing is canonical: one state, one byte sequence.
/// </summary>
internal static class FrequencyStateFormat
{
    private const int ConversationOpenFlag = 1;
    private const int HasActivityFlag = 2;

    // The longest id a state holds is a visit or page view id; UTF-8 takes at most 3 bytes per UTF-16 unit.
    private const int MaxIdBytes = IdRule.MaxVisitorIdLength * 3;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static int EstimateLength(VisitorFrequencyState state) => 64 + (state.SentCount * 24) + (state.SendCount * 4);

    internal static void Write(VisitorFrequencyState state, IBufferWriter<byte> output)
    {
        var writer = new Writer(output);
        writer.Byte(VisitorFrequencyState.FormatVersion);
        var hasActivity = state.LastActivityTicks != long.MinValue;
        writer.Varint((ulong)((state.ConversationOpen ? ConversationOpenFlag : 0) | (hasActivity ? HasActivityFlag : 0)));
        writer.Varint((uint)state.Visit);
        writer.Varint((uint)state.PageView);
        writer.Text(state.VisitId);
        writer.Text(state.PageViewId);
        writer.Varint((ulong)(state.Showing + 1));
        writer.Varint((uint)state.TotalSends);
        writer.Varint((uint)state.VisitSends);
        if (hasActivity)
        {
            writer.Varint(ZigZag(state.LastActivityTicks));
        }

        writer.Varint((uint)state.SentCount);
        for (var i = 0; i < state.SentCount; i++)
        {
            var sent = state.Sent![i];
            writer.Text(sent.MessageId);
            writer.Varint((uint)sent.Visit);
            writer.Varint((uint)sent.PageView);
        }

        writer.Varint((uint)state.SendCount);
        for (var i = 0; i < state.SendCount; i++)
        {
            var ticks = state.SendTicks![i];
            writer.Varint(i == 0 ? ZigZag(ticks) : (ulong)(ticks - state.SendTicks[i - 1]));
        }
    }

    internal static VisitorFrequencyState Read(ReadOnlySpan<byte> data)
    {
        var reader = new Reader(data);
        if (data.IsEmpty)
        {
            throw new FrequencyStateFormatException("no bytes", 0);
        }

        var version = reader.Byte();
        if (version != VisitorFrequencyState.FormatVersion)
        {
            throw new FrequencyStateFormatException(
                version > VisitorFrequencyState.FormatVersion
                    ? $"version {version} is newer than this library reads ({VisitorFrequencyState.FormatVersion})"
                    : $"unknown version {version}",
                0);
        }

        var at = reader.Offset;
        var flags = reader.Varint();
        if (flags > (ConversationOpenFlag | HasActivityFlag))
        {
            throw new FrequencyStateFormatException($"unknown flags {flags}", at);
        }

        var state = new VisitorFrequencyState
        {
            ConversationOpen = (flags & ConversationOpenFlag) != 0,
            Visit = reader.Count("visit"),
            PageView = reader.Count("page view"),
            VisitId = reader.Text("visit id", MaxIdBytes, optional: true),
            PageViewId = reader.Text("page view id", MaxIdBytes, optional: true),
        };

        at = reader.Offset;
        var showing = reader.Count("showing") - 1;
        state.TotalSends = reader.Count("lifetime sends");
        state.VisitSends = reader.Count("visit sends");
        if ((flags & HasActivityFlag) != 0)
        {
            state.LastActivityTicks = UnZigZag(reader.Varint());
        }

        var sentAt = reader.Offset;
        var sentCount = reader.Count("sent count");

        // Each record takes at least three bytes: a count beyond that is corrupt, not a reason to allocate.
        if (sentCount > reader.Remaining / 3)
        {
            throw new FrequencyStateFormatException($"{sentCount} sent messages do not fit in the bytes left", sentAt);
        }

        if (showing >= sentCount)
        {
            throw new FrequencyStateFormatException($"the message showing, number {showing + 1}, is not among the {sentCount} sent", at);
        }

        if (sentCount > 0)
        {
            var sent = new VisitorFrequencyState.SentMessage[sentCount];
            var ids = new HashSet<string>(sentCount, StringComparer.Ordinal);
            for (var i = 0; i < sentCount; i++)
            {
                at = reader.Offset;
                var messageId = reader.Text("message id", IdRule.MaxLength, optional: false)!;
                if (!ids.Add(messageId))
                {
                    throw new FrequencyStateFormatException($"message '{messageId}' is recorded twice", at);
                }

                at = reader.Offset;
                var visit = reader.Count("visit of a send");
                var pageView = reader.Count("page view of a send");
                if (visit > state.Visit || pageView > state.PageView)
                {
                    throw new FrequencyStateFormatException($"message '{messageId}' was sent in a later visit or page view than the current one", at);
                }

                sent[i] = new VisitorFrequencyState.SentMessage(messageId, visit, pageView);
            }

            state.Sent = sent;
            state.SentCount = sentCount;
        }

        state.Showing = showing;
        var instantsAt = reader.Offset;
        var sendCount = reader.Count("send instant count");
        if (sendCount > reader.Remaining)
        {
            throw new FrequencyStateFormatException($"{sendCount} send instants do not fit in the bytes left", instantsAt);
        }

        if (sendCount > 0)
        {
            var instants = new long[sendCount];
            instants[0] = UnZigZag(reader.Varint());
            for (var i = 1; i < sendCount; i++)
            {
                at = reader.Offset;
                var gap = reader.Varint();
                if (gap > long.MaxValue || instants[i - 1] > long.MaxValue - (long)gap)
                {
                    throw new FrequencyStateFormatException("a send instant is out of range", at);
                }

                instants[i] = instants[i - 1] + (long)gap;
            }

            state.SendTicks = instants;
            state.SendCount = sendCount;
        }

        if (reader.Remaining != 0)
        {
            throw new FrequencyStateFormatException($"{reader.Remaining} unexpected bytes after the state", reader.Offset);
        }

        return state;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private ref struct Writer(IBufferWriter<byte> output)
    {
        private readonly IBufferWriter<byte> _output = output;

        public readonly void Byte(byte value)
        {
            _output.GetSpan(1)[0] = value;
            _output.Advance(1);
        }

        public readonly void Varint(ulong value)
        {
            var span = _output.GetSpan(10);
            var length = 0;
            while (value >= 0x80)
            {
                span[length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            span[length++] = (byte)value;
            _output.Advance(length);
        }

        public readonly void Text(string? value)
        {
            if (value is null)
            {
                Varint(0);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            Varint((ulong)length + 1);
            var span = _output.GetSpan(length);
            _output.Advance(Encoding.UTF8.GetBytes(value, span));
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Offset { get; private set; }

        public readonly int Remaining => _data.Length - Offset;

        public byte Byte()
        {
            if (Offset >= _data.Length)
            {
                throw new FrequencyStateFormatException("the bytes end too early", Offset);
            }

            return _data[Offset++];
        }

        public ulong Varint()
        {
            var start = Offset;
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    if (shift == 63 && b > 1)
                    {
                        break;
                    }

                    return value;
                }
            }

            throw new FrequencyStateFormatException("an integer is longer than 64 bits", start);
        }

        public int Count(string what)
        {
            var start = Offset;
            var value = Varint();
            if (value > int.MaxValue)
            {
                throw new FrequencyStateFormatException($"the {what} {value} is out of range", start);
            }

            return (int)value;
        }

        public string? Text(string what, int maxBytes, bool optional)
        {
            var start = Offset;
            var prefix = Varint();
            if (prefix == 0)
            {
                if (optional)
                {
                    return null;
                }

                throw new FrequencyStateFormatException($"the {what} is missing", start);
            }

            var length = prefix - 1;
            if ((length == 0 && !optional) || length > (ulong)maxBytes || length > (ulong)Remaining)
            {
                throw new FrequencyStateFormatException($"the {what} has an invalid length of {length} bytes", start);
            }

            var bytes = _data.Slice(Offset, (int)length);
            Offset += (int)length;
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new FrequencyStateFormatException($"the {what} is not valid UTF-8", start);
            }
        }
    }
}
