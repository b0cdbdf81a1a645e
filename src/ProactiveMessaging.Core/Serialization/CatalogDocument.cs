using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Serialization;

/// <summary>A catalog export: the workspace settings and every message, as the JSON format carries them.</summary>
/// <remarks>Immutable and thread-safe; equality is structural.</remarks>
public sealed class CatalogDocument : IEquatable<CatalogDocument>
{
    /// <summary>Creates a catalog document.</summary>
    /// <param name="workspace">The workspace settings.</param>
    /// <param name="messages">The messages, in order; ids must be unique.</param>
    public CatalogDocument(WorkspaceSettings workspace, IEnumerable<ProactiveMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(messages);
        Workspace = workspace;
        Messages = [.. messages];
    }

    /// <summary>Gets the workspace settings.</summary>
    public WorkspaceSettings Workspace { get; }

    /// <summary>Gets the messages, in document order.</summary>
    public ImmutableArray<ProactiveMessage> Messages { get; }

    /// <inheritdoc/>
    public bool Equals(CatalogDocument? other) =>
        other is not null && Workspace.Equals(other.Workspace) && Messages.SequenceEqual(other.Messages);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CatalogDocument);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Workspace, Messages.Length);
}
