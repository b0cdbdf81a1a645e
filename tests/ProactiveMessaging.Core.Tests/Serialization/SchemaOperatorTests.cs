using System.Text.Json.Nodes;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Serialization.Internal;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary>
/// The operator list of the message schema, the operators the binder knows and the JSON names the
/// reader accepts are one list: an operator added to one of them and not the others fails here.
/// </summary>
public sealed class SchemaOperatorTests
{
    private static readonly string SchemaFile = Path.Combine(AppContext.BaseDirectory, "docs", "schema", "message.v1.schema.json");

    private static string[] SchemaOperators()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaFile))!;
        return [.. schema["$defs"]!["condition"]!["properties"]!["operator"]!["enum"]!.AsArray().Select(name => name!.GetValue<string>())];
    }

    [Fact]
    public void SchemaOperatorList_EqualsTheOperatorsTheBinderKnows()
    {
        var schema = SchemaOperators();
        var binder = ConditionBinder.KnownOperators.Select(ConditionBinder.JsonName).ToArray();

        Assert.Equal(schema.Length, schema.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(binder.Except(schema, StringComparer.Ordinal));
        Assert.Empty(schema.Except(binder, StringComparer.Ordinal));
    }

    [Fact]
    public void SchemaOperatorList_EqualsTheJsonNamesOfConditionOperator()
    {
        var schema = SchemaOperators();
        var names = Enum.GetValues<ConditionOperator>().Select(JsonEnumNames<ConditionOperator>.NameOf).ToArray();

        Assert.Empty(names.Except(schema, StringComparer.Ordinal));
        Assert.Empty(schema.Except(names, StringComparer.Ordinal));
        Assert.All(schema, name => Assert.True(JsonEnumNames<ConditionOperator>.TryParse(name, out _), $"The reader does not accept '{name}'."));
    }

    [Fact]
    public void EveryConditionOperator_IsAllowedForSomeFieldType()
    {
        var unused = Enum.GetValues<ConditionOperator>().Except(ConditionBinder.KnownOperators);

        Assert.Empty(unused);
    }
}
