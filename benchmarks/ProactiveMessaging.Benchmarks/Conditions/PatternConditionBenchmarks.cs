using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// One <c>matchesPattern</c> condition beside plain <see cref="Regex"/> instances of the same
/// pattern on the same inputs, so the price of safety (linear time, time-out, presence check) is visible.
/// Each operation matches all eight visitors' paths.
/// </summary>
[MemoryDiagnoser]
public partial class PatternConditionBenchmarks
{
    private const string Pattern = "^/(en|fr|de)/products/[a-z0-9-]+/reviews/?$|^/products/[0-9]+/reviews$";

    private static readonly Regex Interpreted = new(Pattern, RegexOptions.CultureInvariant);
    private static readonly Regex CompiledRegex = new(Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex NonBacktracking = new(Pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex NonBacktrackingTimeout = new(Pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(20));

    private CompiledConditions _condition = null!;
    private VisitorContext[] _visitors = null!;
    private string[] _paths = null!;

    [GlobalSetup]
    public void Setup()
    {
        _condition = ConditionCompiler.Default.Compile(ConditionGroup.All(new Condition("page.path", ConditionOperator.MatchesPattern, Pattern))).GetValueOrThrow();
        _visitors = Visitors.Contexts();
        _paths = Array.ConvertAll(_visitors, v => v.Texts[BuiltInFields.PagePath].ToString());
        var expected = RegexCompiled();
        if (ConditionEvaluate() != expected || RegexSourceGenerated() != expected || RegexNonBacktracking() != expected || RegexInterpreted() != expected || RegexNonBacktrackingWithTimeout() != expected || expected == 0)
        {
            throw new InvalidOperationException("The matchers disagree.");
        }
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex SourceGenerated();

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int RegexCompiled() => Count(CompiledRegex);

    [Benchmark(OperationsPerInvoke = 8)]
    public int RegexSourceGenerated() => Count(SourceGenerated());

    [Benchmark(OperationsPerInvoke = 8)]
    public int RegexInterpreted() => Count(Interpreted);

    [Benchmark(OperationsPerInvoke = 8)]
    public int RegexNonBacktracking() => Count(NonBacktracking);

    /// <summary>What the condition runs: linear time under a match time-out.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int RegexNonBacktrackingWithTimeout() => Count(NonBacktrackingTimeout);

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionEvaluate()
    {
        var count = 0;
        foreach (var visitor in _visitors)
        {
            if (_condition.Evaluate(visitor))
            {
                count++;
            }
        }

        return count;
    }

    private int Count(Regex regex)
    {
        var count = 0;
        foreach (var path in _paths)
        {
            if (regex.IsMatch(path))
            {
                count++;
            }
        }

        return count;
    }
}
