using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// The generators of <see cref="CompiledMatchesReferenceProperties"/> reach every condition the binder
/// accepts: a new operator, field type or field that they cannot generate fails here, not silently.
/// </summary>
public sealed class ConditionArbitrariesTests
{
    /// <summary>
    /// A fixed sample, so the test answers the same on every run; at the property's size, every
    /// pair is drawn dozens of times, so a pair missing here is one the generators cannot make.
    /// </summary>
    private static readonly Condition[] Sample = [.. Gen.Sample(ConditionArbitraries.Cases().Generator, 3_000, new Rnd(20_260_302), 10)
        .SelectMany(@case => Conditions(@case.Tree))];

    public static TheoryData<FieldType, ConditionOperator> AcceptedPairs() =>
        [.. Enum.GetValues<FieldType>().SelectMany(type => ConditionBinder.OperatorsOf(type).Select(op => (type, op)))];

    [Fact]
    public void EveryFieldType_HasOperatorsInTheBinderTable()
    {
        var missing = Enum.GetValues<FieldType>().Where(type => ConditionBinder.OperatorsOf(type).IsEmpty);

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(AcceptedPairs))]
    public void Generators_DrawEveryPairTheBinderAccepts(FieldType type, ConditionOperator op)
    {
        Assert.True(
            ConditionArbitraries.FieldsByType.ContainsKey(type),
            $"The test catalog has no {type} field: declare a custom attribute of that type in ConditionAssert.Catalog.");
        Assert.True(
            Sample.Any(c => Type(c) == type && c.Operator == op),
            $"No valid condition with a {type} field and '{op}' was generated: give ConditionArbitraries values for it.");
    }

    [Fact]
    public void Generators_DrawEveryFieldOfTheCatalog_AndAQueryParameter()
    {
        var drawn = Sample.Select(c => c.Field).ToHashSet(StringComparer.Ordinal);

        var missing = ConditionAssert.Catalog.Fields.Select(f => f.Name).Append(ConditionArbitraries.QueryField).Where(name => !drawn.Contains(name));

        Assert.Empty(missing);
    }

    private static FieldType Type(Condition condition) =>
        ConditionAssert.Catalog.TryGetField(condition.Field, out var field) ? field.Type : throw new InvalidOperationException(condition.Field);

    private static IEnumerable<Condition> Conditions(ConditionNode node) => node switch
    {
        ConditionGroup group => group.Items.SelectMany(Conditions),
        Condition condition => [condition],
        _ => [],
    };
}
