using System.Collections.Frozen;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Narrows a channel's messages to those that can hold on the visitor's page, by the first segment
/// of <c>page.path</c> (<c>/products</c> in <c>/products/42</c>). Immutable once built.
/// </summary>
/// <remarks>
/// <para>
/// Most messages of a real channel target a page: an <c>all</c> of conditions with a
/// <c>page.path is</c>, <c>startsWith</c> or <c>matchesWildcard</c> among them. Such a message can
/// only hold when the visitor's path starts with the condition's literal (for a wildcard, the
/// literal before its first <c>*</c>), so when that literal reaches past the first segment, the
/// message can only hold on paths of that segment. The index keeps, for each such segment, the
/// plan indexes of its messages together with every message not tied to a segment, in plan order;
/// a visitor's event evaluates only that list.
/// </para>
/// <para>
/// The index only ever leaves out messages whose conditions cannot hold, so the decision is the
/// same as evaluating every message. <c>page.path</c> compares ordinally and its literals are
/// used as written, which is what makes "equals or starts with the literal" a necessary condition.
/// </para>
/// </remarks>
internal sealed class PathSegmentIndex
{
    // Past this many list entries the index is not worth its memory: every message is evaluated.
    private const int MaxEntries = 1 << 20;

    private readonly FrozenDictionary<string, int[]> _bySegment;
    private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int[] _unsegmented;

    private PathSegmentIndex(FrozenDictionary<string, int[]> bySegment, int[] unsegmented)
    {
        _bySegment = bySegment;
        _lookup = bySegment.GetAlternateLookup<ReadOnlySpan<char>>();
        _unsegmented = unsegmented;
    }

    /// <summary>Builds the index of a plan, or returns <see langword="null"/> when no message is tied to a segment (or the index would be too large).</summary>
    public static PathSegmentIndex? Build(PlannedMessage[] messages)
    {
        var segments = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var unsegmented = new List<int>();
        for (var i = 0; i < messages.Length; i++)
        {
            if (RequiredSegment(messages[i].Conditions.Source) is { } segment)
            {
                if (!segments.TryGetValue(segment, out var list))
                {
                    segments[segment] = list = [];
                }

                list.Add(i);
            }
            else
            {
                unsegmented.Add(i);
            }
        }

        if (segments.Count == 0 || (long)segments.Count * unsegmented.Count > MaxEntries)
        {
            return null;
        }

        var bySegment = new Dictionary<string, int[]>(segments.Count, StringComparer.Ordinal);
        foreach (var (segment, list) in segments)
        {
            bySegment[segment] = ChannelPlan.EvaluationOrder(messages, list.Concat(unsegmented));
        }

        return new PathSegmentIndex(bySegment.ToFrozenDictionary(StringComparer.Ordinal), ChannelPlan.EvaluationOrder(messages, unsegmented));
    }

    /// <summary>Gets the plan indexes, in plan order, of the messages that may hold for the visitor.</summary>
    public int[] Candidates(VisitorContext visitor)
    {
        if (!visitor.Present[BuiltInFields.PagePath])
        {
            // Every segment-tied message has a page.path condition, false without a path.
            return _unsegmented;
        }

        var path = visitor.Texts[BuiltInFields.PagePath].Span;
        return _lookup.TryGetValue(Segment(path), out var list) ? list : _unsegmented;
    }

    /// <summary>The first segment of a path: up to (not including) its first <c>/</c> after the first character.</summary>
    internal static ReadOnlySpan<char> Segment(ReadOnlySpan<char> path)
    {
        if (path.Length < 2)
        {
            return path;
        }

        var slash = path[1..].IndexOf('/');
        return slash < 0 ? path : path[..(slash + 1)];
    }

    /// <summary>The segment every path meeting the conditions must have, or <see langword="null"/> when none is implied.</summary>
    internal static string? RequiredSegment(ConditionGroup root)
    {
        // Only the direct conditions of a root 'all' (or of a one-item 'all' or 'any') are each
        // necessary; those of a 'none' must each fail.
        if (root.Operator == GroupOperator.None || (root.Operator != GroupOperator.All && root.Items.Length != 1))
        {
            return null;
        }

        foreach (var item in root.Items)
        {
            // A condition that ignores case is met by paths of another spelling than its literal's.
            if (item is not Condition { Field: "page.path", IgnoreCase: not true } condition || condition.Value.Kind != ConditionValueKind.Text)
            {
                continue;
            }

            var text = condition.Value.Text;
            switch (condition.Operator)
            {
                case ConditionOperator.Is:
                    // The path equals the literal, so it has the literal's segment.
                    return Segment(text).ToString();
                case ConditionOperator.StartsWith or ConditionOperator.MatchesWildcard:
                    var star = condition.Operator == ConditionOperator.MatchesWildcard ? text.IndexOf('*', StringComparison.Ordinal) : -1;
                    var literal = star < 0 ? text : text[..star];

                    // The segment is known only when the literal reaches the slash that ends it.
                    var slash = literal.Length < 2 ? -1 : literal.IndexOf('/', 1);
                    if (slash > 0)
                    {
                        return literal[..slash];
                    }

                    break;
            }
        }

        return null;
    }
}
