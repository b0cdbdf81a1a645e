namespace ProactiveMessaging.Conditions;

/// <summary>One test of the visitor: a <see cref="Field"/>, an <see cref="Operator"/> and a <see cref="Value"/>.</summary>
/// <remarks>Immutable and thread-safe. Whether the three fit together is checked by validation, not here.</remarks>
public sealed record Condition : ConditionNode
{
    /// <summary>Creates a condition.</summary>
    /// <param name="field">The field name, such as <c>page.url</c> or <c>custom.plan</c>.</param>
    /// <param name="operator">The operator.</param>
    /// <param name="value">The value to compare with; <see cref="ConditionValue.None"/> for operators that take none.</param>
    public Condition(string field, ConditionOperator @operator, ConditionValue? value = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        Field = field;
        Operator = @operator;
        Value = value ?? ConditionValue.None;
    }

    /// <summary>Gets the field name.</summary>
    public string Field { get; }

    /// <summary>Gets the operator.</summary>
    public ConditionOperator Operator { get; }

    /// <summary>Gets the value.</summary>
    public ConditionValue Value { get; }

    /// <summary>
    /// Gets whether this condition compares text ignoring case (<see langword="true"/>) or ordinally
    /// (<see langword="false"/>), overriding the field's own rule; <see langword="null"/> (the default)
    /// keeps the field's rule.
    /// </summary>
    /// <remarks>
    /// Applies to the operators that compare text on text and list fields; validation refuses it
    /// elsewhere (<see cref="ConditionProblemCodes.IgnoreCaseNotAllowed"/>). Written <c>"ignoreCase"</c> in JSON.
    /// </remarks>
    public bool? IgnoreCase { get; init; }
}
