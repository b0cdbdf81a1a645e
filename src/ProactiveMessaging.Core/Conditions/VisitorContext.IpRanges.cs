using System.Net;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>The IP address fields of a visitor context.</summary>
public sealed partial class VisitorContext
{
    /// <summary>
    /// The addresses of the IP address slots as 128 bits, an IPv4 address in its IPv4-mapped IPv6 form.
    /// Meaningful only where the slot is present (never cleared: it holds no reference).
    /// </summary>
    internal UInt128[] IpAddresses { get; }

    /// <summary>
    /// Sets <c>visitor.ip</c>, the visitor's IP address, read without allocating. Surrounding white space
    /// is ignored; a text that is not an address leaves the field not set, as <c>docs/conditions.md</c> describes.
    /// </summary>
    /// <param name="address">The address, such as <c>203.0.113.7</c> or <c>2001:db8::1</c>; <see langword="null"/> clears it.</param>
    public void SetIpAddress(string? address) => SetIpAddress(BuiltInFields.VisitorIp, address);

    /// <summary>Sets <c>visitor.ip</c>, the visitor's IP address, without allocating.</summary>
    /// <param name="address">The address (IPv4 or IPv6; another family clears the field); <see langword="null"/> clears it.</param>
    public void SetIpAddress(IPAddress? address) => SetIpAddress(BuiltInFields.VisitorIp, address);

    /// <summary>Sets an IP address custom attribute; a text that is not an address leaves the attribute not set.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="address">The address; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not an IP address attribute.</exception>
    public void SetIpAddress(FieldSlot slot, string? address)
    {
        Check(slot, FieldType.IpAddress, FieldType.IpAddress);
        SetIpAddress(slot.Index, address);
    }

    /// <summary>Sets an IP address custom attribute, without allocating.</summary>
    /// <param name="slot">The attribute's slot.</param>
    /// <param name="address">The address; <see langword="null"/> clears it.</param>
    /// <exception cref="ArgumentException">The slot belongs to another catalog or is not an IP address attribute.</exception>
    public void SetIpAddress(FieldSlot slot, IPAddress? address)
    {
        Check(slot, FieldType.IpAddress, FieldType.IpAddress);
        SetIpAddress(slot.Index, address);
    }

    private void SetIpAddress(int slot, string? address)
    {
        if (address is null || !IpRange.TryParseAddress(address.AsSpan().Trim(), out IpAddresses[slot], out _))
        {
            // Not an address: missing, so that only isNotSet holds (a value that cannot be placed
            // must not pass isNotInRange by accident).
            Clear(slot);
            return;
        }

        Present[slot] = true;
    }

    private void SetIpAddress(int slot, IPAddress? address)
    {
        if (address is null || !IpRange.TryRead(address, out IpAddresses[slot]))
        {
            Clear(slot);
            return;
        }

        Present[slot] = true;
    }
}
