namespace ProactiveMessaging.Lifecycle;

/// <summary>How <see cref="MessageCatalog.ImportAsync"/> imports a catalog document.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CatalogImportOptions
{
    /// <summary>Gets the default options: an id already in the workspace refuses the import.</summary>
    public static CatalogImportOptions Default { get; } = new();

    /// <summary>Gets what happens to an imported message whose id the workspace already holds.</summary>
    /// <value>The default value is <see cref="ImportConflictMode.Fail"/>.</value>
    public ImportConflictMode OnExistingId { get; init; } = ImportConflictMode.Fail;
}
