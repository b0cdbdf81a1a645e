namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// The stable codes of the problems that <see cref="MessageCatalog.ImportAsync"/> and
/// <see cref="MessageCatalog.SetWorkspaceSettingsAsync"/> report. An import's paths point into the
/// catalog document (<c>$.workspace...</c>, <c>$.messages[2].id</c>); the settings' paths into the
/// settings (<c>$.defaultScheduleId</c>).
/// </summary>
/// <remarks>The codes never change once released; match on them rather than on messages.</remarks>
public static class CatalogProblemCodes
{
    /// <summary>The document's workspace id breaks the <see cref="IdRule"/>. Path <c>$.workspace.id</c>.</summary>
    public const string WorkspaceIdInvalid = "catalog.workspaceId.invalid";

    /// <summary>Two schedules of the workspace settings have the same id, at the second one's <c>id</c>.</summary>
    public const string ScheduleIdDuplicate = "catalog.scheduleId.duplicate";

    /// <summary>The default schedule id names none of the workspace's schedules. Path <c>defaultScheduleId</c>.</summary>
    public const string DefaultScheduleUnknown = "catalog.defaultSchedule.unknown";

    /// <summary>Two messages of the document have the same id, at the second one's <c>id</c>.</summary>
    public const string MessageIdDuplicate = "catalog.messageId.duplicate";

    /// <summary>
    /// The workspace already holds a message with the imported message's id, and the import was asked
    /// to fail on such ids (<see cref="ImportConflictMode.Fail"/>). Path <c>$.messages[i].id</c>.
    /// </summary>
    public const string MessageIdExists = "catalog.messageId.exists";

    /// <summary>
    /// The workspace changed while the import was prepared (a message was added, changed or deleted
    /// by another writer); nothing was imported and the import may be retried. Also the refusal of a
    /// duplicate whose every candidate name other writers took first (path <c>$.name</c>); nothing
    /// was stored and it may be retried.
    /// </summary>
    public const string ConcurrentChange = "catalog.concurrentChange";

    /// <summary>
    /// New workspace settings would leave a stored message testing a custom attribute or event they
    /// no longer declare (or declare with another type); nothing was stored.
    /// </summary>
    public const string DeclarationInUse = "catalog.declaration.inUse";
}
