using System.Collections.Immutable;
using System.Globalization;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// Checks a condition tree: empty groups, nesting and size limits, and (with a binder) each
/// condition's field, operator and value. Every problem is reported, with its path.
/// </summary>
/// <remarks>
/// <para>
/// A tree built in code may be nested as deep as memory allows, so nothing here recurses: the walk
/// keeps its own stack, stops at the first group past the depth limit (one problem per such group),
/// and links paths instead of copying them (<see cref="ConditionPath"/>).
/// </para>
/// <para>
/// A tree built in code may also use one group object in several places, so its expanded size can be
/// exponential in its memory size. Counting memoises per group, and the walk checks a group object
/// once per level it appears at (the problems inside it are the same at any place of that level, and
/// are reported at the first one).
/// </para>
/// </remarks>
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

    /// <summary>Checks the limits of <paramref name="options"/> and builds a validator that binds each condition.</summary>
    /// <param name="options">The limits.</param>
    /// <param name="fields">The fields.</param>
    /// <param name="buildPatterns">
    /// Whether binding builds each <c>matchesPattern</c> regex, as a compiler needs; a validator only
    /// checks patterns, which gives the same answer without building their automata.
    /// </param>
    public static ConditionTreeValidator Create(ConditionOptions options, FieldCatalog fields, bool buildPatterns)
    {
        if (options.PatternMatchTimeout <= TimeSpan.Zero && options.PatternMatchTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PatternMatchTimeout, $"{nameof(options.PatternMatchTimeout)} must be positive.");
        }

        var binder = new ConditionBinder(
            fields,
            Positive(options.MaxPatternLength, nameof(options.MaxPatternLength)),
            Positive(options.MaxListItems, nameof(options.MaxListItems)),
            Positive(options.MaxConditionTextLength, nameof(options.MaxConditionTextLength)),
            options.PatternMatchTimeout,
            buildPatterns);
        return new ConditionTreeValidator(
            Positive(options.MaxConditionDepth, nameof(options.MaxConditionDepth)),
            Positive(options.MaxConditions, nameof(options.MaxConditions)),
            binder);
    }

    /// <summary>Gets the binder that checks each condition, or <see langword="null"/> to check the shape only.</summary>
    public ConditionBinder? Binder { get; }

    public int MaxDepth { get; }

    public int MaxConditions { get; }

    /// <summary>Validates a tree, adding every problem under <paramref name="path"/>.</summary>
    /// <param name="root">The root group.</param>
    /// <param name="path">The path of the root, such as <c>$.rules.conditions</c>.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="bound">
    /// Receives the bound form of each condition that binds (by reference), so that a compiler reuses
    /// it instead of binding again; <see langword="null"/> when only the problems matter.
    /// </param>
    public void Validate(ConditionGroup root, string path, ImmutableArray<Problem>.Builder problems, Dictionary<Condition, BoundCondition>? bound = null)
    {
        var count = CountConditions(root);
        if (count > MaxConditions)
        {
            problems.Add(new Problem(ConditionProblemCodes.TooMany, string.Create(CultureInfo.InvariantCulture, $"The message has {count} conditions; at most {MaxConditions} are allowed."), path));
        }

        var rootPath = ConditionPath.Root(path);
        if (root.Items.IsEmpty)
        {
            problems.Add(new Problem(ConditionProblemCodes.GroupEmpty, "A group needs at least one condition.", path));
            return;
        }

        var nestingAllowed = count > MaxConditionsWithoutNesting;
        HashSet<(ConditionGroup, int)>? walked = null;
        var stack = new Stack<Frame>();
        stack.Push(new Frame(root, rootPath, 1));
        while (stack.TryPeek(out var frame))
        {
            var items = frame.Group.Items;
            if (frame.Next == items.Length)
            {
                stack.Pop();
                continue;
            }

            var index = frame.Next++;
            var itemPath = frame.Path.Item(frame.Group.Operator, index);
            if (items[index] is Condition condition)
            {
                if (Binder?.Bind(condition, itemPath.ToString(), problems) is { } result && bound is not null)
                {
                    bound[condition] = result;
                }

                continue;
            }

            var nested = (ConditionGroup)items[index];
            var depth = frame.Depth + 1;
            if (depth > MaxDepth)
            {
                problems.Add(new Problem(ConditionProblemCodes.TooDeep, string.Create(CultureInfo.InvariantCulture, $"This group is at level {depth}; groups nest at most {MaxDepth} levels deep."), itemPath.ToString()));
                continue;
            }

            if (!nestingAllowed)
            {
                problems.Add(new Problem(ConditionProblemCodes.NestingNotAllowed, $"A message with {MaxConditionsWithoutNesting} conditions or fewer cannot nest groups: put the conditions in one group.", itemPath.ToString()));
            }

            if (nested.Items.IsEmpty)
            {
                problems.Add(new Problem(ConditionProblemCodes.GroupEmpty, "A group needs at least one condition.", itemPath.ToString()));
                continue;
            }

            walked ??= new HashSet<(ConditionGroup, int)>(GroupAtDepthComparer.Instance);
            if (walked.Add((nested, depth)))
            {
                stack.Push(new Frame(nested, itemPath, depth));
            }
        }
    }

    /// <summary>
    /// The number of conditions of the tree as written (a group used twice counts twice), saturating at
    /// <see cref="int.MaxValue"/>; each group object is counted once and its count reused.
    /// </summary>
    internal static int CountConditions(ConditionGroup root)
    {
        var counts = new Dictionary<ConditionGroup, long>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(ConditionGroup Group, bool Expanded)>();
        stack.Push((root, false));
        while (stack.TryPop(out var entry))
        {
            if (counts.ContainsKey(entry.Group))
            {
                continue;
            }

            if (!entry.Expanded)
            {
                // Count the nested groups first, then this one from their counts.
                stack.Push((entry.Group, true));
                foreach (var item in entry.Group.Items)
                {
                    if (item is ConditionGroup nested && !counts.ContainsKey(nested))
                    {
                        stack.Push((nested, false));
                    }
                }

                continue;
            }

            long count = 0;
            foreach (var item in entry.Group.Items)
            {
                count = Math.Min(int.MaxValue, count + (item is ConditionGroup nested ? counts[nested] : 1));
            }

            counts[entry.Group] = count;
        }

        return (int)counts[root];
    }

    /// <summary>A group being walked, and the index of its next item.</summary>
    private sealed class Frame(ConditionGroup group, ConditionPath path, int depth)
    {
        public ConditionGroup Group { get; } = group;

        public ConditionPath Path { get; } = path;

        public int Depth { get; } = depth;

        public int Next { get; set; }
    }

    /// <summary>Compares groups by reference (their own equality compares whole trees) and depths by value.</summary>
    private sealed class GroupAtDepthComparer : IEqualityComparer<(ConditionGroup Group, int Depth)>
    {
        public static readonly GroupAtDepthComparer Instance = new();

        public bool Equals((ConditionGroup Group, int Depth) x, (ConditionGroup Group, int Depth) y) =>
            ReferenceEquals(x.Group, y.Group) && x.Depth == y.Depth;

        public int GetHashCode((ConditionGroup Group, int Depth) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Group), obj.Depth);
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
