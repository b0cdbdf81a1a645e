namespace ProactiveMessaging.Conditions;

/// <summary>Whether one condition or group held for a visitor, in a <see cref="ConditionExplanation"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ConditionOutcome
{
    internal ConditionOutcome(string path, ConditionNode node, bool held, string? actual)
    {
        Path = path;
        Node = node;
        Held = held;
        Actual = actual;
    }

    /// <summary>Gets the path of the node, such as <c>$.rules.conditions.any[1].all[0]</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the condition or group.</summary>
    public ConditionNode Node { get; }

    /// <summary>Gets a value indicating whether the node held.</summary>
    public bool Held { get; }

    /// <summary>Gets the visitor's value the condition tested, as text; <see langword="null"/> for a group or when the visitor has no value.</summary>
    public string? Actual { get; }

    /// <summary>Returns <c>path: held|not held (actual)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"{Path}: {(Held ? "held" : "not held")}{(Node is Condition c ? $" [{c.Field} {c.Operator} {c.Value}{(c.IgnoreCase is { } ignoreCase ? (ignoreCase ? " ignoring case" : " matching case") : string.Empty)}]" : string.Empty)}{(Actual is null ? string.Empty : $" (visitor: {Actual})")}";
}
