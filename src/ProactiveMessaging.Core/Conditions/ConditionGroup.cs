using System.Collections.Immutable;

namespace ProactiveMessaging.Conditions;

/// <summary>A group of rule items combined with <see cref="GroupOperator.All"/>, <see cref="GroupOperator.Any"/> or <see cref="GroupOperator.None"/>.</summary>
/// <remarks>
/// Immutable and thread-safe; equality compares the items in order. Equality and hashing walk the
/// tree with their own stack, so a tree nested as deep as memory allows compares without overflowing
/// the call stack.
/// </remarks>
public sealed record ConditionGroup : ConditionNode
{
    /// <summary>The number of nodes, in document order, that <see cref="GetHashCode"/> reads.</summary>
    private const int HashedNodes = 64;

    /// <summary>Creates a group.</summary>
    /// <param name="operator">How the items combine.</param>
    /// <param name="items">The items, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    /// <exception cref="ArgumentException">An item is null.</exception>
    public ConditionGroup(GroupOperator @operator, IEnumerable<ConditionNode> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Operator = @operator;
        Items = [.. items];
        foreach (var item in Items)
        {
            if (item is null)
            {
                throw new ArgumentException("A group item must not be null.", nameof(items));
            }
        }
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

    /// <summary>Creates a <c>none</c> group: it holds when no item holds.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The group.</returns>
    public static ConditionGroup None(params IEnumerable<ConditionNode> items) => new(GroupOperator.None, items);

    /// <inheritdoc/>
    public bool Equals(ConditionGroup? other)
    {
        if (other is null)
        {
            return false;
        }

        // Pairs of groups still to compare; a pair met twice (a group object used in several places)
        // is compared once, so trees that share groups compare in time linear in their size in memory.
        var pending = new Stack<(ConditionGroup Left, ConditionGroup Right)>();
        HashSet<(ConditionGroup, ConditionGroup)>? seen = null;
        pending.Push((this, other));
        while (pending.TryPop(out var pair))
        {
            var (left, right) = pair;
            if (ReferenceEquals(left, right))
            {
                continue;
            }

            if (left.Operator != right.Operator || left.Items.Length != right.Items.Length)
            {
                return false;
            }

            for (var i = 0; i < left.Items.Length; i++)
            {
                var a = left.Items[i];
                var b = right.Items[i];
                if (a is ConditionGroup nestedLeft)
                {
                    if (b is not ConditionGroup nestedRight)
                    {
                        return false;
                    }

                    seen ??= new HashSet<(ConditionGroup, ConditionGroup)>(ReferencePairComparer.Instance);
                    if (seen.Add((nestedLeft, nestedRight)))
                    {
                        pending.Push((nestedLeft, nestedRight));
                    }
                }
                else if (b is ConditionGroup || !((Condition)a).Equals((Condition)b))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc/>
    /// <remarks>Hashes the operators, the shapes and the conditions of the nodes nearest the root, breadth first: equal trees hash equally, at a bounded cost.</remarks>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        var budget = HashedNodes;
        var pending = new Queue<ConditionGroup>();
        pending.Enqueue(this);
        while (budget > 0 && pending.TryDequeue(out var group))
        {
            hash.Add(group.Operator);
            hash.Add(group.Items.Length);
            for (var i = 0; i < group.Items.Length && budget > 0; i++, budget--)
            {
                if (group.Items[i] is ConditionGroup nested)
                {
                    pending.Enqueue(nested);
                }
                else
                {
                    hash.Add(group.Items[i]);
                }
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>Compares pairs of groups by reference.</summary>
    private sealed class ReferencePairComparer : IEqualityComparer<(ConditionGroup Left, ConditionGroup Right)>
    {
        public static readonly ReferencePairComparer Instance = new();

        public bool Equals((ConditionGroup Left, ConditionGroup Right) x, (ConditionGroup Left, ConditionGroup Right) y) =>
            ReferenceEquals(x.Left, y.Left) && ReferenceEquals(x.Right, y.Right);

        public int GetHashCode((ConditionGroup Left, ConditionGroup Right) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Left), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Right));
    }
}
