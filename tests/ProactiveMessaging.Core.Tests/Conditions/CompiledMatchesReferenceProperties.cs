using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>On random valid trees and random visitors, the compiled evaluator agrees with the reference interpreter.</summary>
public sealed class CompiledMatchesReferenceProperties
{
    [Property(MaxTest = 3000, Arbitrary = [typeof(ConditionArbitraries)])]
    public Property Compiled_AgreesWith_Reference(ConditionCase @case)
    {
        var compiled = ConditionAssert.Compile(@case.Tree);
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        @case.Visitor.Apply(visitor);
        var fast = compiled.Evaluate(visitor);
        var reference = ConditionAssert.Compiler.CreateReference().Evaluate(@case.Tree, visitor, "$", outcomes: null);
        return (fast == reference).Label($"compiled {fast}, reference {reference}");
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(ConditionArbitraries)])]
    public bool Explanation_AgreesWith_Evaluate(ConditionCase @case)
    {
        var compiled = ConditionAssert.Compile(@case.Tree);
        var visitor = new VisitorContext(ConditionAssert.Catalog);
        @case.Visitor.Apply(visitor);
        var explanation = compiled.Explain(visitor);
        return explanation.Result == compiled.Evaluate(visitor)
            && explanation.Outcomes[0].Path == "$.rules.conditions"
            && explanation.Outcomes.Length == CountNodes(@case.Tree);
    }

    private static int CountNodes(ConditionNode node) => node is ConditionGroup group ? 1 + group.Items.Sum(CountNodes) : 1;
}
