using System.Net;
using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// IP range conditions on <c>visitor.ip</c> beside a hand-written check of the same rule ("not in the
/// office's blocks") over addresses parsed in advance, on eight visitors of both families (inside and
/// outside the blocks, IPv4-mapped IPv6). Each operation evaluates all eight.
/// </summary>
[MemoryDiagnoser]
public class IpRangeConditionBenchmarks
{
    private static readonly string[] Addresses =
        ["203.0.113.9", "198.51.100.7", "10.1.2.3", "2001:db8:42::1", "2001:db8:43::1", "::ffff:203.0.113.200", "192.0.2.1", "8.8.8.8"];

    private static readonly string[] OfficeBlocks = ["203.0.113.0/24", "198.51.100.7", "2001:db8:42::/48"];

    private (UInt128 Address, bool IsV4)[] _parsed = null!;
    private VisitorContext[] _visitors = null!;
    private IPAddress[] _ipAddresses = null!;
    private CompiledConditions _notInRange = null!;
    private CompiledConditions _inRange = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ipAddresses = Array.ConvertAll(Addresses, IPAddress.Parse);
        _parsed = Array.ConvertAll(_ipAddresses, HandParse);
        _visitors = Array.ConvertAll(Addresses, address =>
        {
            var visitor = new VisitorContext();
            visitor.SetIpAddress(address);
            return visitor;
        });
        _notInRange = Compile(new Condition("visitor.ip", ConditionOperator.IsNotInRange, ConditionValue.FromList(OfficeBlocks)));
        _inRange = Compile(new Condition("visitor.ip", ConditionOperator.IsInRange, ConditionValue.FromList(OfficeBlocks)));
        if (HandWritten() != ConditionIsNotInRange() || ConditionIsNotInRange() + ConditionIsInRange() != 8 || HandWritten() != 4)
        {
            throw new InvalidOperationException("The checks disagree.");
        }
    }

    /// <summary>What a host would write for blocks it knows in advance: masks over addresses it parsed itself.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int HandWritten()
    {
        var count = 0;
        foreach (var (address, isV4) in _parsed)
        {
            var inOffice = isV4
                ? (address & ((UInt128)0xFFFFFF00u)) == 0xCB007100u || address == 0xC6336407u
                : (address >> 80) == ((UInt128)0x20010DB8u << 16 | 0x42u);
            if (!inOffice)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionIsNotInRange() => Count(_notInRange);

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionIsInRange() => Count(_inRange);

    /// <summary>The per-event work of the text setter (reading the address) and one evaluation.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int SetTextAndConditionIsNotInRange()
    {
        var count = 0;
        for (var i = 0; i < _visitors.Length; i++)
        {
            _visitors[i].SetIpAddress(Addresses[i]);
            if (_notInRange.Evaluate(_visitors[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The per-event work of the <see cref="IPAddress"/> setter and one evaluation.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int SetAddressAndConditionIsNotInRange()
    {
        var count = 0;
        for (var i = 0; i < _visitors.Length; i++)
        {
            _visitors[i].SetIpAddress(_ipAddresses[i]);
            if (_notInRange.Evaluate(_visitors[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static CompiledConditions Compile(params Condition[] conditions) =>
        ConditionCompiler.Default.Compile(ConditionGroup.All(conditions)).GetValueOrThrow();

    private static (UInt128, bool) HandParse(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var value = UInt128.Zero;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return (value, bytes.Length == 4);
    }

    private int Count(CompiledConditions conditions) => Visitors.CountMet(conditions, _visitors);
}
