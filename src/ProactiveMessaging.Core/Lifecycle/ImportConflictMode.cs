namespace ProactiveMessaging.Lifecycle;

/// <summary>What <see cref="MessageCatalog.ImportAsync"/> does with a message whose id the workspace already holds.</summary>
public enum ImportConflictMode
{
    /// <summary>Refuse the whole import, naming every such id; nothing changes.</summary>
    Fail = 0,

    /// <summary>Keep the stored message and leave the imported one out.</summary>
    Skip = 1,

    /// <summary>
    /// Replace the stored message with the imported one; it takes the stored message's next version,
    /// so a caller still holding the old version gets a version conflict.
    /// </summary>
    Replace = 2,
}
