using System.Collections.Immutable;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Model;

/// <summary>The workspace-wide settings that a catalog export carries beside its messages.</summary>
/// <remarks>Immutable and thread-safe; equality compares the schedules in order.</remarks>
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

    /// <inheritdoc/>
    public bool Equals(WorkspaceSettings? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(DefaultScheduleId, other.DefaultScheduleId, StringComparison.Ordinal)
        && Schedules.SequenceEqual(other.Schedules);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Name, DefaultScheduleId, Schedules.Length);
}
