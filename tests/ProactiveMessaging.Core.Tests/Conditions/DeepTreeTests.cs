using System.Runtime.ExceptionServices;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using static ProactiveMessaging.Tests.Model.SampleDefinitions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// Trees built in code, nested far deeper than JSON allows or shared so that their written size is
/// exponential: every entry point that takes a tree answers (a problem or a result) without
/// overflowing the call stack. A stack overflow would end the test process, so each test runs on a
/// thread with an ordinary 1 MiB stack, whatever the runner's threads have.
/// </summary>
public sealed class DeepTreeTests
{
    private const string Root = "$.rules.conditions";

    private static readonly Condition C = PageStartsWith();

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Validate_TreeNestedVeryDeep_ReportsTooDeepAtTheFirstGroupPastTheLimit(int depth) => OnOneMegabyteStack(() =>
    {
        var result = MessageValidator.Default.Validate(WithConditions(Nest(depth, ConditionGroup.All(C, C, C))));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.TooDeep, ProblemKind.Malformed, Root + ".all[0].all[0].all[0]");
    });

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Compile_TreeNestedVeryDeep_ReportsTooDeep(int depth) => OnOneMegabyteStack(() =>
    {
        var result = ConditionCompiler.Default.Compile(Nest(depth, ConditionGroup.All(C, C, C)));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.TooDeep, ProblemKind.Malformed, Root + ".all[0].all[0].all[0]");
    });

    [Fact]
    public void Validate_OneConditionNestedVeryDeep_ReportsNestingThenTooDeep_NotOneProblemPerLevel() => OnOneMegabyteStack(() =>
    {
        var result = MessageValidator.Default.Validate(WithConditions(Nest(100_000, ConditionGroup.All(C))));

        Assert.Equal(
            [
                (ConditionProblemCodes.NestingNotAllowed, Root + ".all[0]"),
                (ConditionProblemCodes.NestingNotAllowed, Root + ".all[0].all[0]"),
                (ConditionProblemCodes.TooDeep, Root + ".all[0].all[0].all[0]"),
            ],
            result.Problems.Select(problem => (problem.Code, problem.Path)));
    });

    [Fact]
    public void Validate_TooDeepFarDown_NamesAShortenedPath() => OnOneMegabyteStack(() =>
    {
        var validator = new MessageValidator(new MessageValidationOptions { MaxConditionDepth = 50_000 });

        var problem = Assert.Single(validator.Validate(WithConditions(Nest(100_000, ConditionGroup.All(C, C, C)))).Problems);

        // 50,000 item segments: the first and last 16 are kept around the number left out.
        var sixteen = string.Concat(Enumerable.Repeat(".all[0]", 16));
        Assert.Equal(ConditionProblemCodes.TooDeep, problem.Code);
        Assert.Equal(Root + sixteen + "…(49968 levels)…" + sixteen, problem.Path);
    });

    [Fact]
    public void CompileEvaluateAndExplain_TreeNestedVeryDeepWithinTheOptions_Work() => OnOneMegabyteStack(() =>
    {
        var compiler = new ConditionCompiler(new MessageValidationOptions { MaxConditionDepth = int.MaxValue });
        var compiled = compiler.Compile(Nest(100_000, ConditionGroup.Any(C, new Condition("page.path", ConditionOperator.Is, "/pricing"), C))).GetValueOrThrow();
        var visitor = new VisitorContext();
        visitor.SetPageUrl("/pricing");

        Assert.True(compiled.Evaluate(visitor));
        var explanation = compiled.Explain(visitor);
        Assert.True(explanation.Result);
        Assert.Equal(100_000 + 3, explanation.Outcomes.Length);
        Assert.Contains(" levels)…", explanation.Outcomes[^2].Path, StringComparison.Ordinal);
        Assert.EndsWith(".all[0].all[0].any[1]", explanation.Outcomes[^2].Path, StringComparison.Ordinal);
        Assert.True(explanation.Outcomes[^2].Held);
        Assert.All(explanation.Outcomes, outcome => Assert.True(outcome.Path.Length < 1_000));
    });

    [Fact]
    public void EqualityHashAndToString_OfTreesNestedAMillionDeep_Work() => OnOneMegabyteStack(() =>
    {
        var left = Nest(1_000_000, ConditionGroup.All(C, C));
        var same = Nest(1_000_000, ConditionGroup.All(C, C));
        var different = Nest(1_000_000, ConditionGroup.All(C, PageStartsWith("/other")));

        Assert.True(left.Equals(same));
        Assert.False(left.Equals(different));
        Assert.Equal(left.GetHashCode(), same.GetHashCode());
        Assert.Equal(WithConditions(left).Rules, WithConditions(same).Rules);
        Assert.Equal(WithConditions(left).Rules.GetHashCode(), WithConditions(same).Rules.GetHashCode());
        Assert.NotEmpty(left.ToString());
    });

    [Fact]
    public void ConditionValue_NestedAMillionDeep_ComparesHashesPrintsAndIsRefusedWithAShortMessage() => OnOneMegabyteStack(() =>
    {
        var left = NestList(1_000_000);
        var same = NestList(1_000_000);

        Assert.Equal(left, same);
        Assert.Equal(left.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(left, NestList(999_999));
        Assert.StartsWith("[[[", left.ToString(), StringComparison.Ordinal);

        // Problem messages quote a value only up to a bounded length.
        var atLeast = Assert.Single(ConditionCompiler.Default.Compile(ConditionGroup.All(new Condition("page.timeOnPage", ConditionOperator.AtLeast, left))).Problems);
        var between = Assert.Single(ConditionCompiler.Default.Compile(ConditionGroup.All(new Condition("page.timeOnPage", ConditionOperator.Between, ConditionValue.FromRange(left, 5)))).Problems);
        Assert.All([atLeast, between], problem => Assert.True(problem.Message.Length < 300, problem.Message));
    });

    [Fact]
    public void Trees_SharingGroupsExponentially_AreCountedComparedAndRefusedQuickly() => OnOneMegabyteStack(() =>
    {
        // Sixty levels of a group holding the one below twice: 2^60 conditions as written.
        ConditionGroup Doubled()
        {
            var group = ConditionGroup.All(C, C);
            for (var i = 0; i < 60; i++)
            {
                group = ConditionGroup.Any(group, group);
            }

            return group;
        }

        var tree = Doubled();
        var validator = new MessageValidator(new MessageValidationOptions { MaxConditionDepth = 100 });

        var problem = Assert.Single(validator.Validate(WithConditions(tree)).Problems);
        Assert.Equal((ConditionProblemCodes.TooMany, Root), (problem.Code, problem.Path));
        Assert.True(tree.Equals(Doubled()));
        Assert.Equal(tree.GetHashCode(), Doubled().GetHashCode());
        Assert.Equal(ConditionProblemCodes.TooDeep, ConditionCompiler.Default.Compile(tree).Problems[^1].Code);
    });

    [Fact]
    public void Group_WithANullItem_IsRefusedAtConstruction()
    {
        Assert.Throws<ArgumentException>(() => ConditionGroup.All(C, null!));
        Assert.Throws<ArgumentException>(() => ConditionValue.FromList([ConditionValue.FromText("a"), null!]));
    }

    /// <summary>Wraps <paramref name="innermost"/> in <paramref name="depth"/> - 1 single-item <c>all</c> groups.</summary>
    private static ConditionGroup Nest(int depth, ConditionGroup innermost)
    {
        var group = innermost;
        for (var i = 1; i < depth; i++)
        {
            group = ConditionGroup.All(group);
        }

        return group;
    }

    private static ConditionValue NestList(int depth)
    {
        var value = ConditionValue.FromText("x");
        for (var i = 0; i < depth; i++)
        {
            value = ConditionValue.FromList([value]);
        }

        return value;
    }

    /// <summary>Runs <paramref name="test"/> on a new thread with a 1 MiB stack and rethrows what it throws.</summary>
    private static void OnOneMegabyteStack(Action test)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    test();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        failure?.Throw();
    }
}
