namespace ProactiveMessaging.Conditions;

/// <summary>
/// A custom attribute or event of a <see cref="FieldCatalog"/>, resolved once with
/// <see cref="FieldCatalog.GetSlot"/> so that <see cref="VisitorContext"/> setters need no look-up by name.
/// </summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly struct FieldSlot : IEquatable<FieldSlot>
{
    internal FieldSlot(FieldCatalog catalog, int index, FieldType type, FieldDefinition field)
    {
        Catalog = catalog;
        Index = index;
        Type = type;
        Field = field;
    }

    /// <summary>Gets the type of the values the slot holds (an event holds its count, a <see cref="FieldType.Number"/>).</summary>
    public FieldType Type { get; }

    /// <summary>Gets the field name (for an event, its <c>.count</c> field), or <see langword="null"/> for a default instance.</summary>
    public string? Name => Field?.Name;

    internal FieldCatalog? Catalog { get; }

    internal int Index { get; }

    internal FieldDefinition? Field { get; }

    /// <summary>Compares two slots.</summary>
    /// <param name="left">The first slot.</param>
    /// <param name="right">The second slot.</param>
    /// <returns><see langword="true"/> when they are the same slot of the same catalog.</returns>
    public static bool operator ==(FieldSlot left, FieldSlot right) => left.Equals(right);

    /// <summary>Compares two slots.</summary>
    /// <param name="left">The first slot.</param>
    /// <param name="right">The second slot.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(FieldSlot left, FieldSlot right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(FieldSlot other) => ReferenceEquals(Catalog, other.Catalog) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FieldSlot other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Catalog, Index);

    /// <inheritdoc/>
    public override string ToString() => Name ?? "(none)";
}
