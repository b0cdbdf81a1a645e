namespace ProactiveMessaging.Model;

/// <summary>The workspace-wide settings that a catalog export carries beside its messages.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
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
}
