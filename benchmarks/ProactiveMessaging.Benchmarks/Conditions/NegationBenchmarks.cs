using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// The negated operators, a <c>none</c> group and numbers in a list, compiled, beside the same rule
/// written by hand: "not an account or PDF page, country not US or CA, not (mobile and under 30 s),
/// and visits not 1 or 2". Each operation evaluates all eight visitors.
/// </summary>
[MemoryDiagnoser]
public class NegationBenchmarks
{
    private static readonly string[] Excluded = ["US", "CA"];

    private CompiledConditions _conditions = null!;
    private VisitorContext[] _visitors = null!;
    private (string Path, string Country, bool Mobile, double Seconds, double Visits)[] _records = null!;

    [GlobalSetup]
    public void Setup()
    {
        _conditions = ConditionCompiler.Default.Compile(ConditionGroup.All(
            new Condition("page.path", ConditionOperator.DoesNotStartWith, "/account"),
            new Condition("page.path", ConditionOperator.DoesNotEndWith, ".pdf"),
            new Condition("visitor.country", ConditionOperator.IsNotOneOf, ConditionValue.FromList(Excluded)),
            new Condition("visitor.visits", ConditionOperator.IsNotOneOf, ConditionValue.FromList([1, 2])),
            ConditionGroup.None(
                new Condition("device.type", ConditionOperator.Is, "mobile"),
                new Condition("page.timeOnPage", ConditionOperator.LessThan, 30)))).GetValueOrThrow();
        _visitors = Visitors.Contexts();
        _records = Array.ConvertAll(_visitors, v => (
            v.Texts[BuiltInFields.PagePath].ToString(),
            v.Catalog.Fields.First(f => f.Name == "visitor.country").AllowedValues[v.Codes[BuiltInFields.Country]],
            v.Codes[BuiltInFields.DeviceType] == (int)DeviceType.Mobile,
            v.Numbers[BuiltInFields.TimeOnPage],
            v.Numbers[BuiltInFields.Visits]));
        var expected = HandWritten();
        if (Compiled() != expected)
        {
            throw new InvalidOperationException("The compiled conditions and the hand-written check disagree.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int HandWritten()
    {
        var count = 0;
        foreach (var (path, country, mobile, seconds, visits) in _records)
        {
            if (!path.StartsWith("/account", StringComparison.Ordinal)
                && !path.EndsWith(".pdf", StringComparison.Ordinal)
                && country is not ("US" or "CA")
                && visits is not (1 or 2)
                && !(mobile || seconds < 30))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int Compiled()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            if (_conditions.Evaluate(visitor))
            {
                count++;
            }
        }

        return count;
    }
}
