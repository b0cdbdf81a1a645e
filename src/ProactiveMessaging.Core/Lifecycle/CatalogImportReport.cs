using System.Collections.Immutable;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// What <see cref="MessageCatalog.ImportAsync"/> did: which messages it inserted, replaced and
/// skipped, and which Live or Paused messages it stored in Error; or, when refused, every problem
/// that refused it (and nothing changed).
/// </summary>
/// <remarks>
/// A refusal is a value, like a <see cref="MessageActionResult"/>: the problems carry paths into the
/// document (<c>$.messages[3].id</c>, <c>$.workspace.defaultScheduleId</c>) for a user interface to
/// show. <see cref="EnsureSucceeded"/> throws them instead. Immutable and thread-safe.
/// </remarks>
public sealed class CatalogImportReport
{
    private CatalogImportReport(
        string workspaceId,
        ImmutableArray<Problem> problems,
        ImmutableArray<string> inserted,
        ImmutableArray<string> replaced,
        ImmutableArray<string> skipped,
        ImmutableArray<ReconciliationChange> movedToError)
    {
        WorkspaceId = workspaceId;
        Problems = problems;
        Inserted = inserted;
        Replaced = replaced;
        Skipped = skipped;
        MovedToError = movedToError;
    }

    /// <summary>Gets the workspace the document was imported into: its <c>workspace.id</c>.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets a value indicating whether the import was stored.</summary>
    public bool Succeeded => Problems.IsEmpty;

    /// <summary>Gets every problem that refused the import; empty after a success.</summary>
    public ImmutableArray<Problem> Problems { get; }

    /// <summary>Gets the ids of the messages stored as new messages, in document order.</summary>
    public ImmutableArray<string> Inserted { get; }

    /// <summary>Gets the ids of the stored messages replaced by imported ones (<see cref="ImportConflictMode.Replace"/>), in document order.</summary>
    public ImmutableArray<string> Replaced { get; }

    /// <summary>Gets the ids of the imported messages left out because the workspace already held them (<see cref="ImportConflictMode.Skip"/>), in document order.</summary>
    public ImmutableArray<string> Skipped { get; }

    /// <summary>
    /// Gets the imported Live or Paused messages whose publish requirements did not hold against
    /// the snapshot: each was stored in <see cref="Model.MessageStatus.Error"/> with its problems,
    /// never Live. Also counted in <see cref="Inserted"/> or <see cref="Replaced"/>.
    /// </summary>
    public ImmutableArray<ReconciliationChange> MovedToError { get; }

    /// <summary>Returns this report if the import succeeded, or throws its problems.</summary>
    /// <returns>This report.</returns>
    /// <exception cref="InvalidInputException">The import was refused; the exception carries every problem.</exception>
    public CatalogImportReport EnsureSucceeded() => Succeeded ? this : throw new InvalidInputException(Problems);

    /// <inheritdoc/>
    public override string ToString() => Succeeded
        ? $"Import into {WorkspaceId}: {Inserted.Length} inserted, {Replaced.Length} replaced, {Skipped.Length} skipped, {MovedToError.Length} moved to Error"
        : $"Import into {WorkspaceId} refused with {Problems.Length} problems";

    internal static CatalogImportReport Refused(string workspaceId, ImmutableArray<Problem> problems) =>
        new(workspaceId, problems, [], [], [], []);

    internal static CatalogImportReport Success(
        string workspaceId,
        ImmutableArray<string> inserted,
        ImmutableArray<string> replaced,
        ImmutableArray<string> skipped,
        ImmutableArray<ReconciliationChange> movedToError) =>
        new(workspaceId, [], inserted, replaced, skipped, movedToError);
}
