using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>How an index probe reads the visitor's value of a field and finds the lists it selects.</summary>
internal enum ProbeKind
{
    /// <summary>The whole text equals a key (<c>is</c>, <c>isOneOf</c> on a text field, a URL normalised as <c>is</c> normalises it).</summary>
    Text,

    /// <summary>The language tag's first subtag equals a key (the language-range fields: <c>en</c> is met by <c>en-GB</c>).</summary>
    LanguagePrimary,

    /// <summary>The text starts with a key (<c>startsWith</c>, the literal before a wildcard's first <c>*</c>).</summary>
    Prefix,

    /// <summary>The text ends with a key (<c>endsWith</c>, the literal after a wildcard's last <c>*</c>).</summary>
    Suffix,

    /// <summary>The text contains a key (<c>contains</c>; a literal with <c>=</c> is keyed up to it, so that query parameters share one key).</summary>
    Contains,

    /// <summary>The enum value's index equals a key (<c>is</c>, <c>isOneOf</c> on an enum field).</summary>
    Code,

    /// <summary>The boolean is the key (<c>isTrue</c>, <c>isFalse</c>).</summary>
    Boolean,
}

/// <summary>
/// One necessary condition of a message that an index can look up from the visitor's own value:
/// the message can only hold when the visitor's value of the field matches one of the keys.
/// </summary>
/// <param name="Kind">How the value is matched with the keys.</param>
/// <param name="Slot">The field's slot in the visitor context.</param>
/// <param name="IgnoreCase">Whether keys compare ignoring case (text kinds only).</param>
/// <param name="Keys">The keys, at least one; the visitor's value matches at most one of them for every kind but <see cref="ProbeKind.Prefix"/>, <see cref="ProbeKind.Suffix"/> and <see cref="ProbeKind.Contains"/>, which take one key.</param>
/// <param name="HitRate">A guess at the share of events whose value matches one key, to choose between a message's atoms.</param>
internal sealed record IndexAtom(ProbeKind Kind, int Slot, bool IgnoreCase, string[] Keys, double HitRate)
{
    /// <summary>The atoms of a message's conditions: those of every condition that must hold for the root to hold.</summary>
    public static List<IndexAtom> Of(ConditionGroup root, FieldCatalog catalog) =>
        [.. Alternatives(root, catalog).Where(alternative => alternative.Length == 1).Select(alternative => alternative[0])];

    /// <summary>
    /// The ways a message can be anchored: each alternative is a set of atoms one of which every
    /// visitor meeting the conditions passes. A necessary condition is an alternative of one atom;
    /// an <c>any</c> the root needs is one alternative of one atom per item, when every item has one
    /// (the message is then listed under each of them).
    /// </summary>
    public static List<IndexAtom[]> Alternatives(ConditionGroup root, FieldCatalog catalog)
    {
        var alternatives = new List<IndexAtom[]>();
        CollectAlternatives(root, catalog, alternatives);
        return alternatives;
    }

    /// <summary>The probe this atom's keys belong to: atoms with the same probe share one table.</summary>
    public (ProbeKind Kind, int Slot, bool IgnoreCase) Probe => (Kind, Slot, IgnoreCase);

    private static void CollectAlternatives(ConditionGroup group, FieldCatalog catalog, List<IndexAtom[]> alternatives)
    {
        // Every item of an 'all' must hold, and so must the only item of a one-item 'any'. Nothing
        // under a 'none' is necessary by itself, and a wider 'any' needs one of its items.
        if (group.Operator == GroupOperator.None)
        {
            return;
        }

        if (group.Operator == GroupOperator.Any && group.Items.Length != 1)
        {
            // Each item offers the atom with the lowest guessed hit rate among those it needs; an
            // item with none lets visitors through that no lookup would find.
            var branches = new IndexAtom[group.Items.Length];
            for (var k = 0; k < branches.Length; k++)
            {
                var atoms = group.Items[k] switch
                {
                    ConditionGroup inner => Of(inner, catalog),
                    Condition condition => Of(new ConditionGroup(GroupOperator.All, [condition]), catalog),
                    _ => [],
                };
                if (atoms.Count == 0)
                {
                    return;
                }

                branches[k] = atoms.MinBy(atom => atom.HitRate)!;
            }

            alternatives.Add(branches);
            return;
        }

        foreach (var item in group.Items)
        {
            switch (item)
            {
                case ConditionGroup inner:
                    CollectAlternatives(inner, catalog, alternatives);
                    break;
                case Condition condition when catalog.TryGetField(condition.Field, out var field):
                    var atoms = new List<IndexAtom>();
                    Add(condition, field, atoms);
                    alternatives.AddRange(atoms.Select(atom => new[] { atom }));
                    break;
            }
        }
    }

    private static void Add(Condition condition, FieldDefinition field, List<IndexAtom> atoms)
    {
        // Only values the visitor context holds directly: a query parameter is read from the URL,
        // and an event's flag or count follows other rules.
        if (field.Access is not (FieldAccess.BuiltIn or FieldAccess.Custom))
        {
            return;
        }

        var op = condition.Operator;
        var value = condition.Value;
        switch (field.Type)
        {
            case FieldType.Text:
                var ignoreCase = condition.IgnoreCase ?? field.IgnoreCase;
                if (field.LanguageRange)
                {
                    if (Listed(op, value) is { } ranges && ranges.All(range => range != "*"))
                    {
                        atoms.Add(new IndexAtom(ProbeKind.LanguagePrimary, field.Slot, IgnoreCase: true, Distinct(ranges.Select(LanguagePrimary), ignoreCase: true), 0.1));
                    }

                    return;
                }

                if (Listed(op, value) is { } texts)
                {
                    var keys = field.Url ? texts.Select(UrlNormalizer.Normalize) : texts;
                    atoms.Add(new IndexAtom(ProbeKind.Text, field.Slot, ignoreCase, Distinct(keys, ignoreCase), 0.02));
                    return;
                }

                if (value.Kind != ConditionValueKind.Text || value.Text.Length == 0)
                {
                    return;
                }

                var text = value.Text;
                switch (op)
                {
                    case ConditionOperator.StartsWith when text.Length > 1:
                        atoms.Add(new IndexAtom(ProbeKind.Prefix, field.Slot, ignoreCase, [text], 0.05));
                        break;
                    case ConditionOperator.EndsWith when text.Length > 1:
                        atoms.Add(new IndexAtom(ProbeKind.Suffix, field.Slot, ignoreCase, [text], 0.05));
                        break;
                    case ConditionOperator.Contains:
                        var equals = text.IndexOf('=', StringComparison.Ordinal);
                        atoms.Add(new IndexAtom(ProbeKind.Contains, field.Slot, ignoreCase, [equals > 0 ? text[..(equals + 1)] : text], 0.05));
                        break;
                    case ConditionOperator.MatchesWildcard:
                        AddWildcard(text, field.Slot, ignoreCase, atoms);
                        break;
                }

                return;

            case FieldType.Enum:
                if (Listed(op, value) is { } names)
                {
                    var codes = names.Select(name => field.IndexOfValue(name)).Where(code => code >= 0).Distinct().ToArray();

                    // A value outside the allowed ones is refused by validation; were it not, the condition could never hold.
                    if (codes.Length > 0)
                    {
                        var keys = codes.Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                        atoms.Add(new IndexAtom(ProbeKind.Code, field.Slot, IgnoreCase: false, keys, Math.Max(1.0 / Math.Max(field.AllowedValues.Length, 1), 0.02)));
                    }
                }

                return;

            case FieldType.Boolean when op is ConditionOperator.IsTrue or ConditionOperator.IsFalse:
                atoms.Add(new IndexAtom(ProbeKind.Boolean, field.Slot, IgnoreCase: false, [op == ConditionOperator.IsTrue ? bool.TrueString : bool.FalseString], 0.5));
                return;
        }
    }

    /// <summary>A wildcard is an equality without <c>*</c>; otherwise its literal before the first <c>*</c> is a prefix and the one after the last is a suffix.</summary>
    private static void AddWildcard(string pattern, int slot, bool ignoreCase, List<IndexAtom> atoms)
    {
        var first = pattern.IndexOf('*', StringComparison.Ordinal);
        if (first < 0)
        {
            atoms.Add(new IndexAtom(ProbeKind.Text, slot, ignoreCase, [pattern], 0.02));
            return;
        }

        if (first > 1)
        {
            atoms.Add(new IndexAtom(ProbeKind.Prefix, slot, ignoreCase, [pattern[..first]], 0.05));
        }

        var last = pattern.LastIndexOf('*');
        if (pattern.Length - last - 1 > 1)
        {
            atoms.Add(new IndexAtom(ProbeKind.Suffix, slot, ignoreCase, [pattern[(last + 1)..]], 0.05));
        }
    }

    /// <summary>The values an <c>is</c> or <c>isOneOf</c> condition accepts, or <see langword="null"/> for another operator.</summary>
    private static string[]? Listed(ConditionOperator op, ConditionValue value) => op switch
    {
        ConditionOperator.Is when value.Kind == ConditionValueKind.Text => [value.Text],
        ConditionOperator.IsOneOf when value.Kind == ConditionValueKind.List && value.Items.Length > 0 && value.Items.All(item => item.Kind == ConditionValueKind.Text) =>
            [.. value.Items.Select(item => item.Text)],
        _ => null,
    };

    private static string[] Distinct(IEnumerable<string> keys, bool ignoreCase) =>
        [.. keys.Distinct(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)];

    /// <summary>The first subtag of a language tag or range (<c>en</c> of <c>en-GB</c> or <c>en_GB</c>).</summary>
    internal static string LanguagePrimary(string tag) => LanguagePrimary(tag.AsSpan()).ToString();

    /// <inheritdoc cref="LanguagePrimary(string)"/>
    internal static ReadOnlySpan<char> LanguagePrimary(ReadOnlySpan<char> tag)
    {
        var end = tag.IndexOfAny('-', '_');
        return end < 0 ? tag : tag[..end];
    }
}
