using System.Collections.Frozen;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// One table of a <see cref="CandidateIndex"/>: for one field, the messages anchored on each key,
/// and how the visitor's value of the field finds the keys it matches. Immutable once built.
/// </summary>
/// <remarks>
/// Each probe hands the lists it selects to the pass as it finds them; a message is in exactly
/// one list of one probe (or in the residue), so no message is evaluated twice for an event.
/// </remarks>
internal abstract class IndexProbe
{
    protected IndexProbe(int slot) => Slot = slot;

    /// <summary>Gets the field's slot in the visitor context.</summary>
    public int Slot { get; }

    /// <summary>Gets whether a key's own index may select a message twice.</summary>
    public bool ListsMessagesTwice { get; private set; }

    /// <summary>Evaluates, with the pass, every list whose key the visitor's value matches.</summary>
    public abstract void Select(VisitorContext visitor, ref CandidatePass pass);

    /// <summary>Builds the probe of one (kind, slot, case) from its keys and their lists.</summary>
    public static IndexProbe Create(ProbeKind kind, int slot, bool ignoreCase, Dictionary<string, IndexNode> lists)
    {
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var probe = Create(kind, slot, comparer, lists);
        probe.ListsMessagesTwice = lists.Values.Any(node => node.Index is { ListsMessagesTwice: true });
        return probe;
    }

    private static IndexProbe Create(ProbeKind kind, int slot, StringComparer comparer, Dictionary<string, IndexNode> lists)
    {
        var ignoreCase = comparer == StringComparer.OrdinalIgnoreCase;
        return kind switch
        {
            ProbeKind.Text => new TextProbe(slot, lists.ToFrozenDictionary(comparer), primaryOnly: false),
            ProbeKind.LanguagePrimary => new TextProbe(slot, lists.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), primaryOnly: true),
            ProbeKind.Prefix or ProbeKind.Suffix => new AffixProbe(slot, lists.ToFrozenDictionary(comparer), prefix: kind == ProbeKind.Prefix, ignoreCase),
            ProbeKind.Contains => new ContainsProbe(slot, ignoreCase, lists),
            ProbeKind.Code => new CodeProbe(slot, lists),
            _ => new BooleanProbe(slot, lists),
        };
    }

    /// <summary>The whole text (or a language tag's first subtag) looked up once.</summary>
    private sealed class TextProbe(int slot, FrozenDictionary<string, IndexNode> lists, bool primaryOnly) : IndexProbe(slot)
    {
        private readonly FrozenDictionary<string, IndexNode>.AlternateLookup<ReadOnlySpan<char>> _lookup = lists.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly bool _primaryOnly = primaryOnly;

        public override void Select(VisitorContext visitor, ref CandidatePass pass)
        {
            if (!visitor.Present[Slot])
            {
                return;
            }

            var text = visitor.Texts[Slot].Span;
            if (_lookup.TryGetValue(_primaryOnly ? IndexAtom.LanguagePrimary(text) : text, out var list))
            {
                list.Select(visitor, ref pass);
            }
        }
    }

    /// <summary>
    /// Prefixes (or suffixes) grouped by length: at most one lookup per distinct key length that
    /// fits the visitor's text, whatever the number of keys, and none for a length whose keys all
    /// differ from the text at their second or last character (two bit tests).
    /// </summary>
    private sealed class AffixProbe : IndexProbe
    {
        private readonly FrozenDictionary<string, IndexNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly LengthFilter[] _lengths;
        private readonly bool _prefix;

        public AffixProbe(int slot, FrozenDictionary<string, IndexNode> lists, bool prefix, bool ignoreCase)
            : base(slot)
        {
            _lookup = lists.GetAlternateLookup<ReadOnlySpan<char>>();
            _lengths = [.. lists.Keys.GroupBy(key => key.Length).OrderBy(group => group.Key).Select(group => LengthFilter.Of(group.Key, group, ignoreCase))];
            _prefix = prefix;
        }

        public override void Select(VisitorContext visitor, ref CandidatePass pass)
        {
            if (!visitor.Present[Slot])
            {
                return;
            }

            var text = visitor.Texts[Slot].Span;
            foreach (ref readonly var filter in _lengths.AsSpan())
            {
                if (filter.Length > text.Length)
                {
                    return;
                }

                var part = _prefix ? text[..filter.Length] : text[^filter.Length..];
                if (filter.MayMatch(part) && _lookup.TryGetValue(part, out var list))
                {
                    list.Select(visitor, ref pass);
                }
            }
        }
    }

    /// <summary>The keys of one length, as the ASCII characters they have at their second and last positions.</summary>
    private readonly struct LengthFilter
    {
        private readonly UInt128 _second;
        private readonly UInt128 _last;
        private readonly bool _secondBeyondAscii;
        private readonly bool _lastBeyondAscii;

        private LengthFilter(int length, UInt128 second, UInt128 last, bool secondBeyondAscii, bool lastBeyondAscii)
        {
            Length = length;
            _second = second;
            _last = last;
            _secondBeyondAscii = secondBeyondAscii;
            _lastBeyondAscii = lastBeyondAscii;
        }

        public int Length { get; }

        public static LengthFilter Of(int length, IEnumerable<string> keys, bool ignoreCase)
        {
            UInt128 second = 0, last = 0;
            bool secondBeyond = false, lastBeyond = false;
            foreach (var key in keys)
            {
                Mark(key[1], ref second, ref secondBeyond, ignoreCase);
                Mark(key[^1], ref last, ref lastBeyond, ignoreCase);
            }

            return new LengthFilter(length, second, last, secondBeyond, lastBeyond);
        }

        /// <summary>Whether a key of this length may equal the part (it has at least two characters, as every key does).</summary>
        public bool MayMatch(ReadOnlySpan<char> part) =>
            Has(_second, _secondBeyondAscii, part[1]) && Has(_last, _lastBeyondAscii, part[^1]);

        private static bool Has(UInt128 set, bool beyondAscii, char c) =>
            c < 128 ? ((set >> c) & UInt128.One) != UInt128.Zero : beyondAscii;

        // Ignoring case, both ASCII cases are marked; a character beyond ASCII lets every such character through.
        private static void Mark(char c, ref UInt128 set, ref bool beyondAscii, bool ignoreCase)
        {
            if (c >= 128)
            {
                beyondAscii = true;
                return;
            }

            set |= UInt128.One << c;
            if (ignoreCase && char.IsAsciiLetter(c))
            {
                set |= UInt128.One << (c ^ 0x20);
            }
        }
    }

    /// <summary>A search of the visitor's text for each key; built only for keys that several messages share.</summary>
    private sealed class ContainsProbe : IndexProbe
    {
        private readonly string[] _keys;
        private readonly IndexNode[] _lists;
        private readonly StringComparison _comparison;

        public ContainsProbe(int slot, bool ignoreCase, Dictionary<string, IndexNode> lists)
            : base(slot)
        {
            _keys = [.. lists.Keys];
            _lists = [.. _keys.Select(key => lists[key])];
            _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        }

        public override void Select(VisitorContext visitor, ref CandidatePass pass)
        {
            if (!visitor.Present[Slot])
            {
                return;
            }

            var text = visitor.Texts[Slot].Span;
            for (var k = 0; k < _keys.Length; k++)
            {
                if (text.Contains(_keys[k], _comparison))
                {
                    _lists[k].Select(visitor, ref pass);
                }
            }
        }
    }

    /// <summary>An enum value's index read as an array index.</summary>
    private sealed class CodeProbe : IndexProbe
    {
        private readonly IndexNode?[] _byCode;

        public CodeProbe(int slot, Dictionary<string, IndexNode> lists)
            : base(slot)
        {
            var codes = lists.Keys.Select(key => int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            _byCode = new IndexNode?[codes.Max() + 1];
            foreach (var (key, list) in lists)
            {
                _byCode[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = list;
            }

        }

        public override void Select(VisitorContext visitor, ref CandidatePass pass)
        {
            // A value outside the allowed ones has a negative code: it meets no 'is'.
            var code = visitor.Codes[Slot];
            if (visitor.Present[Slot] && (uint)code < (uint)_byCode.Length && _byCode[code] is { } list)
            {
                list.Select(visitor, ref pass);
            }
        }
    }

    /// <summary>A boolean's two lists.</summary>
    private sealed class BooleanProbe(int slot, Dictionary<string, IndexNode> lists) : IndexProbe(slot)
    {
        private readonly IndexNode? _whenTrue = lists.GetValueOrDefault(bool.TrueString);
        private readonly IndexNode? _whenFalse = lists.GetValueOrDefault(bool.FalseString);

        public override void Select(VisitorContext visitor, ref CandidatePass pass)
        {
            if (visitor.Present[Slot] && (visitor.Numbers[Slot] != 0 ? _whenTrue : _whenFalse) is { } list)
            {
                list.Select(visitor, ref pass);
            }
        }
    }
}
