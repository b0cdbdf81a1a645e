using System.Collections.Immutable;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>The binding of conditions on IP address fields.</summary>
internal sealed partial class ConditionBinder
{
    /// <summary>
    /// The operators of IP addresses. A property, as <see cref="OperatorTable"/> in the other part of
    /// the class reads it while the type initialises.
    /// </summary>
    private static ImmutableArray<ConditionOperator> IpOperators =>
        [ConditionOperator.IsInRange, ConditionOperator.IsNotInRange, ConditionOperator.IsSet, ConditionOperator.IsNotSet];

    private BoundCondition? BindIpRanges(Condition condition, FieldDefinition field, string path, ImmutableArray<Problem>.Builder problems)
    {
        var value = condition.Value;
        if (!IsList(value, "a list of CIDR blocks, such as [\"10.0.0.0/8\", \"2001:db8::/32\"]", path, problems))
        {
            return null;
        }

        var before = problems.Count;
        var texts = new string[value.Items.Length];
        var ranges = new IpRange[value.Items.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = value.Items[i];
            if (item.Kind != ConditionValueKind.Text)
            {
                WrongType("a CIDR block written as a text, such as \"10.0.0.0/8\"", itemPath, problems);
                continue;
            }

            texts[i] = item.Text;
            var error = IpRange.Parse(item.Text, out ranges[i]);
            if (error != IpRangeError.None)
            {
                problems.Add(new Problem(ConditionProblemCodes.IpRangeInvalid, DescribeIpRangeError(item.Text, error, ranges[i]), itemPath));
            }
        }

        return problems.Count == before ? new BoundCondition { Source = condition, Field = field, Texts = texts, Ranges = ranges } : null;
    }

    private static string DescribeIpRangeError(string text, IpRangeError error, IpRange meant)
    {
        var quoted = Shorten(text);
        return error switch
        {
            IpRangeError.Empty => "The CIDR block is empty; write an address such as \"203.0.113.7\" or a block such as \"10.0.0.0/8\".",
            IpRangeError.PrefixInvalid => $"'{quoted}' has a prefix length that is not a number from 0 to 32 (IPv4) or 128 (IPv6).",
            IpRangeError.HostBitsSet => $"'{quoted}' has bits set after its prefix. Did you mean '{Describe(meant, text)}'?",
            _ => $"'{quoted}' is not an IPv4 address (such as 203.0.113.7) or an IPv6 address (such as 2001:db8::1), with an optional /prefix.",
        };
    }

    /// <summary>A block written as the user wrote its family: an IPv4 block in dotted decimal with its IPv4 prefix.</summary>
    private static string Describe(IpRange range, string written)
    {
        var address = IpRange.Format(range.Network);
        var isV4 = !written.Contains(':', StringComparison.Ordinal);
        return $"{(isV4 ? address : IpRange.FormatV6(range.Network))}/{range.PrefixLength - (isV4 ? 96 : 0)}";
    }
}
