namespace ProactiveMessaging.Conditions.Internal;

/// <summary>Why a text is not a CIDR block.</summary>
internal enum IpRangeError
{
    None,
    Empty,
    AddressInvalid,
    PrefixInvalid,
    HostBitsSet,
}
