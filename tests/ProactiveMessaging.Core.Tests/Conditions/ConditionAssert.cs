using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>Evaluates conditions with both evaluators and checks that they agree.</summary>
internal static class ConditionAssert
{
    public static readonly FieldCatalog Catalog = FieldCatalog.Default
        .WithCustomAttribute("plan", FieldType.Enum, ["free", "pro", "enterprise"])
        .WithCustomAttribute("segments", FieldType.List)
        .WithCustomAttribute("score", FieldType.Number)
        .WithCustomAttribute("nickname", FieldType.Text, ignoreCase: false)
        .WithCustomAttribute("trial", FieldType.Duration)
        .WithCustomAttribute("vip", FieldType.Boolean)
        .WithCustomAttribute("opensAt", FieldType.TimeOfDay)
        .WithCustomAttribute("minimumApp", FieldType.Version)
        .WithCustomAttribute("signedUpAt", FieldType.Instant)
        .WithCustomAttribute("lastOrder", FieldType.Date)
        .WithEvent("addedToCart");

    // A generous time-out: these tests check results, not time-outs, on a machine that may be busy.
    public static readonly ConditionCompiler Compiler = new(new ProactiveMessaging.Model.MessageValidationOptions { PatternMatchTimeout = TimeSpan.FromSeconds(5) }, Catalog);

    public static CompiledConditions Compile(ConditionNode node)
    {
        var group = node as ConditionGroup ?? ConditionGroup.All(node);
        var result = Compiler.Compile(group);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Value;
    }

    /// <summary>Compiles, evaluates with the compiled form and the reference interpreter, asserts they agree and returns the result.</summary>
    public static bool Evaluate(ConditionNode node, Action<VisitorContext> setUp)
    {
        var compiled = Compile(node);
        var visitor = new VisitorContext(Catalog);
        setUp(visitor);
        var fast = compiled.Evaluate(visitor);
        var reference = Compiler.CreateReference().Evaluate(compiled.Source, visitor, "$", outcomes: null);
        Assert.True(fast == reference, $"compiled {fast}, reference {reference} for {node}");
        Assert.Equal(fast, compiled.Explain(visitor).Result);

        // A lone condition under a root `all` runs as a constant-time root check when it is one;
        // under a root `any` it runs as an instruction: both forms must agree.
        if (node is Condition)
        {
            var asInstruction = Compile(ConditionGroup.Any(node));
            Assert.Equal(0, asInstruction.RootCheckCount);
            Assert.True(asInstruction.Evaluate(visitor) == fast, $"as an instruction {!fast}, as a root check {fast} for {node}");
        }

        return fast;
    }

    public static bool Evaluate(string field, ConditionOperator op, ConditionValue? value, Action<VisitorContext> setUp) =>
        Evaluate(new Condition(field, op, value), setUp);

    public static FieldSlot Slot(string name) => Catalog.GetSlot(name);
}
