namespace ProactiveMessaging.Conditions;

/// <summary>How a <see cref="ConditionGroup"/> combines its items.</summary>
public enum GroupOperator
{
    /// <summary>Every item must hold (AND). Written <c>"all"</c> in JSON.</summary>
    All = 0,

    /// <summary>At least one item must hold (OR). Written <c>"any"</c> in JSON.</summary>
    Any = 1,

    // Negation.

    /// <summary>No item holds (NOT of an OR). Written <c>"none"</c> in JSON.</summary>
    None = 2,
}
