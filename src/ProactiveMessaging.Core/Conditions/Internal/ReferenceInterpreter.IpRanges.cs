using System.Net;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// IP ranges in the reference interpreter: blocks read by the runtime's <see cref="IPNetwork"/> and
/// compared bit by bit over the 16 bytes of IPv6 (IPv4 mapped), apart from <see cref="IpRange"/>'s
/// reader and masks, so that the tests hold the compiled form to a second reading of the blocks.
/// </summary>
internal sealed partial class ReferenceInterpreter
{
    /// <summary>Whether an address lies in a block written as a condition writes it (validated).</summary>
    public static bool InRange(IPAddress address, string block)
    {
        var text = block.Contains('/', StringComparison.Ordinal) ? block : block + (block.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
        var network = IPNetwork.Parse(text);

        // An IPv4 address is its IPv4-mapped IPv6 address (::ffff:a.b.c.d), whichever way either side is written.
        var isV4 = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
        var prefix = network.PrefixLength + (isV4 ? 96 : 0);
        var blockBytes = network.BaseAddress.MapToIPv6().GetAddressBytes();
        var bytes = address.MapToIPv6().GetAddressBytes();
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((blockBytes[bit / 8] & mask) != (bytes[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }

    private static bool EvaluateIpAddress(FieldDefinition field, ConditionOperator op, ConditionValue value, VisitorContext visitor, out string? actual)
    {
        var present = visitor.Present[field.Slot];
        var address = present ? ToAddress(visitor.IpAddresses[field.Slot]) : null;
        actual = present ? IpRange.Format(visitor.IpAddresses[field.Slot]) : null;
        return op switch
        {
            ConditionOperator.IsSet => present,
            ConditionOperator.IsNotSet => !present,
            ConditionOperator.IsInRange => address is not null && value.Items.Any(item => InRange(address, item.Text)),
            ConditionOperator.IsNotInRange => address is not null && !value.Items.Any(item => InRange(address, item.Text)),
            _ => false,
        };
    }

    private static IPAddress ToAddress(UInt128 value)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
