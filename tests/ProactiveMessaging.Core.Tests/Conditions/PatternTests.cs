using System.Text.RegularExpressions;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class PatternTests
{
    [Fact]
    public void HostilePattern_RunsInLinearTime_UnderTheConfiguredTimeOut_AndIsFalse()
    {
        // What bounds a hostile pattern is the engine (linear in the input, whatever the pattern)
        // and the time-out the regex carries; both are checked here rather than timed.
        var timeout = TimeSpan.FromSeconds(1);
        var compiler = new ConditionCompiler(new MessageValidationOptions { PatternMatchTimeout = timeout });
        var compiled = compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.MatchesPattern, "(a+)+$"))).GetValueOrThrow();
        var visitor = new VisitorContext();
        visitor.SetPageTitle(new string('a', 50_000) + "!");

        var regex = Assert.Single(compiled.Patterns);
        Assert.True(regex.Options.HasFlag(RegexOptions.NonBacktracking), $"options {regex.Options}");
        Assert.Equal(timeout, regex.MatchTimeout);
        Assert.False(compiled.Evaluate(visitor));
        Assert.Equal(0, compiled.PatternTimeouts);
    }

    [Fact]
    public void TimeOut_MakesTheConditionFalse_IsCounted_AndNeverThrows()
    {
        // The match is made to time out (a regex that always does, stored as the pattern's built
        // regex), so the outcome does not depend on how fast the machine is.
        var timeout = TimeSpan.FromMilliseconds(1);
        var text = "timeout-" + Guid.NewGuid().ToString("N");
        var timingOut = new TimingOutRegex(text, timeout);
        PatternCache.Shared.Set(text, ignoreCase: true, timeout, timingOut);
        var compiler = new ConditionCompiler(new MessageValidationOptions { PatternMatchTimeout = timeout });
        var pattern = new Condition("page.title", ConditionOperator.MatchesPattern, text);
        var compiled = compiler.Compile(ConditionGroup.All(new Condition("page.title", ConditionOperator.IsSet), pattern)).GetValueOrThrow();
        Assert.Same(timingOut, Assert.Single(compiled.Patterns));
        var visitor = new VisitorContext();
        visitor.SetPageTitle(text);

        Assert.False(compiled.Evaluate(visitor));
        Assert.Equal(1, compiled.PatternTimeouts);
        Assert.False(compiled.Evaluate(visitor));
        Assert.Equal(2, compiled.PatternTimeouts);
        Assert.False(compiled.Explain(visitor).Outcomes[2].Held);
        Assert.Equal(3, timingOut.MatchesStarted);

        // Cheap first: when a cheaper item of an "any" holds, the pattern does not even run.
        var either = compiler.Compile(ConditionGroup.Any(pattern, new Condition("page.title", ConditionOperator.IsNot, "anything"))).GetValueOrThrow();
        Assert.True(either.Evaluate(visitor));
        Assert.Equal(0, either.PatternTimeouts);
        Assert.Equal(3, timingOut.MatchesStarted);
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
