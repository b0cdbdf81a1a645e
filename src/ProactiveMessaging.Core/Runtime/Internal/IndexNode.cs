using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// What one key of an index probe selects: a list of messages, or, for a key many messages share,
/// an index of its own over those messages by their other atoms (the messages of one country,
/// split by language). Immutable once built.
/// </summary>
internal sealed class IndexNode
{
    private readonly int[]? _list;
    private readonly CandidateIndex? _index;

    private IndexNode(int[]? list, CandidateIndex? index)
    {
        _list = list;
        _index = index;
    }

    /// <summary>Gets the key's own index, when it has one.</summary>
    public CandidateIndex? Index => _index;

    public static IndexNode Of(int[] list) => new(list, null);

    public static IndexNode Of(CandidateIndex index) => new(null, index);

    /// <summary>Evaluates the key's messages, or those its own index selects.</summary>
    public void Select(VisitorContext visitor, ref CandidatePass pass)
    {
        if (_list is not null)
        {
            pass.Evaluate(_list);
        }
        else
        {
            _index!.Select(visitor, ref pass);
        }
    }
}
