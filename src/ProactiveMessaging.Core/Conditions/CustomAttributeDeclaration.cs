using System.Collections.Immutable;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// A custom attribute as a workspace declares it, so that its conditions (<c>custom.&lt;name&gt;</c>)
/// validate without host code: the data behind <see cref="FieldCatalog.WithCustomAttribute"/>.
/// </summary>
/// <remarks>
/// <para>
/// Immutable and thread-safe. Constructing one checks nothing beyond <see langword="null"/>: a
/// declaration is data, read from a catalog document or built in code, and
/// <see cref="Model.WorkspaceSettings.ExtendFields"/> reports every problem in it.
/// </para>
/// <para>
/// Equality is structural: the name (ordinal), the type, the allowed values in order (ordinal), and
/// <see cref="IgnoreCase"/> for the types where it applies (<see cref="FieldType.Text"/> and
/// <see cref="FieldType.List"/>).
/// </para>
/// </remarks>
public sealed record CustomAttributeDeclaration
{
    /// <summary>The most custom attributes, and the most events, one workspace may declare.</summary>
    internal const int MaxPerWorkspace = 256;

    /// <summary>Creates a declaration.</summary>
    /// <param name="name">The attribute name without the <c>custom.</c> prefix, such as <c>plan</c>.</param>
    /// <param name="type">The type of its values.</param>
    public CustomAttributeDeclaration(string name, FieldType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Type = type;
    }

    /// <summary>
    /// Gets the attribute name without the <c>custom.</c> prefix: 1 to 64 ASCII letters, digits or
    /// <c>_</c>, starting with a letter (such as <c>plan</c>, tested as <c>custom.plan</c>).
    /// </summary>
    public string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>Gets the type of the attribute's values.</summary>
    public FieldType Type { get; init; }

    /// <summary>
    /// Gets a value indicating whether texts compare ordinal-ignore-case (otherwise ordinal). It
    /// applies to <see cref="FieldType.Text"/> and <see cref="FieldType.List"/> attributes only: enum
    /// values always compare ignoring case, and other types have no case. Elsewhere it is ignored.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IgnoreCase { get; init; } = true;

    /// <summary>
    /// Gets the allowed values of an <see cref="FieldType.Enum"/> attribute, in order: 1 to 256,
    /// non-empty and distinct ignoring case. Empty for every other type.
    /// </summary>
    public ImmutableArray<string> AllowedValues
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>Gets a value indicating whether <see cref="IgnoreCase"/> applies to the type.</summary>
    internal bool HasCaseMode => Type is FieldType.Text or FieldType.List;

    /// <inheritdoc/>
    public bool Equals(CustomAttributeDeclaration? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Type == other.Type
        && (!HasCaseMode || IgnoreCase == other.IgnoreCase)
        && AllowedValues.SequenceEqual(other.AllowedValues, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, HasCaseMode && IgnoreCase, AllowedValues.Length);

    /// <inheritdoc/>
    public override string ToString() => $"custom.{Name} ({Type})";

    /// <summary>Whether a field the host declared is this attribute exactly, so that declaring it again changes nothing.</summary>
    internal bool IsSameAs(FieldDefinition field) =>
        field.IsCustomAttribute
        && field.Type == Type
        && (!HasCaseMode || field.IgnoreCase == IgnoreCase)
        && field.AllowedValues.SequenceEqual(AllowedValues, StringComparer.Ordinal);
}
