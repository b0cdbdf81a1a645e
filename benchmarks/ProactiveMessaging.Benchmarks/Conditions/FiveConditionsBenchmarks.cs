using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using RulesEngine.Models;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// One message of five realistic conditions over the same eight visitors, side by side: the
/// compiled evaluator, the reference interpreter, the same rule hand-written in C#, and
/// Microsoft's RulesEngine. Each operation evaluates all eight visitors.
/// </summary>
[MemoryDiagnoser]
public class FiveConditionsBenchmarks
{
    private const int Japan = 113; // index of "JP" in the country list, checked in Setup
    private const int France = 74;
    private const int Germany = 56;
    private const int UnitedStates = 232;

    internal static readonly ConditionGroup Rule = ConditionGroup.All(
        new Condition("page.path", ConditionOperator.StartsWith, "/checkout"),
        new Condition("page.timeOnPage", ConditionOperator.AtLeast, "PT30S"),
        new Condition("visitor.visits", ConditionOperator.AtLeast, 2),
        new Condition("device.type", ConditionOperator.IsOneOf, ConditionValue.FromList("mobile", "tablet")),
        new Condition("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("JP", "FR", "DE", "US")));

    private const string RulesEngineExpression =
        "input1.PagePath.StartsWith(\"/checkout\") AND input1.TimeOnPage >= 30 AND input1.Visits >= 2 AND " +
        "(input1.DeviceType == \"mobile\" OR input1.DeviceType == \"tablet\") AND " +
        "(input1.Country == \"JP\" OR input1.Country == \"FR\" OR input1.Country == \"DE\" OR input1.Country == \"US\")";

    private CompiledConditions _compiled = null!;
    private ReferenceInterpreter _reference = null!;
    private VisitorContext[] _visitors = null!;
    private Visitors.VisitorRecord[] _records = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compiled = ConditionCompiler.Default.Compile(Rule).GetValueOrThrow();
        _reference = new ReferenceInterpreter(FieldCatalog.Default, TimeSpan.FromMilliseconds(20));
        _visitors = Visitors.Contexts();
        _records = Visitors.Records();
        var workflow = new Workflow
        {
            WorkflowName = "proactive",
            Rules = [new Rule { RuleName = "checkout", Expression = RulesEngineExpression, RuleExpressionType = RuleExpressionType.LambdaExpression }],
        };
        _rulesEngine = new RulesEngine.RulesEngine([workflow], new ReSettings());

        if (CountryCodes.All[Japan] != "JP" || CountryCodes.All[France] != "FR" || CountryCodes.All[Germany] != "DE" || CountryCodes.All[UnitedStates] != "US")
        {
            throw new InvalidOperationException("The hand-written rule's country indexes are wrong.");
        }

        var expected = HandWritten();
        if (Compiled() != expected || Reference() != expected || RulesEngineExecuteAllRules().GetAwaiter().GetResult() != expected || expected == 0)
        {
            throw new InvalidOperationException("The evaluators disagree.");
        }
    }

    /// <summary>
    /// The rule as a developer would write it against the same visitor context: a method the
    /// runtime calls once per message and visitor, like <see cref="CompiledConditions.Evaluate"/>
    /// (not inlined into the benchmark loop, which no rule engine could do either).
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int HandWritten()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            if (HandWrittenRule(visitor))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The same hand-written rule, inlined into the loop by the JIT: the floor, for reference.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int HandWrittenInlined()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            if (HandWrittenRuleInlined(visitor))
            {
                count++;
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool HandWrittenRule(VisitorContext v) => HandWrittenRuleInlined(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HandWrittenRuleInlined(VisitorContext v) =>
        v.Present[BuiltInFields.PagePath] && v.Texts[BuiltInFields.PagePath].Span.StartsWith("/checkout", StringComparison.Ordinal)
        && v.Present[BuiltInFields.TimeOnPage] && v.Numbers[BuiltInFields.TimeOnPage] >= 30
        && v.Present[BuiltInFields.Visits] && v.Numbers[BuiltInFields.Visits] >= 2
        && v.Present[BuiltInFields.DeviceType] && v.Codes[BuiltInFields.DeviceType] is (int)DeviceType.Mobile or (int)DeviceType.Tablet
        && v.Present[BuiltInFields.Country] && v.Codes[BuiltInFields.Country] is Japan or France or Germany or UnitedStates;

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
    public int Reference()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            if (_reference.Evaluate(Rule, visitor, "$", outcomes: null))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public async Task<int> RulesEngineExecuteAllRules()
    {
        var count = 0;
        foreach (var record in _records)
        {
            var results = await _rulesEngine.ExecuteAllRulesAsync("proactive", record);
            if (results[0].IsSuccess)
            {
                count++;
            }
        }

        return count;
    }
}
