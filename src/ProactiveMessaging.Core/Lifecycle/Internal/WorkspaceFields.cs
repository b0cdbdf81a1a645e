using System.Collections.Immutable;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>
/// A workspace's field catalogue (the host's fields plus the custom attributes and events its
/// settings declare) and the validator over it. The same declarations give the same instance, so
/// that Live sets, compiled plans and the visitor contexts a host made keep fitting one another.
/// </summary>
internal sealed class WorkspaceFields
{
    private WorkspaceFields(ImmutableArray<CustomAttributeDeclaration> attributes, ImmutableArray<string> events, FieldCatalog fields, MessageValidator validator)
    {
        Attributes = attributes;
        Events = events;
        Fields = fields;
        Validator = validator;
    }

    public ImmutableArray<CustomAttributeDeclaration> Attributes { get; }

    public ImmutableArray<string> Events { get; }

    public FieldCatalog Fields { get; }

    public MessageValidator Validator { get; }

    /// <summary>The host's own fields: a workspace that declares nothing.</summary>
    public static WorkspaceFields Host(MessageValidator validator) => new([], [], validator.Fields, validator);

    /// <summary>
    /// The fields of <paramref name="settings"/> over the host's (<paramref name="host"/>), reusing
    /// <paramref name="current"/> when the declarations did not change.
    /// </summary>
    public static ValidationResult<WorkspaceFields> For(WorkspaceSettings settings, WorkspaceFields host, WorkspaceFields? current = null)
    {
        if (current is not null && current.Declares(settings))
        {
            return ValidationResult<WorkspaceFields>.Success(current);
        }

        if (host.Declares(settings))
        {
            return ValidationResult<WorkspaceFields>.Success(host);
        }

        var extended = settings.ExtendFields(host.Fields);
        return extended.TryGetValue(out var fields)
            ? ValidationResult<WorkspaceFields>.Success(new WorkspaceFields(settings.CustomAttributes, settings.Events, fields, host.Validator.WithFields(fields)))
            : ValidationResult<WorkspaceFields>.Failure(extended.Problems);
    }

    private bool Declares(WorkspaceSettings settings) =>
        Attributes.SequenceEqual(settings.CustomAttributes) && Events.SequenceEqual(settings.Events, StringComparer.Ordinal);
}
