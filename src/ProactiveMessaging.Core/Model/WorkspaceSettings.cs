using System.Collections.Immutable;
using System.Globalization;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Model;

/// <summary>
/// The workspace-wide settings that a catalog export carries beside its messages: schedules, and
/// the custom attributes and events that its conditions may test.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equality compares the schedules, the custom attributes and the
/// events in order. The declarations are data: <see cref="ExtendFields"/> checks them and gives the
/// field catalogue that the workspace's messages validate and run against.
/// </remarks>
public sealed record WorkspaceSettings
{
    /// <summary>Creates workspace settings.</summary>
    /// <param name="id">The workspace id.</param>
    public WorkspaceSettings(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Id = id;
    }

    /// <summary>Gets the workspace id.</summary>
    public string Id { get; init; }

    /// <summary>Gets the workspace's display name, if any.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the id of the schedule used by channels that have none of their own, if any.</summary>
    public string? DefaultScheduleId { get; init; }

    /// <summary>Gets the workspace's business-hours schedules, referred to by id from channels and <see cref="DefaultScheduleId"/>.</summary>
    public ImmutableArray<BusinessHoursSchedule> Schedules
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>
    /// Gets the custom attributes the workspace declares (<c>custom.&lt;name&gt;</c>), in order: at
    /// most 256, each name once.
    /// </summary>
    /// <exception cref="ArgumentException">Set to an array that holds <see langword="null"/>.</exception>
    public ImmutableArray<CustomAttributeDeclaration> CustomAttributes
    {
        get;
        init => field = NoNulls(value, nameof(CustomAttributes));
    } = [];

    /// <summary>
    /// Gets the names of the events the workspace declares, in order: at most 256, each once. An
    /// event <c>addedToCart</c> gives the fields <c>event.addedToCart.occurred</c> and
    /// <c>event.addedToCart.count</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Set to an array that holds <see langword="null"/>.</exception>
    public ImmutableArray<string> Events
    {
        get;
        init => field = NoNulls(value, nameof(Events));
    } = [];

    /// <summary>
    /// Checks the declared custom attributes and events against <paramref name="fields"/> (the
    /// host's field catalogue) and returns that catalogue extended with them.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A declaration identical to one of <paramref name="fields"/> (the same type, the same case
    /// mode where it applies, the same allowed values in the same order; any declaration of an event)
    /// is accepted and changes nothing, so that a host that declares the same attribute in code still
    /// reads the workspace. A declaration that differs from the host's is a conflict.
    /// </para>
    /// <para>
    /// With no declarations, or only ones the host already has, the result is
    /// <paramref name="fields"/> itself. Problems have paths from the settings as <c>$</c>, such as
    /// <c>$.customAttributes[2].name</c> or <c>$.events[0]</c> (in a catalog document they sit under
    /// <c>$.workspace</c>).
    /// </para>
    /// </remarks>
    /// <param name="fields">The host's field catalogue, such as <see cref="FieldCatalog.Default"/>.</param>
    /// <returns>The extended catalogue, or every problem found in the declarations.</returns>
    public ValidationResult<FieldCatalog> ExtendFields(FieldCatalog fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var extended = Extend(
            fields,
            [.. CustomAttributes.Select((attribute, i) => (i, attribute))],
            CustomAttributes.Length,
            [.. Events.Select((name, i) => (i, name))],
            Events.Length,
            "$",
            problems);
        return problems.Count == 0
            ? ValidationResult<FieldCatalog>.Success(extended)
            : ValidationResult<FieldCatalog>.Failure(problems.ToImmutable());
    }

    /// <inheritdoc/>
    public bool Equals(WorkspaceSettings? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(DefaultScheduleId, other.DefaultScheduleId, StringComparison.Ordinal)
        && Schedules.SequenceEqual(other.Schedules)
        && CustomAttributes.SequenceEqual(other.CustomAttributes)
        && Events.SequenceEqual(other.Events, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, DefaultScheduleId, Schedules.Length, CustomAttributes.Length, Events.Length);

    /// <summary>
    /// Adds to <paramref name="problems"/> every problem of the declarations (paths under
    /// <paramref name="path"/>) and returns <paramref name="fields"/> extended with the declarations
    /// that have none, so that a reader can still check the messages against them.
    /// </summary>
    /// <remarks>
    /// Each declaration comes with its index in the list it was written in, and the counts are of
    /// those lists: a reader leaves out the items it could not read, and the paths stay right.
    /// </remarks>
    internal static FieldCatalog Extend(
        FieldCatalog fields,
        IReadOnlyList<(int Index, CustomAttributeDeclaration Attribute)> attributes,
        int attributeCount,
        IReadOnlyList<(int Index, string Name)> events,
        int eventCount,
        string path,
        ImmutableArray<Problem>.Builder problems)
    {
        var extended = fields;
        var attributesPath = path + ".customAttributes";
        if (attributeCount > CustomAttributeDeclaration.MaxPerWorkspace)
        {
            problems.Add(new Problem(ConditionProblemCodes.DeclarationTooMany, $"The workspace declares {attributeCount} custom attributes; at most {CustomAttributeDeclaration.MaxPerWorkspace} are allowed.", attributesPath));
            attributes = [];
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (i, attribute) in attributes)
        {
            var itemPath = Index(attributesPath, i);
            var valid = CheckName(attribute.Name, "custom attribute", itemPath + ".name", problems);
            if (!Enum.IsDefined(attribute.Type))
            {
                problems.Add(new Problem(ModelProblemCodes.EnumValueUnknown, $"{(int)attribute.Type} is not a field type.", itemPath + ".type"));
                valid = false;
            }

            valid &= CheckAllowedValues(attribute, itemPath + ".allowedValues", problems);
            if (!CheckUnique(seen, attribute.Name, i, attributesPath, itemPath + ".name", "custom attribute", problems) || !valid)
            {
                continue;
            }

            if (fields.TryGetField(BuiltInFields.CustomPrefix + attribute.Name, out var declared))
            {
                if (!attribute.IsSameAs(declared))
                {
                    problems.Add(new Problem(
                        ConditionProblemCodes.DeclarationConflict,
                        $"The host already declares 'custom.{attribute.Name}' as {Describe(declared)}; this declaration says {Describe(attribute)}. Declare it the same way or not at all.",
                        itemPath));
                }

                continue;
            }

            extended = extended.WithCustomAttribute(
                attribute.Name,
                attribute.Type,
                attribute.Type == FieldType.Enum ? attribute.AllowedValues : null,
                !attribute.HasCaseMode || attribute.IgnoreCase);
        }

        var eventsPath = path + ".events";
        if (eventCount > CustomAttributeDeclaration.MaxPerWorkspace)
        {
            problems.Add(new Problem(ConditionProblemCodes.DeclarationTooMany, $"The workspace declares {eventCount} events; at most {CustomAttributeDeclaration.MaxPerWorkspace} are allowed.", eventsPath));
            events = [];
        }

        seen.Clear();
        foreach (var (i, name) in events)
        {
            var itemPath = Index(eventsPath, i);
            if (CheckName(name, "event", itemPath, problems)
                && CheckUnique(seen, name, i, eventsPath, itemPath, "event", problems)
                && !fields.TryGetField(BuiltInFields.EventPrefix + name + BuiltInFields.CountSuffix, out _))
            {
                // An event has no shape to disagree on: one the host declares already is simply there.
                extended = extended.WithEvent(name);
            }
        }

        return extended;
    }

    private static bool CheckName(string name, string what, string path, ImmutableArray<Problem>.Builder problems)
    {
        var valid = name.Length is > 0 and <= FieldCatalog.MaxDeclaredNameLength && char.IsAsciiLetter(name[0]);
        foreach (var c in name)
        {
            valid &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        if (!valid)
        {
            problems.Add(new Problem(
                ConditionProblemCodes.DeclarationNameInvalid,
                $"A {what} name is 1 to {FieldCatalog.MaxDeclaredNameLength} ASCII letters, digits or '_', starting with a letter.",
                path));
        }

        return valid;
    }

    private static bool CheckUnique(Dictionary<string, int> seen, string name, int index, string listPath, string path, string what, ImmutableArray<Problem>.Builder problems)
    {
        if (seen.TryGetValue(name, out var first))
        {
            problems.Add(new Problem(ConditionProblemCodes.DeclarationDuplicate, $"The {what} '{name}' is already declared by {Index(listPath, first)}.", path));
            return false;
        }

        seen.Add(name, index);
        return true;
    }

    private static bool CheckAllowedValues(CustomAttributeDeclaration attribute, string path, ImmutableArray<Problem>.Builder problems)
    {
        var values = attribute.AllowedValues;
        if (attribute.Type != FieldType.Enum)
        {
            if (values.IsEmpty)
            {
                return true;
            }

            problems.Add(new Problem(ConditionProblemCodes.DeclarationAllowedValuesInvalid, "Only an enum attribute has allowed values.", path));
            return false;
        }

        if (values.IsEmpty || values.Length > FieldCatalog.MaxEnumValues)
        {
            problems.Add(new Problem(ConditionProblemCodes.DeclarationAllowedValuesInvalid, $"An enum attribute has 1 to {FieldCatalog.MaxEnumValues} allowed values; this one has {values.Length}.", path));
            return false;
        }

        var valid = true;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Length; i++)
        {
            if (string.IsNullOrEmpty(values[i]))
            {
                problems.Add(new Problem(ConditionProblemCodes.DeclarationAllowedValuesInvalid, "An allowed value is not empty.", Index(path, i)));
                valid = false;
            }
            else if (HasLoneSurrogate(values[i]))
            {
                // No JSON document could carry it back: the writer would put U+FFFD in its place.
                problems.Add(new Problem(ConditionProblemCodes.DeclarationAllowedValuesInvalid, "An allowed value is Unicode text: it has half of a UTF-16 surrogate pair.", Index(path, i)));
                valid = false;
            }
            else if (!seen.Add(values[i]))
            {
                problems.Add(new Problem(ConditionProblemCodes.DeclarationAllowedValuesInvalid, $"The allowed value '{values[i]}' appears twice (values compare ignoring case).", Index(path, i)));
                valid = false;
            }
        }

        return valid;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(FieldDefinition field) =>
        Describe(field.Type, field.Type is FieldType.Text or FieldType.List ? field.IgnoreCase : null, field.AllowedValues);

    private static string Describe(CustomAttributeDeclaration attribute) =>
        Describe(attribute.Type, attribute.HasCaseMode ? attribute.IgnoreCase : null, attribute.AllowedValues);

    private static string Describe(FieldType type, bool? ignoreCase, ImmutableArray<string> values) =>
        type switch
        {
            FieldType.Enum => $"an enum of [{string.Join(", ", values)}]",
            _ when ignoreCase is { } ignore => $"{type} ({(ignore ? "ignoring case" : "case-sensitive")})",
            _ => type.ToString(),
        };

    private static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    private static ImmutableArray<T> NoNulls<T>(ImmutableArray<T> value, string name)
        where T : class
    {
        if (value.IsDefault)
        {
            return [];
        }

        foreach (var item in value)
        {
            if (item is null)
            {
                throw new ArgumentException("The array holds null.", name);
            }
        }

        return value;
    }
}
