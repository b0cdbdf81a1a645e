using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// 100 messages of mixed conditions (1 to 5 each, some nested, a few patterns) evaluated for
/// each of eight visitors, as a runtime does for every candidate of a channel. One operation is
/// one visitor against all 100 messages.
/// </summary>
[MemoryDiagnoser]
public class HundredMessagesBenchmarks
{
    private static readonly Condition[] Pool =
    [
        new("page.path", ConditionOperator.StartsWith, "/checkout"),
        new("page.path", ConditionOperator.MatchesWildcard, "/products/*/reviews"),
        new("page.url", ConditionOperator.Contains, "utm_source=newsletter"),
        new("page.title", ConditionOperator.ContainsOneOf, ConditionValue.FromList("checkout", "sale")),
        new("page.timeOnPage", ConditionOperator.AtLeast, 30),
        new("visitor.visits", ConditionOperator.AtLeast, 3),
        new("visit.pageViews", ConditionOperator.Between, ConditionValue.FromRange(2, 5)),
        new("device.type", ConditionOperator.Is, "mobile"),
        new("visitor.country", ConditionOperator.IsOneOf, ConditionValue.FromList("JP", "FR", "DE", "US", "GB")),
        new("visitor.language", ConditionOperator.Is, "en"),
        new("visitor.isReturning", ConditionOperator.IsTrue),
        new("visitor.localTime", ConditionOperator.Between, ConditionValue.FromRange("09:00", "18:00")),
        new("visitor.localDayOfWeek", ConditionOperator.IsOneOf, ConditionValue.FromList("monday", "tuesday", "wednesday", "thursday", "friday")),
        new("page.query.utm_source", ConditionOperator.Is, "newsletter"),
        new("device.os", ConditionOperator.Is, "iOS"),
        new("visitor.isIdentified", ConditionOperator.IsFalse),
    ];

    private static readonly Condition PatternCondition = new("page.path", ConditionOperator.MatchesPattern, "^/(en|fr)/products/[a-z0-9-]+/reviews$");

    private CompiledConditions[] _compiled = null!;
    private ConditionGroup[] _rules = null!;
    private ReferenceInterpreter _reference = null!;
    private VisitorContext[] _visitors = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261125);
        _rules = new ConditionGroup[100];
        for (var m = 0; m < _rules.Length; m++)
        {
            var count = random.Next(1, 6);
            var items = new List<ConditionNode>();
            for (var c = 0; c < count; c++)
            {
                items.Add(m % 20 == 7 && c == 0 ? PatternCondition : Pool[random.Next(Pool.Length)]);
            }

            if (count >= 3 && random.Next(3) == 0)
            {
                var nested = ConditionGroup.Any(items[^1], items[^2]);
                items.RemoveRange(items.Count - 2, 2);
                items.Add(nested);
            }

            _rules[m] = new ConditionGroup(random.Next(4) == 0 ? GroupOperator.Any : GroupOperator.All, items);
        }

        _compiled = Array.ConvertAll(_rules, r => ConditionCompiler.Default.Compile(r).GetValueOrThrow());
        _reference = new ReferenceInterpreter(FieldCatalog.Default, TimeSpan.FromMilliseconds(20));
        _visitors = Visitors.Contexts();
        if (Compiled() != Reference())
        {
            throw new InvalidOperationException("The evaluators disagree.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int Compiled()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            foreach (var message in _compiled)
            {
                if (message.Evaluate(visitor))
                {
                    count++;
                }
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
            foreach (var rule in _rules)
            {
                if (_reference.Evaluate(rule, visitor, "$", outcomes: null))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
