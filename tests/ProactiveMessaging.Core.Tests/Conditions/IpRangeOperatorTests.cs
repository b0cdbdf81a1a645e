using System.Net;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>isInRange and isNotInRange on <c>visitor.ip</c>, with both evaluators; their validation and explanations.</summary>
public sealed class IpRangeOperatorTests
{
    private const string Ip = "visitor.ip";

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0", true)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("203.0.113.128/25", "203.0.113.127", false)]
    [InlineData("203.0.113.128/25", "203.0.113.128", true)]
    [InlineData("192.168.1.7", "192.168.1.7", true)]
    [InlineData("192.168.1.7", "192.168.1.8", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    [InlineData("2001:db8::1", "2001:DB8:0:0:0:0:0:1", true)]
    [InlineData("::/0", "10.0.0.1", true)]
    // An IPv4-mapped IPv6 address is the IPv4 address, whichever side writes it so.
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "11.1.2.3", false)]
    public void IsInRange_MatchesAddressesInTheBlock(string block, string address, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(Ip, ConditionOperator.IsInRange, ConditionValue.FromList(block), v => v.SetIpAddress(address)));
        Assert.Equal(!expected, ConditionAssert.Evaluate(Ip, ConditionOperator.IsNotInRange, ConditionValue.FromList(block), v => v.SetIpAddress(address)));
    }

    [Theory]
    [InlineData("10.1.1.1", true)]
    [InlineData("2001:db8::5", true)]
    [InlineData("172.16.0.1", false)]
    public void IsInRange_MatchesAnyBlockOfTheList(string address, bool expected)
    {
        var blocks = ConditionValue.FromList("10.0.0.0/8", "2001:db8::/32", "192.168.0.0/16");

        Assert.Equal(expected, ConditionAssert.Evaluate(Ip, ConditionOperator.IsInRange, blocks, v => v.SetIpAddress(address)));
    }

    [Theory]
    // Not set, or not an address (which leaves the field not set): neither form holds, as for every negation.
    [InlineData(null)]
    [InlineData("not an ip")]
    [InlineData("10.1.1")]
    [InlineData("010.1.1.1")]
    [InlineData("256.1.1.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    public void MissingAddress_MeetsNeitherForm_OnlyIsNotSet(string? address)
    {
        var blocks = ConditionValue.FromList("10.0.0.0/8");

        Assert.False(ConditionAssert.Evaluate(Ip, ConditionOperator.IsInRange, blocks, v => v.SetIpAddress(address)));
        Assert.False(ConditionAssert.Evaluate(Ip, ConditionOperator.IsNotInRange, blocks, v => v.SetIpAddress(address)));
        Assert.False(ConditionAssert.Evaluate(Ip, ConditionOperator.IsSet, null, v => v.SetIpAddress(address)));
        Assert.True(ConditionAssert.Evaluate(Ip, ConditionOperator.IsNotSet, null, v => v.SetIpAddress(address)));
    }

    [Fact]
    public void SetIpAddress_NotAnAddress_ClearsAnEarlierAddress()
    {
        Assert.True(ConditionAssert.Evaluate(Ip, ConditionOperator.IsNotSet, null, v =>
        {
            v.SetIpAddress("10.0.0.1");
            v.SetIpAddress("ten");
        }));
    }

    [Fact]
    public void SetIpAddress_SurroundingWhiteSpace_IsIgnored()
    {
        Assert.True(ConditionAssert.Evaluate(Ip, ConditionOperator.IsInRange, ConditionValue.FromList("10.0.0.0/8"), v => v.SetIpAddress(" 10.2.3.4\n")));
    }

    [Theory]
    [InlineData("10.2.3.4", "10.0.0.0/8", true)]
    [InlineData("::ffff:10.2.3.4", "10.0.0.0/8", true)]
    [InlineData("2001:db8::7", "2001:db8::/32", true)]
    [InlineData("2001:db8::7", "10.0.0.0/8", false)]
    public void SetIpAddress_FromAnIPAddress_ReadsAsTheText(string address, string block, bool expected)
    {
        Assert.Equal(expected, ConditionAssert.Evaluate(Ip, ConditionOperator.IsInRange, ConditionValue.FromList(block), v => v.SetIpAddress(IPAddress.Parse(address))));
    }

    [Fact]
    public void Explain_ShowsTheVisitorsAddress_AndEachVerdict()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.Any(
            new Condition(Ip, ConditionOperator.IsInRange, ConditionValue.FromList("10.0.0.0/8")),
            new Condition(Ip, ConditionOperator.IsNotInRange, ConditionValue.FromList("192.168.0.0/16"))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetIpAddress("::ffff:192.168.4.2");

        var explanation = compiled.Explain(visitor);

        Assert.Equal(
            [("$.rules.conditions", false, null), ("$.rules.conditions.any[0]", false, "192.168.4.2"), ("$.rules.conditions.any[1]", false, "192.168.4.2")],
            explanation.Outcomes.Select(o => (o.Path, o.Held, o.Actual)));
    }

    [Fact]
    public void Explain_ShowsAnIPv6Address_Compressed()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.All(new Condition(Ip, ConditionOperator.IsInRange, ConditionValue.FromList("2001:db8::/32"))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetIpAddress("2001:0DB8:0000:0000:0000:0000:0000:0001");

        Assert.Equal("2001:db8::1", compiled.Explain(visitor).Outcomes[1].Actual);
    }

    [Fact]
    public void Evaluate_AndSettingATextOrAnIPAddress_AllocateNothing()
    {
        var compiled = ConditionAssert.Compile(ConditionGroup.Any(
            new Condition(Ip, ConditionOperator.IsInRange, ConditionValue.FromList("10.0.0.0/8", "2001:db8::/32", "192.168.1.7")),
            new Condition(Ip, ConditionOperator.IsNotInRange, ConditionValue.FromList("203.0.113.0/24"))));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        var v6 = IPAddress.Parse("2001:db8::1");

        AllocationAssert.ZeroPerCall(() =>
        {
            visitor.SetIpAddress("203.0.113.9");
            var first = compiled.Evaluate(visitor);
            visitor.SetIpAddress("2001:db8:0:0:8:800:200c:417a");
            var second = compiled.Evaluate(visitor);
            visitor.SetIpAddress("::ffff:10.1.2.3");
            var third = compiled.Evaluate(visitor);
            visitor.SetIpAddress(v6);
            return first | second | third | compiled.Evaluate(visitor);
        });
    }

    [Theory]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("2001:db8::/129", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/08", "prefix length")]
    [InlineData("10.0.0/8", "is not an IPv4 address")]
    [InlineData("10.0.0.0.0", "is not an IPv4 address")]
    [InlineData("2001:db8:::/32", "is not an IPv4 address")]
    [InlineData("fe80::/10%eth0", "prefix length")]
    [InlineData("example.com", "is not an IPv4 address")]
    [InlineData("", "empty")]
    public void Validation_NotACidrBlock_IsRefused_AtTheItemsPath(string block, string message)
    {
        var problem = Single(new Condition(Ip, ConditionOperator.IsInRange, ConditionValue.FromList("10.0.0.0/8", block)));

        Assert.Equal(ConditionProblemCodes.IpRangeInvalid, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value[1]", problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.168.1.5/24", "Did you mean '192.168.1.0/24'?")]
    [InlineData("2001:db8::1/32", "Did you mean '2001:db8::/32'?")]
    [InlineData("::ffff:10.1.0.0/104", "Did you mean '::ffff:10.0.0.0/104'?")]
    public void Validation_HostBitsSet_SuggestsTheBlock(string block, string suggestion)
    {
        var problem = Single(new Condition(Ip, ConditionOperator.IsNotInRange, ConditionValue.FromList(block)));

        Assert.Equal(ConditionProblemCodes.IpRangeInvalid, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value[0]", problem.Path);
        Assert.Contains(suggestion, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_ATextInsteadOfAList_IsTheWrongType()
    {
        var problem = Single(new Condition(Ip, ConditionOperator.IsInRange, "10.0.0.0/8"));

        Assert.Equal(ConditionProblemCodes.ValueWrongType, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value", problem.Path);
    }

    [Fact]
    public void Validation_ANumberItem_IsTheWrongType_AtItsPath()
    {
        var problem = Single(new Condition(Ip, ConditionOperator.IsInRange, ConditionValue.FromList(new ConditionValue[] { "10.0.0.0/8", 10 })));

        Assert.Equal(ConditionProblemCodes.ValueWrongType, problem.Code);
        Assert.Equal("$.rules.conditions.all[0].value[1]", problem.Path);
    }

    [Fact]
    public void Validation_EmptyList_IsRefused()
    {
        var problem = Single(new Condition(Ip, ConditionOperator.IsNotInRange, ConditionValue.FromList(Array.Empty<string>())));

        Assert.Equal(ConditionProblemCodes.ValueEmpty, problem.Code);
    }

    [Theory]
    [InlineData(ConditionOperator.Is)]
    [InlineData(ConditionOperator.StartsWith)]
    [InlineData(ConditionOperator.IsOneOf)]
    public void Validation_TextOperator_IsNotAllowed_ListingTheIpOperators(ConditionOperator op)
    {
        var problem = Single(new Condition(Ip, op, ConditionValue.FromList("10.0.0.0/8")));

        Assert.Equal(ConditionProblemCodes.OperatorNotAllowed, problem.Code);
        Assert.Contains("use one of: isInRange, isNotInRange, isSet, isNotSet", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_RangeOperatorOnATextField_IsNotAllowed()
    {
        var problem = Single(new Condition("page.path", ConditionOperator.IsInRange, ConditionValue.FromList("10.0.0.0/8")));

        Assert.Equal(ConditionProblemCodes.OperatorNotAllowed, problem.Code);
    }

    [Fact]
    public void IpAddressAttribute_IsSetThroughItsSlot()
    {
        var catalog = FieldCatalog.Default.WithCustomAttribute("officeIp", FieldType.IpAddress);
        var compiler = new ConditionCompiler(new ProactiveMessaging.Model.MessageValidationOptions(), catalog);
        var compiled = compiler.Compile(ConditionGroup.All(new Condition("custom.officeIp", ConditionOperator.IsInRange, ConditionValue.FromList("198.51.100.0/24")))).Value!;
        var visitor = new VisitorContext(catalog);
        var slot = catalog.GetSlot("custom.officeIp");

        visitor.SetIpAddress(slot, "198.51.100.20");
        Assert.True(compiled.Evaluate(visitor));
        visitor.SetIpAddress(slot, IPAddress.Parse("198.51.101.20"));
        Assert.False(compiled.Evaluate(visitor));
    }

    [Fact]
    public void SetIpAddress_OnAnotherType_Throws()
    {
        var visitor = new VisitorContext(ConditionAssert.Catalog);

        Assert.Throws<ArgumentException>(() => visitor.SetIpAddress(ConditionAssert.Slot("custom.score"), "10.0.0.1"));
    }

    private static Problem Single(Condition condition)
    {
        var result = ConditionAssert.Compiler.Compile(ConditionGroup.All(condition));
        Assert.False(result.Succeeded);
        return Assert.Single(result.Problems);
    }
}
