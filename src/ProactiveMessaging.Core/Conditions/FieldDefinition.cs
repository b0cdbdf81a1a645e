using System.Collections.Immutable;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>A field that conditions can test: its name, its <see cref="FieldType"/> and, for enums, the allowed values.</summary>
/// <remarks>Immutable and thread-safe. Instances come from a <see cref="FieldCatalog"/>.</remarks>
public sealed class FieldDefinition
{
    internal FieldDefinition(string name, FieldType type, int slot, FieldAccess access, bool ignoreCase, ImmutableArray<string> allowedValues, string description)
    {
        Name = name;
        Type = type;
        Slot = slot;
        Access = access;
        IgnoreCase = ignoreCase;
        AllowedValues = allowedValues.IsDefault ? [] : allowedValues;
        Description = description;
    }

    /// <summary>Gets the field name as conditions write it, such as <c>page.url</c> or <c>custom.plan</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the type of the field.</summary>
    public FieldType Type { get; }

    /// <summary>
    /// Gets a value indicating whether texts of this field compare ordinal-ignore-case (simple
    /// invariant case folding); otherwise they compare ordinal. Never culture-sensitive.
    /// </summary>
    public bool IgnoreCase { get; }

    /// <summary>Gets the allowed values of an <see cref="FieldType.Enum"/> field, in order; empty for other types.</summary>
    public ImmutableArray<string> AllowedValues { get; }

    /// <summary>Gets a one-line description of the field for people.</summary>
    public string Description { get; }

    /// <summary>Gets a value indicating whether the field is a host-declared custom attribute (<c>custom.*</c>).</summary>
    public bool IsCustomAttribute => Access == FieldAccess.Custom;

    /// <summary>Gets a value indicating whether the field is derived from a host-declared event (<c>event.*</c>).</summary>
    public bool IsEvent => Access is FieldAccess.EventOccurred or FieldAccess.EventCount;

    /// <summary>Gets the slot of the visitor context that holds the value.</summary>
    internal int Slot { get; }

    internal FieldAccess Access { get; }

    /// <summary>For a <c>page.query.&lt;name&gt;</c> field, the parameter name; otherwise <see langword="null"/>.</summary>
    internal string? QueryParameter { get; init; }

    /// <summary>Whether is / is not / is one of match language ranges (<c>ja</c> matches <c>ja-JP</c>).</summary>
    internal bool LanguageRange { get; init; }

    /// <summary>Whether text values of <c>is</c>, <c>is not</c> and <c>is one of</c> are normalised as URLs.</summary>
    internal bool Url { get; init; }

    /// <summary>Finds the index of an allowed value, ignoring case; -1 when it is not allowed. Allocation-free.</summary>
    internal int IndexOfValue(ReadOnlySpan<char> value)
    {
        var values = AllowedValues;
        if (Slot == BuiltInFields.Country && Access == FieldAccess.BuiltIn)
        {
            // The country codes are sorted; upper-case ASCII sorts the same ordinal and ignoring case.
            int low = 0, high = values.Length - 1;
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var order = value.CompareTo(values[middle], StringComparison.OrdinalIgnoreCase);
                if (order == 0)
                {
                    return middle;
                }

                if (order < 0)
                {
                    high = middle - 1;
                }
                else
                {
                    low = middle + 1;
                }
            }

            return -1;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (value.Equals(values[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Type})";
}
