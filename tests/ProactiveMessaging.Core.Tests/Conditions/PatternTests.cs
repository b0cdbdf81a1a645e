using System.Diagnostics;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class PatternTests
{
    [Fact]
    public void HostilePattern_ReturnsWithinTheBound_AndIsFalse()
    {
        var timeout = TimeSpan.FromSeconds(1);
        var compiler = new ConditionCompiler(new MessageValidationOptions { PatternMatchTimeout = timeout });
        var compiled = compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.MatchesPattern, "(a+)+$"))).GetValueOrThrow();
        var visitor = new VisitorContext();
        visitor.SetPageTitle(new string('a', 50_000) + "!");

        var watch = Stopwatch.StartNew();
        var result = compiled.Evaluate(visitor);
        watch.Stop();

        Assert.False(result);
        Assert.True(watch.Elapsed < timeout + TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void TimeOut_MakesTheConditionFalse_IsCounted_AndNeverThrows()
    {
        var compiler = new ConditionCompiler(new MessageValidationOptions { PatternMatchTimeout = TimeSpan.FromMilliseconds(1) });
        var pattern = new Condition("page.title", ConditionOperator.MatchesPattern, "[ab]*a[ab]{20}c");
        var compiled = compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.IsSet), pattern)).GetValueOrThrow();
        var visitor = new VisitorContext();

        // A pattern whose automaton is too large to cache (the engine falls back to its slower
        // simulation) on an input long enough that the match takes far more than 1 ms.
        var random = new Random(42);
        visitor.SetPageTitle(new string(Enumerable.Range(0, 2_000_000).Select(_ => random.Next(2) == 0 ? 'a' : 'b').ToArray()));

        Assert.False(compiled.Evaluate(visitor));
        Assert.Equal(1, compiled.PatternTimeouts);
        Assert.False(compiled.Evaluate(visitor));
        Assert.Equal(2, compiled.PatternTimeouts);
        Assert.False(compiled.Explain(visitor).Outcomes[2].Held);

        // Cheap first: when a cheaper item of an "any" holds, the pattern does not even run.
        var either = compiler.Compile(ConditionGroup.Any(pattern, new Condition("page.title", ConditionOperator.IsNot, "anything"))).GetValueOrThrow();
        Assert.True(either.Evaluate(visitor));
        Assert.Equal(0, either.PatternTimeouts);
    }

    [Fact]
    public void Pattern_IsCompiledOnce_NotPerEvent()
    {
        var compiled = ConditionAssert.Compile(new Condition("page.path", ConditionOperator.MatchesPattern, "^/p/[0-9]+$"));
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        visitor.SetPageUrl("/p/42");
        Assert.True(compiled.Evaluate(visitor));
        AllocationAssert.ZeroPerCall(() => compiled.Evaluate(visitor));
    }
}
