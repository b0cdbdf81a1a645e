using System.Globalization;
using System.Net;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// A CIDR block as a 128-bit network and mask. Every address is held as 128 bits, an IPv4 address
/// as its IPv4-mapped IPv6 form (<c>::ffff:a.b.c.d</c>), so that one comparison serves both
/// families and an IPv4-mapped IPv6 visitor matches the IPv4 blocks.
/// </summary>
internal readonly struct IpRange
{
    /// <summary>The IPv4-mapped prefix <c>::ffff:0:0/96</c>.</summary>
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    public IpRange(UInt128 network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
        Mask = prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixLength);
    }

    public UInt128 Network { get; }

    public UInt128 Mask { get; }

    /// <summary>The prefix length in 128-bit terms (an IPv4 /24 is 120).</summary>
    public int PrefixLength { get; }

    /// <summary>Whether an address (in 128-bit form) lies in the block.</summary>
    public bool Contains(UInt128 address) => (address & Mask) == Network;

    /// <summary>Whether an address lies in one of the blocks.</summary>
    public static bool InAny(IpRange[] ranges, UInt128 address)
    {
        foreach (ref readonly var range in ranges.AsSpan())
        {
            if ((address & range.Mask) == range.Network)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads a CIDR block: an address and an optional <c>/prefix</c> (a lone address is /32 or /128).
    /// Bits set after the prefix are refused (<see cref="IpRangeError.HostBitsSet"/>), with the
    /// block they probably meant in <paramref name="range"/>.
    /// </summary>
    public static IpRangeError Parse(ReadOnlySpan<char> text, out IpRange range)
    {
        range = default;
        if (text.IsEmpty)
        {
            return IpRangeError.Empty;
        }

        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, out var address, out var isV4))
        {
            return IpRangeError.AddressInvalid;
        }

        var bits = isV4 ? 32 : 128;
        var prefix = bits;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.IsEmpty || prefixText.Length > 3 || prefixText.ContainsAnyExceptInRange('0', '9')
                || (prefixText.Length > 1 && prefixText[0] == '0')
                || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
            {
                return IpRangeError.PrefixInvalid;
            }
        }

        var prefix128 = prefix + (128 - bits);
        range = new IpRange(address, prefix128);
        if ((address & range.Mask) != address)
        {
            range = new IpRange(address & range.Mask, prefix128);
            return IpRangeError.HostBitsSet;
        }

        return IpRangeError.None;
    }

    /// <summary>
    /// Reads an address without allocating: IPv4 in dotted-decimal form (four numbers 0 to 255, no
    /// leading zero), IPv6 in its standard text forms (groups of 1 to 4 hex digits, one <c>::</c>, a
    /// trailing IPv4 part). A zone such as <c>%eth0</c> is refused: a range cannot depend on the
    /// visitor's interface.
    /// </summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out UInt128 address, out bool isV4)
    {
        isV4 = false;
        if (TryParseV4(text, out var v4))
        {
            isV4 = true;
            address = MappedPrefix | v4;
            return true;
        }

        return TryParseV6(text, out address);
    }

    /// <summary>The 128-bit form of an address (IPv4 mapped); false for another family. Allocates nothing.</summary>
    public static bool TryRead(IPAddress address, out UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value = UInt128.Zero;
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        if (written == 4)
        {
            value = MappedPrefix | ((uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3]);
            return true;
        }

        value = new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
        return true;
    }

    /// <summary>The text of an address in 128-bit form: dotted decimal for an IPv4 (or IPv4-mapped) address.</summary>
    public static string Format(UInt128 address)
    {
        if ((address >> 32) == (UInt128)0xFFFFu)
        {
            var v4 = (uint)(address & uint.MaxValue);
            return string.Create(CultureInfo.InvariantCulture, $"{v4 >> 24}.{(v4 >> 16) & 0xFF}.{(v4 >> 8) & 0xFF}.{v4 & 0xFF}");
        }

        return FormatV6(address);
    }

    /// <summary>The IPv6 text of an address in 128-bit form.</summary>
    public static string FormatV6(UInt128 address)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        return new IPAddress(bytes).ToString();
    }

    private static bool TryParseV6(ReadOnlySpan<char> text, out UInt128 address)
    {
        address = UInt128.Zero;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gap = -1;
        var i = 0;
        if (text.StartsWith("::"))
        {
            gap = 0;
            i = 2;
        }
        else if (text.StartsWith(":"))
        {
            return false;
        }

        while (i < text.Length)
        {
            var start = i;
            var value = 0;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]) && i - start < 5)
            {
                value = (value << 4) | HexValue(text[i]);
                i++;
            }

            var length = i - start;
            if (i < text.Length && text[i] == '.')
            {
                // A trailing IPv4 part fills the last two groups.
                if (count > 6 || !TryParseV4(text[start..], out var v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                i = text.Length;
                break;
            }

            if (length == 0 || length > 4 || count == 8)
            {
                return false;
            }

            groups[count++] = (ushort)value;
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != ':')
            {
                return false;
            }

            i++;
            if (i < text.Length && text[i] == ':')
            {
                if (gap >= 0)
                {
                    return false;
                }

                gap = count;
                i++;
            }
            else if (i == text.Length)
            {
                // A single trailing colon.
                return false;
            }
        }

        if (gap < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        var value128 = UInt128.Zero;
        var zeros = 8 - count;
        for (var g = 0; g < count; g++)
        {
            if (g == gap)
            {
                value128 <<= 16 * zeros;
            }

            value128 = (value128 << 16) | groups[g];
        }

        if (gap == count)
        {
            value128 <<= 16 * zeros;
        }

        address = value128;
        return true;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool TryParseV4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            var part = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                part = (part * 10) + (text[i] - '0');
                i++;
            }

            var length = i - start;
            if (length == 0 || part > 255 || (length > 1 && text[start] == '0'))
            {
                return false;
            }

            value = (value << 8) | (uint)part;
            parts++;
            if (parts == 4)
            {
                return i == text.Length;
            }

            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
        }
    }
}
