using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Selects, from the event's own values, the messages of a channel plan whose conditions could
/// hold, so that a decision costs what could match rather than what exists. Immutable once built.
/// </summary>
/// <remarks>
/// <para>
/// Each message is anchored on at most one <see cref="IndexAtom"/>: a condition its root needs
/// (a direct item of the root <c>all</c>, of a nested <c>all</c>, or the only item of an
/// <c>any</c>) whose field value the index can look up: the page path or URL equal to, starting
/// or ending with a literal; a text, enum or language equal to one of a list; a required boolean;
/// a shared literal the URL must contain. The message goes into that atom's list; messages with no
/// atom form the residue, evaluated for every event. Among a message's atoms the one chosen is the
/// one expected to select the fewest messages: the atom's guessed hit rate times how many messages
/// of the channel offer the same key.
/// </para>
/// <para>
/// An event evaluates the residue and the lists whose keys its values match. Every list holds
/// messages in evaluation order (messages of one condition shape together), and the candidates
/// return to plan order before the frequency store sees them, so the decision is the one of
/// evaluating every message: the index only ever leaves out messages one of whose necessary
/// conditions fails.
/// </para>
/// </remarks>
internal sealed class CandidateIndex
{
    /// <summary>Contains keys searched per event at most, per field; each costs a search of the visitor's text.</summary>
    internal const int MaxContainsKeys = 16;

    /// <summary>A key shared by more messages than this gets an index of its own over them, by their other atoms.</summary>
    internal const int MaxListLength = 8;

    /// <summary>How deep keys' own indexes nest: a key of a key of the top level at most.</summary>
    private const int MaxDepth = 2;

    private readonly int[] _residue;
    private readonly IndexProbe[] _probes;
    private readonly IndexAtom[]?[] _anchors;

    private CandidateIndex(int[] residue, IndexProbe[] probes, IndexAtom[]?[] anchors, bool listsTwice)
    {
        _residue = residue;
        _probes = probes;
        _anchors = anchors;
        ListsMessagesTwice = listsTwice || probes.Any(probe => probe.ListsMessagesTwice);
    }

    /// <summary>Gets whether a message may be in several lists (anchored on an <c>any</c>), so that one event may select it twice.</summary>
    public bool ListsMessagesTwice { get; }

    /// <summary>Gets the plan indexes evaluated for every event, in evaluation order.</summary>
    public int[] Residue => _residue;

    /// <summary>Gets the number of tables the index looks up per event.</summary>
    public int ProbeCount => _probes.Length;

    /// <summary>Gets the atoms a message is listed under (several for an <c>any</c>), or <see langword="null"/> when it is in the residue.</summary>
    public IndexAtom[]? AnchorOf(int planIndex) => _anchors[planIndex];

    /// <summary>An index that selects every message: the plain scan the indexed selection must agree with.</summary>
    public static CandidateIndex Scan(PlannedMessage[] messages) =>
        new(ChannelPlan.EvaluationOrder(messages, Enumerable.Range(0, messages.Length)), [], new IndexAtom[]?[messages.Length], listsTwice: false);

    /// <summary>Builds the index of a plan's messages (in plan order).</summary>
    /// <param name="messages">The plan's messages.</param>
    /// <param name="maxListLength">Past how many messages a key gets an index of its own (the tests lower it to nest often).</param>
    public static CandidateIndex Build(PlannedMessage[] messages, int maxListLength = MaxListLength) =>
        Build(messages, Enumerable.Range(0, messages.Length).ToArray(), [], depth: 0, maxListLength, AlternativesOf(messages));

    /// <summary>Every message's alternatives, read from its conditions once for all the levels of the index.</summary>
    private static List<IndexAtom[]>[] AlternativesOf(PlannedMessage[] messages) =>
        [.. messages.Select(message => IndexAtom.Alternatives(message.Conditions.Source, message.Conditions.Catalog))];

    /// <summary>
    /// Builds the index of some of a plan's messages, leaving out the probes the enclosing
    /// indexes already looked up (every message here matched their keys).
    /// </summary>
    private static CandidateIndex Build(PlannedMessage[] messages, int[] subset, HashSet<(ProbeKind, int, bool)> used, int depth, int maxListLength, List<IndexAtom[]>[] all)
    {
        var alternatives = new Dictionary<int, List<IndexAtom[]>>(subset.Length);
        var offered = new Dictionary<(ProbeKind Kind, int Slot, bool IgnoreCase, string Key), int>(BucketComparer.Instance);
        foreach (var i in subset)
        {
            alternatives[i] = all[i]
                .Where(alternative => !alternative.Any(atom => used.Contains(atom.Probe)))
                .ToList();
            foreach (var atom in alternatives[i].SelectMany(alternative => alternative))
            {
                foreach (var key in atom.Keys)
                {
                    var counted = BucketKey(atom, key);
                    offered[counted] = offered.GetValueOrDefault(counted) + 1;
                }
            }
        }

        var searchable = SearchableContainsKeys(offered);
        var anchors = new IndexAtom[]?[messages.Length];
        var tables = new Dictionary<(ProbeKind Kind, int Slot, bool IgnoreCase), Dictionary<string, List<int>>>();
        var residue = new List<int>();
        foreach (var i in subset)
        {
            IndexAtom[]? best = null;
            var bestCost = double.MaxValue;
            foreach (var alternative in alternatives[i])
            {
                if (alternative.Any(atom => atom.Kind == ProbeKind.Contains && !searchable.Contains(BucketKey(atom, atom.Keys[0]))))
                {
                    continue;
                }

                var cost = alternative.Sum(atom => atom.HitRate * atom.Keys.Sum(key => offered[BucketKey(atom, key)]));
                if (cost < bestCost)
                {
                    (best, bestCost) = (alternative, cost);
                }
            }

            anchors[i] = best;
            if (best is null)
            {
                residue.Add(i);
                continue;
            }

            foreach (var atom in best)
            {
                Add(tables, atom, i);
            }
        }
        // The cheapest tables first: an array read before a hash, a hash before a search of the text.
        var probes = tables
            .OrderBy(pair => pair.Key.Kind switch { ProbeKind.Code or ProbeKind.Boolean => 0, ProbeKind.Text or ProbeKind.LanguagePrimary => 1, ProbeKind.Prefix or ProbeKind.Suffix => 2, _ => 3 })
            .ThenBy(pair => pair.Key.Slot)
            .Select(pair => IndexProbe.Create(
                pair.Key.Kind,
                pair.Key.Slot,
                pair.Key.IgnoreCase,
                pair.Value.ToDictionary(entry => entry.Key, entry => Node(messages, entry.Value, used, pair.Key, depth, maxListLength, all), pair.Value.Comparer)))
            .ToArray();
        // Only the top level keeps every message's anchor (for tests and descriptions); a key's own
        // index would otherwise hold an array as long as the whole plan.
        var listsTwice = anchors.Any(anchor => anchor is { Length: > 1 });
        return new CandidateIndex(ChannelPlan.EvaluationOrder(messages, residue), probes, depth == 0 ? anchors : [], listsTwice);
    }

    /// <summary>Evaluates, with the pass, the residue and every list the visitor's values select.</summary>
    public void Select(VisitorContext visitor, ref CandidatePass pass)
    {
        pass.Evaluate(_residue);
        foreach (var probe in _probes)
        {
            probe.Select(visitor, ref pass);
        }
    }

    /// <summary>A key's messages: a list, or for a long one an index of its own when its messages have other atoms.</summary>
    private static IndexNode Node(PlannedMessage[] messages, List<int> list, HashSet<(ProbeKind, int, bool)> used, (ProbeKind, int, bool) probe, int depth, int maxListLength, List<IndexAtom[]>[] all)
    {
        if (list.Count > maxListLength && depth < MaxDepth)
        {
            var index = Build(messages, [.. list], [.. used, probe], depth + 1, maxListLength, all);
            if (index.ProbeCount > 0)
            {
                return IndexNode.Of(index);
            }
        }

        return IndexNode.Of(ChannelPlan.EvaluationOrder(messages, list));
    }

    private static void Add(Dictionary<(ProbeKind Kind, int Slot, bool IgnoreCase), Dictionary<string, List<int>>> tables, IndexAtom atom, int planIndex)
    {
        if (!tables.TryGetValue(atom.Probe, out var table))
        {
            tables[atom.Probe] = table = new Dictionary<string, List<int>>(atom.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        }

        foreach (var key in atom.Keys)
        {
            if (!table.TryGetValue(key, out var list))
            {
                table[key] = list = [];
            }

            // Two atoms of one 'any' may share a key (and an 'isOneOf' may list it in two spellings).
            if (list.Count == 0 || list[^1] != planIndex)
            {
                list.Add(planIndex);
            }
        }
    }

    /// <summary>How keys are counted: by probe and key, the key ignoring case for the probes that do (see <see cref="BucketComparer"/>).</summary>
    private static (ProbeKind, int, bool, string) BucketKey(IndexAtom atom, string key) => (atom.Kind, atom.Slot, atom.IgnoreCase, key);

    /// <summary>
    /// The contains keys worth a search per event: those that at least two messages offer (a key of
    /// one message costs as much to search as the message costs to evaluate), at most
    /// <see cref="MaxContainsKeys"/> per field, the most shared first.
    /// </summary>
    private static HashSet<(ProbeKind Kind, int Slot, bool IgnoreCase, string Key)> SearchableContainsKeys(Dictionary<(ProbeKind Kind, int Slot, bool IgnoreCase, string Key), int> offered) =>
        new(
            offered
                .Where(pair => pair.Key.Kind == ProbeKind.Contains && pair.Value >= 2)
                .GroupBy(pair => (pair.Key.Slot, pair.Key.IgnoreCase))
                .SelectMany(field => field.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key.Key, StringComparer.Ordinal).Take(MaxContainsKeys))
                .Select(pair => pair.Key),
            BucketComparer.Instance);

    /// <summary>Compares counted keys as their probe does: ordinally, or ignoring case.</summary>
    private sealed class BucketComparer : IEqualityComparer<(ProbeKind Kind, int Slot, bool IgnoreCase, string Key)>
    {
        public static BucketComparer Instance { get; } = new();

        public bool Equals((ProbeKind Kind, int Slot, bool IgnoreCase, string Key) x, (ProbeKind Kind, int Slot, bool IgnoreCase, string Key) y) =>
            x.Kind == y.Kind && x.Slot == y.Slot && x.IgnoreCase == y.IgnoreCase
            && string.Equals(x.Key, y.Key, x.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        public int GetHashCode((ProbeKind Kind, int Slot, bool IgnoreCase, string Key) obj) =>
            HashCode.Combine(obj.Kind, obj.Slot, obj.IgnoreCase, string.GetHashCode(obj.Key, obj.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
    }
}
