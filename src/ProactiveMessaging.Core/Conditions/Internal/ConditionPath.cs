using System.Globalization;
using System.Text;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The path of a node of a condition tree, such as <c>$.rules.conditions.any[1].all[0]</c>, linked to
/// its parent's path instead of copying it: each level costs one small object, so walking a tree nested
/// 100,000 deep never builds 100,000 ever longer strings. Text is made only for the paths a problem or an
/// explanation names, and a path more than <see cref="MaxFullSegments"/> levels deep is shortened in the
/// middle: <c>$.rules.conditions.all[0]…(99968 levels)….all[0]</c>.
/// </summary>
internal sealed class ConditionPath
{
    /// <summary>Paths with at most this many item segments below the root are written in full.</summary>
    public const int MaxFullSegments = 32;

    /// <summary>A shortened path keeps this many segments at each end.</summary>
    private const int KeptSegments = MaxFullSegments / 2;

    private readonly string? _root;
    private readonly ConditionPath? _parent;
    private readonly GroupOperator _operator;
    private readonly int _index;

    /// <summary>The ancestor <see cref="KeptSegments"/> levels below the root, or this path when it is not that deep.</summary>
    private readonly ConditionPath _head;

    private ConditionPath(string root)
    {
        _root = root;
        _head = this;
    }

    private ConditionPath(ConditionPath parent, GroupOperator @operator, int index)
    {
        _parent = parent;
        _operator = @operator;
        _index = index;
        Depth = parent.Depth + 1;
        _head = Depth <= KeptSegments ? this : parent._head;
    }

    /// <summary>Gets the number of item segments below the root.</summary>
    public int Depth { get; }

    public static ConditionPath Root(string path) => new(path);

    /// <summary>The path of item <paramref name="index"/> of the group at this path.</summary>
    public ConditionPath Item(GroupOperator @operator, int index) => new(this, @operator, index);

    public override string ToString()
    {
        if (Depth <= MaxFullSegments)
        {
            return Write(this, Depth, new StringBuilder()).ToString();
        }

        var text = Write(_head, KeptSegments, new StringBuilder());
        text.Append(CultureInfo.InvariantCulture, $"…({Depth - (2 * KeptSegments)} levels)…");
        return Write(this, KeptSegments, text, withRoot: false).ToString();
    }

    /// <summary>Appends the last <paramref name="segments"/> segments of <paramref name="path"/>, after its root when they reach it.</summary>
    private static StringBuilder Write(ConditionPath path, int segments, StringBuilder text, bool withRoot = true)
    {
        var chain = new ConditionPath[segments];
        var node = path;
        for (var i = segments - 1; i >= 0; i--)
        {
            chain[i] = node;
            node = node._parent!;
        }

        if (withRoot)
        {
            text.Append(node._root);
        }

        foreach (var segment in chain)
        {
            text.Append(segment._operator switch { GroupOperator.All => ".all[", GroupOperator.None => ".none[", _ => ".any[" }).Append(segment._index).Append(']');
        }

        return text;
    }
}
