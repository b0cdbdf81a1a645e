using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// Date conditions on an instant and a date custom attribute beside a hand-written check of the same
/// rule ("signed up within the last 7 days, last order more than 30 days ago") over the same values,
/// on eight visitors. Each operation evaluates all eight.
/// </summary>
[MemoryDiagnoser]
public class DateConditionBenchmarks
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 15, 0);

    private static readonly FieldCatalog Fields = FieldCatalog.Default
        .WithCustomAttribute("signedUpAt", FieldType.Instant)
        .WithCustomAttribute("lastOrderOn", FieldType.Date);

    private static readonly (Instant SignedUp, LocalDate LastOrder)[] Values =
    [
        (Now - Duration.FromDays(1), new LocalDate(2026, 1, 2)),
        (Now - Duration.FromDays(3), new LocalDate(2026, 3, 1)),
        (Now - Duration.FromDays(10), new LocalDate(2025, 12, 1)),
        (Now - Duration.FromHours(2), new LocalDate(2026, 2, 7)),
        (Now - Duration.FromDays(40), new LocalDate(2025, 6, 30)),
        (Now - Duration.FromDays(6), new LocalDate(2026, 2, 8)),
        (Now - Duration.FromMinutes(5), new LocalDate(2024, 11, 11)),
        (Now - Duration.FromDays(8), new LocalDate(2026, 3, 9)),
    ];

    private VisitorContext[] _visitors = null!;
    private CompiledConditions _relative = null!;
    private CompiledConditions _absolute = null!;

    [GlobalSetup]
    public void Setup()
    {
        _visitors = Array.ConvertAll(Values, value =>
        {
            var visitor = new VisitorContext(Fields);
            visitor.SetLocalTime(Now, null);
            visitor.SetInstant(Fields.GetSlot("custom.signedUpAt"), value.SignedUp);
            visitor.SetDate(Fields.GetSlot("custom.lastOrderOn"), value.LastOrder);
            return visitor;
        });
        _relative = Compile(
            new Condition("custom.signedUpAt", ConditionOperator.WithinLast, "P7D"),
            new Condition("custom.lastOrderOn", ConditionOperator.MoreThanAgo, "P30D"));
        _absolute = Compile(
            new Condition("custom.signedUpAt", ConditionOperator.After, "2026-03-03T15:00:00Z"),
            new Condition("custom.lastOrderOn", ConditionOperator.Before, "2026-02-08"));
        if (HandWritten() != ConditionRelative() || HandWritten() != 3)
        {
            throw new InvalidOperationException("The checks disagree.");
        }
    }

    /// <summary>What a host would write for a rule it knows in advance, with NodaTime values it holds.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int HandWritten()
    {
        var count = 0;
        var weekAgo = Now - Duration.FromDays(7);
        var cutoff = Now.InUtc().Date.PlusDays(-30);
        foreach (var (signedUp, lastOrder) in Values)
        {
            if (signedUp >= weekAgo && signedUp <= Now && lastOrder < cutoff)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionRelative() => Count(_relative);

    /// <summary>The same kind of rule with fixed bounds: root interval checks.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionAbsolute() => Count(_absolute);

    private static CompiledConditions Compile(params Condition[] conditions) =>
        new ConditionCompiler(new ProactiveMessaging.Model.MessageValidationOptions(), Fields).Compile(ConditionGroup.All(conditions)).GetValueOrThrow();

    private int Count(CompiledConditions conditions) => Visitors.CountMet(conditions, _visitors);
}
