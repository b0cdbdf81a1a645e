using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Storage;

/// <summary>
/// Where a host keeps its proactive messages, per workspace. The catalog
/// (<c>ProactiveMessaging.Lifecycle.MessageCatalog</c>) is the usual caller; it owns the lifecycle
/// rules, the store owns durability and optimistic concurrency.
/// </summary>
/// <remarks>
/// <para>
/// <b>Contract.</b> Every operation is atomic for the message it touches: it is applied whole or
/// not at all, and readers never see half of it. Writes are checked against
/// <see cref="ProactiveMessage.Version"/>: a new message has version 1 and each replacement stores
/// version <c>expectedVersion + 1</c>. A refused write changes nothing.
/// </para>
/// <para>
/// <b>Refusals are exceptions here</b>, because they are races between writers rather than
/// answers a caller asks for: a stale version throws <see cref="MessageVersionConflictException"/>,
/// a missing message <see cref="MessageNotFoundException"/>, an insert of an existing id
/// <see cref="MessageAlreadyExistsException"/>. The catalog turns them into refusal values.
/// </para>
/// <para>
/// <b>Ids.</b> Workspace and message ids follow <see cref="IdRule"/>; a store throws
/// <see cref="ArgumentException"/> for one that does not, before it changes anything.
/// </para>
/// <para>
/// <b>Workspace settings.</b> Beside its messages, a workspace has one
/// <see cref="WorkspaceSettings"/> value (name, schedules, default schedule...), which the store
/// keeps whole and returns as it was given, without looking inside.
/// </para>
/// <para>
/// Implementations must be thread-safe. Reads return immutable messages; a list is a consistent
/// view of the workspace at one moment for each message (it may mix moments across messages only
/// if the implementation documents it). The in-memory default is <see cref="InMemoryMessageStore"/>.
/// </para>
/// </remarks>
public interface IMessageStore
{
    /// <summary>Reads one message.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or <see langword="null"/> when the workspace has no message with that id.</returns>
    ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default);

    /// <summary>Reads every message of a workspace, in no particular order.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages; empty for an unknown workspace.</returns>
    ValueTask<ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new message.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="message">The message; its <see cref="ProactiveMessage.Version"/> must be 1.</param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns>A task that completes when the message is stored.</returns>
    /// <exception cref="MessageAlreadyExistsException">The workspace already has a message with that id; nothing changed.</exception>
    /// <exception cref="ArgumentException">The message's version is not 1.</exception>
    ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new message, as <see cref="InsertAsync"/> does, unless another message of the
    /// workspace already has its name (compared with <see cref="StringComparer.OrdinalIgnoreCase"/>):
    /// the check and the insert are one atomic step, so that writers on many nodes never store two
    /// messages with one name this way. The catalog names duplicates with it.
    /// </summary>
    /// <remarks>
    /// Only this method refuses a name in use; <see cref="InsertAsync"/>,
    /// <see cref="ReplaceAsync"/>, seeds and imports store any name, and the check sees the names
    /// they stored.
    /// </remarks>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="message">The message; its <see cref="ProactiveMessage.Version"/> must be 1.</param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns><see langword="true"/> when the message was stored; <see langword="false"/> when its name is in use, and nothing changed.</returns>
    /// <exception cref="MessageAlreadyExistsException">The workspace already has a message with that id; nothing changed.</exception>
    /// <exception cref="ArgumentException">The message's version is not 1.</exception>
    ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default);

    /// <summary>Replaces a message if its stored version is still the one the caller read.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="message">The new state; its <see cref="ProactiveMessage.Version"/> must be <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns>A task that completes when the message is replaced.</returns>
    /// <exception cref="MessageNotFoundException">No message has that id; nothing changed.</exception>
    /// <exception cref="MessageVersionConflictException">The stored version is not <paramref name="expectedVersion"/>; nothing changed.</exception>
    /// <exception cref="ArgumentException">The message's version is not <paramref name="expectedVersion"/> + 1.</exception>
    ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes a message for good if its stored version is still the one the caller read.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns>A task that completes when the message is removed.</returns>
    /// <exception cref="MessageNotFoundException">No message has that id.</exception>
    /// <exception cref="MessageVersionConflictException">The stored version is not <paramref name="expectedVersion"/>; nothing changed.</exception>
    ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Seeds a workspace the first time it is initialised: atomically, if the workspace was never
    /// initialised, marks it initialised and inserts <paramref name="messages"/>; otherwise does
    /// nothing. However many callers race, at most one seed is ever stored per workspace.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messages">The messages to insert, each with version 1 and a distinct id.</param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns><see langword="true"/> when this call seeded the workspace; <see langword="false"/> when it was already initialised.</returns>
    ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Reads a workspace's settings.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The settings as last stored, or <see langword="null"/> when none were.</returns>
    ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>Stores a workspace's settings, replacing the stored ones whole (the last write wins).</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="settings">The settings; their <see cref="WorkspaceSettings.Id"/> is <paramref name="workspaceId"/>.</param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns>A task that completes when the settings are stored.</returns>
    /// <exception cref="ArgumentException">The settings belong to another workspace.</exception>
    ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a catalog import as one atomic change: marks the workspace initialised (so that
    /// <see cref="InitializeWorkspaceAsync"/> seeds nothing later), stores the settings, inserts
    /// <paramref name="inserts"/> with the versions they carry and replaces the stored messages of
    /// <paramref name="replacements"/>. Either all of it is applied or nothing is.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="settings">The settings; their <see cref="WorkspaceSettings.Id"/> is <paramref name="workspaceId"/>.</param>
    /// <param name="inserts">New messages, each with a distinct id absent from the workspace and any version of 1 or more.</param>
    /// <param name="replacements">
    /// Messages that replace stored ones; each replaces the stored message of its id only if the
    /// stored version is the replacement's version minus one (the version the caller read).
    /// </param>
    /// <param name="cancellationToken">Cancels the write before it is applied.</param>
    /// <returns>A task that completes when the import is stored.</returns>
    /// <exception cref="MessageAlreadyExistsException">An insert's id is in use; nothing changed.</exception>
    /// <exception cref="MessageNotFoundException">A replacement's message is not stored; nothing changed.</exception>
    /// <exception cref="MessageVersionConflictException">A replacement's message changed since it was read; nothing changed.</exception>
    /// <exception cref="ArgumentException">
    /// The settings belong to another workspace, an id appears twice, or a version is below 1
    /// (below 2 for a replacement); nothing changed.
    /// </exception>
    ValueTask ImportWorkspaceAsync(
        string workspaceId,
        WorkspaceSettings settings,
        IReadOnlyList<ProactiveMessage> inserts,
        IReadOnlyList<ProactiveMessage> replacements,
        CancellationToken cancellationToken = default);
}
