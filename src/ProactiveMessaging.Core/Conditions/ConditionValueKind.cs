namespace ProactiveMessaging.Conditions;

/// <summary>The shape of a <see cref="ConditionValue"/>.</summary>
public enum ConditionValueKind
{
    /// <summary>No value (for operators such as <see cref="ConditionOperator.IsSet"/>).</summary>
    None = 0,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A list of values.</summary>
    List,

    /// <summary>A range with a minimum and a maximum.</summary>
    Range,
}
