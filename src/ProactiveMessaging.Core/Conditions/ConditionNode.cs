namespace ProactiveMessaging.Conditions;

/// <summary>
/// An item of a rule tree: a <see cref="Condition"/> or a nested <see cref="ConditionGroup"/>.
/// The set of kinds is closed.
/// </summary>
public abstract record ConditionNode
{
    private protected ConditionNode()
    {
    }
}
