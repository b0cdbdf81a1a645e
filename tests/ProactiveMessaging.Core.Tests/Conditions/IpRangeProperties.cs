using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>Our allocation-free address reader agrees with the runtime's on IPv6 texts, valid and not.</summary>
public sealed class IpRangeProperties
{
    private static readonly string[] Groups = ["0", "1", "ff", "FFFF", "abcd", "db8", "0db8", "12345", "", "g1"];

    private static readonly string[] Separators = [":", ":", ":", "::", ":::"];

    private static readonly string[] V4Tails = ["", "", "", "1.2.3.4", "255.255.255.255", "256.1.1.1", "10.0.0.1"];

    [Property(MaxTest = 5000)]
    public Property TryParseAddress_AgreesWithTheRuntime_OnIPv6Texts() =>
        Prop.ForAll(Texts().ToArbitrary(), text =>
        {
            var ours = IpRange.TryParseAddress(text, out var value, out var isV4);
            var theirs = IPAddress.TryParse(text, out var parsed) && parsed.AddressFamily == AddressFamily.InterNetworkV6;
            var same = ours == theirs && (!ours || (!isV4 && IpRange.TryRead(parsed!, out var expected) && expected == value));
            return same.Label($"'{text}': ours {ours}, runtime {theirs}");
        });

    [Theory]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("1::", "1::")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0")]
    public void TryParseAddress_ReadsTheStandardForms(string text, string formatted)
    {
        Assert.True(IpRange.TryParseAddress(text, out var value, out _));
        Assert.Equal(formatted, IpRange.Format(value));
    }

    [Theory]
    [InlineData(":")]
    [InlineData(":1")]
    [InlineData("1:")]
    [InlineData("1::2::3")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1::2:3:4:5:6:7:8")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("::ffff:010.0.0.1")]
    public void TryParseAddress_RefusesWhatIsNotAnAddress(string text)
    {
        Assert.False(IpRange.TryParseAddress(text, out _, out _));
    }

    private static Gen<string> Texts() =>
        from count in Gen.Choose(1, 9)
        from groups in Gen.ArrayOf(Gen.Elements(Groups), count)
        from separators in Gen.ArrayOf(Gen.Elements(Separators), count)
        from leading in Gen.Elements("", "", "", ":", "::")
        from tail in Gen.Elements(V4Tails)
        select leading + string.Concat(groups.Select((g, i) => i == 0 ? g : separators[i] + g)) + (tail.Length == 0 ? string.Empty : ":" + tail);
}
