using System.Collections.Immutable;
using System.Globalization;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Checks a condition tree: empty groups, nesting and size limits, and (with a binder) each
/// condition's field, operator and value. Every problem is reported, with its path.
/// </summary>
internal sealed class ConditionTreeValidator
{
    /// <summary>A message with this many conditions or fewer cannot nest groups.</summary>
    internal const int MaxConditionsWithoutNesting = 2;

    public ConditionTreeValidator(int maxDepth, int maxConditions, ConditionBinder? binder = null)
    {
        MaxDepth = maxDepth;
        MaxConditions = maxConditions;
        Binder = binder;
    }

    /// <summary>Gets the binder that checks each condition, or <see langword="null"/> to check the shape only.</summary>
    public ConditionBinder? Binder { get; }

    public int MaxDepth { get; }

    public int MaxConditions { get; }

    public void Validate(ConditionGroup root, string path, ImmutableArray<Problem>.Builder problems)
    {
        var count = CountConditions(root);
        if (count > MaxConditions)
        {
            problems.Add(new Problem(ConditionProblemCodes.TooMany, $"The message has {count} conditions; at most {MaxConditions} are allowed.", path));
        }

        Walk(root, path, depth: 1, nestingAllowed: count > MaxConditionsWithoutNesting, problems);
    }

    internal static int CountConditions(ConditionGroup group)
    {
        var count = 0;
        foreach (var item in group.Items)
        {
            count += item is ConditionGroup nested ? CountConditions(nested) : 1;
        }

        return count;
    }

    internal static string ItemPath(string groupPath, GroupOperator @operator, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{groupPath}.{(@operator == GroupOperator.All ? "all" : "any")}[{index}]");

    private void Walk(ConditionGroup group, string path, int depth, bool nestingAllowed, ImmutableArray<Problem>.Builder problems)
    {
        if (group.Items.IsEmpty)
        {
            problems.Add(new Problem(ConditionProblemCodes.GroupEmpty, "A group needs at least one condition.", path));
            return;
        }

        for (var i = 0; i < group.Items.Length; i++)
        {
            if (group.Items[i] is not ConditionGroup nested)
            {
                if (Binder is not null && group.Items[i] is Condition condition)
                {
                    Binder.Bind(condition, ItemPath(path, group.Operator, i), problems);
                }

                continue;
            }

            var nestedPath = ItemPath(path, group.Operator, i);
            if (!nestingAllowed)
            {
                problems.Add(new Problem(ConditionProblemCodes.NestingNotAllowed, $"A message with {MaxConditionsWithoutNesting} conditions or fewer cannot nest groups: put the conditions in one group.", nestedPath));
            }
            else if (depth + 1 > MaxDepth)
            {
                problems.Add(new Problem(ConditionProblemCodes.TooDeep, $"Groups are nested {depth + 1} deep; at most {MaxDepth} levels are allowed.", nestedPath));
                continue;
            }

            Walk(nested, nestedPath, depth + 1, nestingAllowed, problems);
        }
    }
}
