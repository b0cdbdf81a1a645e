using System.Collections.Immutable;

namespace ProactiveMessaging.Conditions;

/// <summary>A group of rule items combined with <see cref="GroupOperator.All"/> or <see cref="GroupOperator.Any"/>.</summary>
/// <remarks>Immutable and thread-safe; equality compares the items in order.</remarks>
public sealed record ConditionGroup : ConditionNode
{
    /// <summary>Creates a group.</summary>
    /// <param name="operator">How the items combine.</param>
    /// <param name="items">The items, in order.</param>
    public ConditionGroup(GroupOperator @operator, IEnumerable<ConditionNode> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Operator = @operator;
        Items = [.. items];
    }

    /// <summary>Gets how the items combine.</summary>
    public GroupOperator Operator { get; }

    /// <summary>Gets the items, in order.</summary>
    public ImmutableArray<ConditionNode> Items { get; }

    /// <summary>Creates an <c>all</c> group.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The group.</returns>
    public static ConditionGroup All(params IEnumerable<ConditionNode> items) => new(GroupOperator.All, items);

    /// <summary>Creates an <c>any</c> group.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The group.</returns>
    public static ConditionGroup Any(params IEnumerable<ConditionNode> items) => new(GroupOperator.Any, items);

    /// <inheritdoc/>
    public bool Equals(ConditionGroup? other) =>
        other is not null && Operator == other.Operator && Items.SequenceEqual(other.Items);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Operator);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
