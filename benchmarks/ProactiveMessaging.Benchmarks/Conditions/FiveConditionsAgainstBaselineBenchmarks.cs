#if BASELINE
extern alias baseline;

using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using Before = baseline::ProactiveMessaging.Conditions;
using BeforeInternal = baseline::ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// The five-condition rule of <see cref="FiveConditionsBenchmarks"/> compiled by this tree's
/// library and by an earlier build of it (scripts/bench-baseline.sh), over the same eight visitors
/// in one run: what the operators added since then cost a rule that uses none of them.
/// </summary>
[MemoryDiagnoser]
public class FiveConditionsAgainstBaselineBenchmarks
{
    private CompiledConditions _compiled = null!;
    private ReferenceInterpreter _reference = null!;
    private VisitorContext[] _visitors = null!;
    private Before.CompiledConditions _compiledBefore = null!;
    private BeforeInternal.ReferenceInterpreter _referenceBefore = null!;
    private Before.ConditionGroup _ruleBefore = null!;
    private Before.VisitorContext[] _visitorsBefore = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compiled = ConditionCompiler.Default.Compile(FiveConditionsBenchmarks.Rule).GetValueOrThrow();
        _reference = new ReferenceInterpreter(FieldCatalog.Default, TimeSpan.FromMilliseconds(20));
        _visitors = Visitors.Contexts();

        _ruleBefore = Before.ConditionGroup.All(
            new Before.Condition("page.path", Before.ConditionOperator.StartsWith, "/checkout"),
            new Before.Condition("page.timeOnPage", Before.ConditionOperator.AtLeast, "PT30S"),
            new Before.Condition("visitor.visits", Before.ConditionOperator.AtLeast, 2),
            new Before.Condition("device.type", Before.ConditionOperator.IsOneOf, Before.ConditionValue.FromList("mobile", "tablet")),
            new Before.Condition("visitor.country", Before.ConditionOperator.IsOneOf, Before.ConditionValue.FromList("JP", "FR", "DE", "US")));
        _compiledBefore = Before.ConditionCompiler.Default.Compile(_ruleBefore).GetValueOrThrow();
        _referenceBefore = new BeforeInternal.ReferenceInterpreter(Before.FieldCatalog.Default, TimeSpan.FromMilliseconds(20));
        _visitorsBefore = new Before.VisitorContext[Visitors.Count];
        for (var i = 0; i < Visitors.Count; i++)
        {
            // The fields the rule reads, with the values Visitors.Contexts gives them.
            var visitor = new Before.VisitorContext();
            visitor.SetPageUrl("https://shop.example.com" + Visitors.Paths[i]);
            visitor.SetTimeOnPage(Duration.FromSeconds(Visitors.Seconds[i]));
            visitor.SetVisits(Visitors.VisitCounts[i]);
            visitor.SetDeviceType((Before.DeviceType)(int)Visitors.Devices[i]);
            visitor.SetCountry(Visitors.Countries[i]);
            _visitorsBefore[i] = visitor;
        }

        var expected = Compiled();
        if (expected == 0 || Reference() != expected || CompiledBefore() != expected || ReferenceBefore() != expected)
        {
            throw new InvalidOperationException("The two builds disagree.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int CompiledBefore()
    {
        var count = 0;
        foreach (var visitor in _visitorsBefore)
        {
            if (_compiledBefore.Evaluate(visitor))
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
            if (_compiled.Evaluate(visitor))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ReferenceBefore()
    {
        var count = 0;
        foreach (var visitor in _visitorsBefore)
        {
            if (_referenceBefore.Evaluate(_ruleBefore, visitor, "$", outcomes: null))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int Reference()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            if (_reference.Evaluate(FiveConditionsBenchmarks.Rule, visitor, "$", outcomes: null))
            {
                count++;
            }
        }

        return count;
    }
}
#endif
