using System.Collections.Frozen;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Text.Internal;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>The JSON names of an enum's values: each name in camel case (<c>OncePerVisit</c> is <c>oncePerVisit</c>).</summary>
internal static class JsonEnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    private static readonly string[] Names = Array.ConvertAll(Enum.GetNames<TEnum>(), CamelCase.From);
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Names.Select((name, i) => KeyValuePair.Create(name, Values[i])).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets every name, comma-separated, for messages.</summary>
    public static string All { get; } = string.Join(", ", Names);

    public static bool TryParse(string name, out TEnum value) => ByName.TryGetValue(name, out value);

    public static string NameOf(TEnum value)
    {
        var index = Array.IndexOf(Values, value);
        return index >= 0 ? Names[index] : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined value.");
    }
}

/// <summary>The JSON names of the condition operators.</summary>
internal static class ConditionOperatorNames
{
    public static string All => JsonEnumNames<ConditionOperator>.All;

    public static bool TryParse(string name, out ConditionOperator value) => JsonEnumNames<ConditionOperator>.TryParse(name, out value);

    public static string NameOf(ConditionOperator value) => JsonEnumNames<ConditionOperator>.NameOf(value);
}
