using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;
using static ProactiveMessaging.Conditions.ConditionGroup;
using static ProactiveMessaging.Tests.Model.SampleDefinitions;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class ConditionTreeShapeTests
{
    private static readonly Condition C = PageStartsWith();

    private static ValidationResult<MessageDefinition> Validate(ConditionGroup root, MessageValidator? validator = null) =>
        (validator ?? MessageValidator.Default).Validate(WithConditions(root));

    private static MessageValidator Limits(int maxDepth = ConditionDefaults.MaxConditionDepth, int maxConditions = ConditionDefaults.MaxConditions) =>
        new(new MessageValidationOptions { MaxConditionDepth = maxDepth, MaxConditions = maxConditions });

    // --- Empty groups

    [Fact]
    public void Validate_EmptyRootGroup_ReportsGroupEmptyAtConditions()
    {
        var result = Validate(All());

        Assert.False(result.Succeeded);
        ProblemAssert.Single(result.Problems, ConditionProblemCodes.GroupEmpty, ProblemKind.Malformed, "$.rules.conditions");
    }

    [Fact]
    public void Validate_EmptyRootAnyGroup_ReportsGroupEmpty() =>
        ProblemAssert.Single(Validate(Any()).Problems, ConditionProblemCodes.GroupEmpty, ProblemKind.Malformed, "$.rules.conditions");

    [Fact]
    public void Validate_EmptyNestedGroup_ReportsGroupEmptyAtTheNestedPath()
    {
        var result = Validate(Any(C, All(All(), C), C));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.GroupEmpty, ProblemKind.Malformed, "$.rules.conditions.any[1].all[0]");
    }

    // --- Two or fewer conditions cannot nest

    [Fact]
    public void Validate_OneOrTwoFlatConditions_Succeed()
    {
        Assert.Empty(Validate(All(C)).Problems);
        Assert.Empty(Validate(Any(C, C)).Problems);
    }

    [Fact]
    public void Validate_TwoConditionsWithANestedGroup_ReportsNestingAtTheNestedGroup()
    {
        var result = Validate(All(C, Any(C)));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.NestingNotAllowed, ProblemKind.Malformed, "$.rules.conditions.all[1]");
    }

    [Fact]
    public void Validate_OneConditionInANestedGroup_ReportsNestingAtTheNestedGroup()
    {
        var result = Validate(Any(All(C)));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.NestingNotAllowed, ProblemKind.Malformed, "$.rules.conditions.any[0]");
    }

    [Fact]
    public void Validate_TwoConditionsInTwoNestedGroups_ReportsEachNestedGroup()
    {
        var result = Validate(All(Any(C), Any(C)));

        Assert.Equal(2, result.Problems.Length);
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.NestingNotAllowed, "$.rules.conditions.all[0]");
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.NestingNotAllowed, "$.rules.conditions.all[1]");
    }

    [Fact]
    public void Validate_TwoConditionsNestedTwice_ReportsEveryNestedGroup()
    {
        var result = Validate(All(C, Any(All(C))));

        Assert.Equal(
            ["$.rules.conditions.all[1]", "$.rules.conditions.all[1].any[0]"],
            result.Problems.Select(p => p.Path));
        Assert.All(result.Problems, p => Assert.Equal(ConditionProblemCodes.NestingNotAllowed, p.Code));
    }

    [Fact]
    public void Validate_ThreeConditionsWithANestedGroup_Succeeds()
    {
        Assert.Empty(Validate(All(C, Any(C, C))).Problems);
        Assert.Empty(Validate(Any(All(C), All(C), All(C))).Problems);
    }

    // --- Depth

    [Fact]
    public void Validate_NestingAtTheDefaultDepth_Succeeds() =>
        Assert.Empty(Validate(All(C, Any(C, All(C, C)))).Problems);

    [Fact]
    public void Validate_NestingPastTheDefaultDepth_ReportsTooDeepAtTheFirstGroupPastIt()
    {
        var result = Validate(All(C, Any(C, All(C, Any(C, C)))));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.TooDeep, ProblemKind.Malformed, "$.rules.conditions.all[1].any[1].all[1]");
    }

    [Fact]
    public void Validate_NestingPastTheDepthFromOptions_ReportsTooDeep()
    {
        var validator = Limits(maxDepth: 2);

        Assert.Empty(Validate(Any(C, C, All(C, C)), validator).Problems);
        ProblemAssert.Single(Validate(Any(C, C, All(C, Any(C))), validator).Problems, ConditionProblemCodes.TooDeep, ProblemKind.Malformed, "$.rules.conditions.any[2].all[1]");
    }

    [Fact]
    public void Validate_DepthOneFromOptions_RefusesAnyNesting()
    {
        var result = Validate(All(C, C, Any(C)), Limits(maxDepth: 1));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.TooDeep, ProblemKind.Malformed, "$.rules.conditions.all[2]");
    }

    [Fact]
    public void Validate_VeryDeepTree_ReportsOneTooDeepProblem()
    {
        ConditionGroup group = All(C, C);
        for (var i = 0; i < 200; i++)
        {
            group = i % 2 == 0 ? Any(C, group) : All(C, group);
        }

        var result = Validate(group, Limits(maxConditions: 1000));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ConditionProblemCodes.TooDeep, problem.Code);
    }

    // --- Count

    [Fact]
    public void Validate_ConditionsAtTheDefaultCount_Succeed() =>
        Assert.Empty(Validate(All(Enumerable.Repeat<ConditionNode>(C, ConditionDefaults.MaxConditions))).Problems);

    [Fact]
    public void Validate_ConditionsOverTheDefaultCount_ReportsTooManyAtConditions()
    {
        var result = Validate(All(Enumerable.Repeat<ConditionNode>(C, ConditionDefaults.MaxConditions + 1)));

        ProblemAssert.Single(result.Problems, ConditionProblemCodes.TooMany, ProblemKind.Malformed, "$.rules.conditions");
    }

    [Fact]
    public void Validate_ConditionCount_IncludesNestedGroups()
    {
        var validator = Limits(maxConditions: 4);

        Assert.Empty(Validate(All(C, Any(C, C), C), validator).Problems);
        ProblemAssert.Single(Validate(All(C, Any(C, All(C, C)), C), validator).Problems, ConditionProblemCodes.TooMany, ProblemKind.Malformed, "$.rules.conditions");
    }

    // --- Every problem at once

    [Fact]
    public void Validate_SeveralShapeProblems_ReportsEveryOne()
    {
        var validator = Limits(maxDepth: 2, maxConditions: 3);

        var result = Validate(Any(C, All(), All(C, All(C, C))), validator);

        Assert.Equal(3, result.Problems.Length);
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.TooMany, "$.rules.conditions");
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.GroupEmpty, "$.rules.conditions.any[1]");
        ProblemAssert.Contains(result.Problems, ConditionProblemCodes.TooDeep, "$.rules.conditions.any[2].all[1]");
    }
}
