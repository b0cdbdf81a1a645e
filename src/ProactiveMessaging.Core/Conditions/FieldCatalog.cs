using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// The fields that conditions can test: the built-in fields (<see cref="Default"/>) plus the
/// custom attributes (<c>custom.&lt;name&gt;</c>) and events (<c>event.&lt;name&gt;.occurred</c>,
/// <c>event.&lt;name&gt;.count</c>) a host declares once.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: <see cref="WithCustomAttribute"/> and <see cref="WithEvent"/>
/// return a new catalog. Compiled conditions and <see cref="VisitorContext"/> instances belong to
/// the catalog they were made with; resolve slots (<see cref="GetSlot"/>) once at start-up.
/// </remarks>
public sealed class FieldCatalog
{
    /// <summary>The longest name of a custom attribute, event or query parameter.</summary>
    internal const int MaxDeclaredNameLength = 64;

    /// <summary>The most values an enum custom attribute may declare.</summary>
    internal const int MaxEnumValues = 256;

    private readonly FrozenDictionary<string, FieldDefinition> _byName;

    /// <summary>The characters-present signature of each field name, for "did you mean" (made at the first suggestion).</summary>
    private ulong[]? _signatures;

    private FieldCatalog(ImmutableArray<FieldDefinition> fields, int slotCount, FieldCatalog? parent = null)
    {
        Parent = parent;
        Fields = fields;
        SlotCount = slotCount;
        _byName = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the catalog of the built-in fields only.</summary>
    public static FieldCatalog Default { get; } = new(BuiltInFields.Create(), BuiltInFields.Count);

    /// <summary>
    /// Gets every declared field, built-in first, in declaration order. The open family
    /// <c>page.query.&lt;name&gt;</c> is not listed: any parameter name is accepted.
    /// </summary>
    public ImmutableArray<FieldDefinition> Fields { get; }

    /// <summary>Gets the number of value slots a visitor context of this catalog holds.</summary>
    internal int SlotCount { get; }

    /// <summary>Gets the catalog this one extends: its slots keep their indexes here.</summary>
    internal FieldCatalog? Parent { get; }

    /// <summary>Whether this catalog is <paramref name="other"/> or extends it (so a visitor of this catalog fits conditions compiled for the other).</summary>
    internal bool Extends(FieldCatalog other)
    {
        for (var catalog = this; catalog is not null; catalog = catalog.Parent)
        {
            if (ReferenceEquals(catalog, other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns a catalog that also declares the custom attribute <c>custom.<paramref name="name"/></c>.</summary>
    /// <param name="name">The attribute name: 1 to 64 ASCII letters, digits or <c>_</c>, starting with a letter (such as <c>plan</c>).</param>
    /// <param name="type">The type of its values.</param>
    /// <param name="allowedValues">For <see cref="FieldType.Enum"/>, the allowed values (1 to 256, distinct ignoring case); otherwise none.</param>
    /// <param name="ignoreCase">For text and list attributes, whether comparisons ignore case (ordinal-ignore-case); otherwise ordinal.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentException">The name is malformed or already declared, or the allowed values do not fit the type.</exception>
    public FieldCatalog WithCustomAttribute(string name, FieldType type, IEnumerable<string>? allowedValues = null, bool ignoreCase = true)
    {
        CheckName(name);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown field type.");
        }

        var fullName = BuiltInFields.CustomPrefix + name;
        if (_byName.ContainsKey(fullName))
        {
            throw new ArgumentException($"The custom attribute '{name}' is already declared.", nameof(name));
        }

        ImmutableArray<string> values = allowedValues is null ? [] : [.. allowedValues];
        if (type == FieldType.Enum)
        {
            if (values.IsEmpty || values.Length > MaxEnumValues)
            {
                throw new ArgumentException($"An enum attribute needs 1 to {MaxEnumValues} allowed values.", nameof(allowedValues));
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value) || !seen.Add(value))
                {
                    throw new ArgumentException("The allowed values must be non-empty and distinct ignoring case.", nameof(allowedValues));
                }
            }
        }
        else if (!values.IsEmpty)
        {
            throw new ArgumentException("Only an enum attribute has allowed values.", nameof(allowedValues));
        }

        var field = new FieldDefinition(fullName, type, SlotCount, FieldAccess.Custom, ignoreCase || type == FieldType.Enum, values, $"The custom attribute '{name}'.");
        return new FieldCatalog(Fields.Add(field), SlotCount + 1, this);
    }

    /// <summary>
    /// Returns a catalog that also declares the event <paramref name="name"/>: the fields
    /// <c>event.&lt;name&gt;.occurred</c> (boolean: it occurred in this visit) and
    /// <c>event.&lt;name&gt;.count</c> (number: how many times in this visit).
    /// </summary>
    /// <param name="name">The event name: 1 to 64 ASCII letters, digits or <c>_</c>, starting with a letter (such as <c>addedToCart</c>).</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentException">The name is malformed or already declared.</exception>
    public FieldCatalog WithEvent(string name)
    {
        CheckName(name);
        var prefix = BuiltInFields.EventPrefix + name;
        if (_byName.ContainsKey(prefix + BuiltInFields.CountSuffix))
        {
            throw new ArgumentException($"The event '{name}' is already declared.", nameof(name));
        }

        var occurred = new FieldDefinition(prefix + BuiltInFields.OccurredSuffix, FieldType.Boolean, SlotCount, FieldAccess.EventOccurred, ignoreCase: false, [], $"Whether the event '{name}' occurred in this visit.");
        var count = new FieldDefinition(prefix + BuiltInFields.CountSuffix, FieldType.Number, SlotCount, FieldAccess.EventCount, ignoreCase: false, [], $"How many times the event '{name}' occurred in this visit.");
        return new FieldCatalog(Fields.Add(occurred).Add(count), SlotCount + 1, this);
    }

    /// <summary>Finds a field by its exact name, including any <c>page.query.&lt;name&gt;</c>.</summary>
    /// <param name="name">The field name, such as <c>page.url</c>.</param>
    /// <param name="field">The field, when found.</param>
    /// <returns><see langword="true"/> when the field exists.</returns>
    public bool TryGetField(string name, [NotNullWhen(true)] out FieldDefinition? field)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out field))
        {
            return true;
        }

        if (name.StartsWith(BuiltInFields.QueryPrefix, StringComparison.Ordinal) && IsQueryParameterName(name.AsSpan(BuiltInFields.QueryPrefix.Length)))
        {
            var parameter = name[BuiltInFields.QueryPrefix.Length..];
            field = new FieldDefinition(name, FieldType.Text, BuiltInFields.PageUrl, FieldAccess.QueryParameter, ignoreCase: false, [], $"The value of the query parameter '{parameter}' of the current page URL.")
            {
                QueryParameter = parameter,
            };
            return true;
        }

        return false;
    }

    /// <summary>
    /// Resolves the slot of a custom attribute (<c>custom.plan</c>) or an event (<c>event.addedToCart</c>)
    /// once, so that <see cref="VisitorContext"/> setters take no name look-up per event.
    /// </summary>
    /// <param name="name">The full name: <c>custom.&lt;name&gt;</c> or <c>event.&lt;name&gt;</c>.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentException">No such attribute or event is declared.</exception>
    public FieldSlot GetSlot(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_byName.TryGetValue(name, out var field) && field.Access == FieldAccess.Custom)
        {
            return new FieldSlot(this, field.Slot, field.Type, field);
        }

        if (name.StartsWith(BuiltInFields.EventPrefix, StringComparison.Ordinal)
            && _byName.TryGetValue(name + BuiltInFields.CountSuffix, out field))
        {
            return new FieldSlot(this, field.Slot, FieldType.Number, field);
        }

        throw new ArgumentException($"'{name}' is not a declared custom attribute (custom.<name>) or event (event.<name>).", nameof(name));
    }

    /// <summary>Returns the known field name nearest to <paramref name="name"/>, for "did you mean" messages.</summary>
    internal string? Suggest(string name)
    {
        // Only a near name is worth suggesting: within a third of the name's length, at least 2 and
        // at most 3 edits. The cap also bounds the work, which hostile input can multiply.
        var limit = Math.Clamp(name.Length / 3, 2, 3);
        var signatures = _signatures ??= ComputeSignatures(Fields);
        var signature = Signature(name);
        string? best = null;
        var bestDistance = limit + 1;
        for (var i = 0; i < Fields.Length; i++)
        {
            // One edit changes at most two bits of the characters-present signature, so a pair
            // whose signatures differ in more bits than twice the bound is not compared at all.
            var bound = bestDistance - 1;
            if (System.Numerics.BitOperations.PopCount(signature ^ signatures[i]) > 2 * bound)
            {
                continue;
            }

            // The first nearest name wins a tie: a later field must be strictly nearer.
            var distance = EditDistance.Compute(name, Fields[i].Name, bound);
            if (distance < bestDistance)
            {
                best = Fields[i].Name;
                bestDistance = distance;
                if (distance == 0)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The set of characters (ignoring ASCII case) a name holds, folded into 64 bits.</summary>
    private static ulong Signature(string name)
    {
        ulong signature = 0;
        foreach (var c in name)
        {
            signature |= 1UL << (char.ToLowerInvariant(c) % 64);
        }

        return signature;
    }

    private static ulong[] ComputeSignatures(ImmutableArray<FieldDefinition> fields)
    {
        var signatures = new ulong[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            signatures[i] = Signature(fields[i].Name);
        }

        return signatures;
    }

    internal static bool IsQueryParameterName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxDeclaredNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '[' or ']'))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var ok = name.Length is > 0 and <= MaxDeclaredNameLength && char.IsAsciiLetter(name[0]);
        foreach (var c in name)
        {
            ok &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        if (!ok)
        {
            throw new ArgumentException($"'{name}' is not a valid name: use 1 to {MaxDeclaredNameLength} ASCII letters, digits or '_', starting with a letter.", nameof(name));
        }
    }
}
