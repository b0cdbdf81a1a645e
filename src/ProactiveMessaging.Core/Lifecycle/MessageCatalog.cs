using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using ProactiveMessaging.Diagnostics.Internal;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Experiments.Internal;
using ProactiveMessaging.Lifecycle.Internal;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// The authoring side of proactive messaging: what an administrator does on the proactive messages
/// page. Lists a workspace's messages, creates them, runs the lifecycle actions of
/// <see cref="MessageActions"/> (Edit, Duplicate, Publish, Pause, Resume, Delete), reconciles them
/// with a changed workspace, exports and imports whole catalogs, and hands the Live messages to the
/// runtime as a <see cref="LiveMessageSet"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>One configuration.</b> The catalog validates messages against the field catalogue and the
/// limits of the <see cref="ProactiveMessagingOptions"/> it is built with; build the
/// <see cref="Runtime.ProactiveEngine"/> from the same options object (<c>AddProactiveMessaging</c>
/// does) so that what the catalog saves is what the engine compiles.
/// </para>
/// <para>
/// <b>Refusals are values.</b> Each action returns a <see cref="MessageActionResult"/>: a missing
/// message, a stale expected version, an action the status does not allow, or problems (malformed
/// content, an edit that would break a Live message, unmet publish requirements, all listed at
/// once). A refused action changes nothing. <see cref="MessageActionResult.EnsureSucceeded"/> turns
/// a refusal into its typed exception for callers who prefer to throw. Arguments that are
/// programming errors throw <see cref="ArgumentException"/>: a null argument, and a workspace or
/// message id that breaks the <see cref="IdRule"/> (check input with <see cref="IdRule.IsValid"/>).
/// </para>
/// <para>
/// <b>Metrics.</b> Every message the catalog returns shows its stored
/// <see cref="ProactiveMessage.Metrics"/> (zero for a message created here, the history of an
/// imported one) plus the visitor counts of the <see cref="IMetricsStore"/> the engine records
/// into, read when the message is returned (one round trip per list). Recording never writes to a
/// message.
/// </para>
/// <para>
/// <b>Concurrency.</b> Every action that changes a message takes the version the caller read and
/// is refused with <see cref="MessageActionRefusal.VersionConflict"/> when the message changed since:
/// of many concurrent writers holding the same version, exactly one wins. Writes go through the
/// <see cref="IMessageStore"/>, which applies each one atomically.
/// </para>
/// <para>
/// <b>Presets.</b> The first access to a workspace through any method seeds three preset Drafts
/// (see docs/lifecycle.md), exactly once however many callers race, through
/// <see cref="IMessageStore.InitializeWorkspaceAsync"/>; with
/// <see cref="ProactiveMessagingOptions.SeedPresets"/> off it seeds nothing. An import into a
/// workspace never accessed before seeds nothing either.
/// </para>
/// <para>
/// <b>Live set.</b> After each change that affects Live messages (publish, pause, resume, edit or
/// delete of a Live message, reconciliation that moves a Live message to Error, an import) the
/// catalog rebuilds the workspace's <see cref="LiveMessageSet"/> from the store, swaps it in atomically
/// (readable lock-free with <see cref="GetLiveSet"/>) and delivers it to every
/// <see cref="ILiveSetListener"/>. Rebuilds of one workspace take turns, so a set is never
/// published after a newer one. The set reflects changes made through this catalog instance; a host
/// whose store is also written elsewhere calls <see cref="RefreshLiveSetAsync"/> when told of a
/// change.
/// </para>
/// <para>Thread-safe: one instance serves every workspace and every thread.</para>
/// </remarks>
public sealed class MessageCatalog
{
    /// <summary>How many names a duplicate tries when other writers keep taking them, before it is refused.</summary>
    private const int DuplicateNameAttempts = 16;

    private readonly IMessageStore _store;
    private readonly IMetricsStore _metrics;
    private readonly IExperimentStore _experiments;
    private readonly TimeProvider _timeProvider;
    private readonly MessageValidator _validator;
    private readonly WorkspaceFields _hostFields;
    private readonly bool _seedPresets;
    private readonly Func<string> _newId;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, WorkspaceState> _workspaces = new(StringComparer.Ordinal);
    private ImmutableList<ILiveSetListener> _listeners = ImmutableList<ILiveSetListener>.Empty;

    /// <summary>Creates a catalog over a message store, showing the counts of a metrics store.</summary>
    /// <param name="messageStore">Where the messages and the workspace settings are kept.</param>
    /// <param name="metricsStore">The metrics store the engine records visitor counts into; the list shows its counts.</param>
    /// <param name="options">
    /// The options: <see cref="ProactiveMessagingOptions.Fields"/> and
    /// <see cref="ProactiveMessagingOptions.Validation"/> decide what a message may say (pass the
    /// engine's options object), <see cref="ProactiveMessagingOptions.SeedPresets"/> whether new
    /// workspaces get the presets. Read once, at construction. <see langword="null"/> for the defaults.
    /// </param>
    /// <param name="timeProvider">The clock for <see cref="ProactiveMessage.UpdatedAt"/> and <see cref="ProactiveMessage.PublishedAt"/>; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="idGenerator">
    /// Creates ids for new messages, duplicates and presets; each call must return a new id that
    /// follows the <see cref="IdRule"/>. <see langword="null"/> for 32 hexadecimal digits of a new
    /// <see cref="Guid"/>.
    /// </param>
    /// <param name="logger">Where a failing <see cref="ILiveSetListener"/> is reported; <see langword="null"/> for none.</param>
    /// <param name="experimentStore">
    /// The experiment store the engine counts each experiment arm in, read for the list's arm counts
    /// and the experiment results; <see langword="null"/> for a new <see cref="InMemoryExperimentStore"/>
    /// (which only sees what an engine given the same instance counts).
    /// </param>
    /// <exception cref="ArgumentNullException">A store is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A validation limit of the options is not positive.</exception>
    public MessageCatalog(
        IMessageStore messageStore,
        IMetricsStore metricsStore,
        ProactiveMessagingOptions? options = null,
        TimeProvider? timeProvider = null,
        Func<string>? idGenerator = null,
        ILogger<MessageCatalog>? logger = null,
        IExperimentStore? experimentStore = null)
    {
        _experiments = experimentStore ?? new InMemoryExperimentStore();
        ArgumentNullException.ThrowIfNull(messageStore);
        ArgumentNullException.ThrowIfNull(metricsStore);
        options ??= new ProactiveMessagingOptions();
        _store = messageStore;
        _metrics = metricsStore;
        _validator = new MessageValidator(options.Validation, options.Fields);
        _hostFields = WorkspaceFields.Host(_validator);
        _seedPresets = options.SeedPresets;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _newId = idGenerator ?? (static () => Guid.NewGuid().ToString("N"));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Gets the validator the catalog saves messages with, built from the options' fields and
    /// limits. Pass it to <see cref="Serialization.JsonFormatOptions.Validator"/> to read documents
    /// that use the host's custom attributes and events.
    /// </summary>
    public MessageValidator Validator => _validator;

    /// <summary>
    /// Lists a workspace's messages, sorted and paged. Each shows its stored metrics plus the
    /// metrics store's counts, and sorting by <see cref="MessageSortColumn.Sent"/>,
    /// <see cref="MessageSortColumn.Opened"/> or <see cref="MessageSortColumn.Replied"/> uses those
    /// shown counts; the metrics store is read once for the whole list.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="query">The sort column, direction, culture and page; <see langword="null"/> for <see cref="MessageListQuery.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset is negative or its limit is not 1 to <see cref="MessageListQuery.MaxLimit"/>.</exception>
    public async Task<MessageListPage> ListAsync(string workspaceId, MessageListQuery? query = null, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        query ??= MessageListQuery.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        if (query.Limit is < 1 or > MessageListQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"The limit must be 1 to {MessageListQuery.MaxLimit}.");
        }

        await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var stored = await _store.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var messages = await ShowAsync(workspaceId, stored, cancellationToken).ConfigureAwait(false);
        var sorted = messages.Sort(new MessageListOrder(query));
        var start = Math.Min(query.Offset, sorted.Length);
        var count = Math.Min(query.Limit, sorted.Length - start);
        var page = sorted.Slice(start, count);
        return new MessageListPage(query, page, sorted.Length, await ArmsOfAsync(workspaceId, page, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Computes a message's experiment results from the counts of the experiment store: per arm
    /// (each variant or the one treatment, then the control) the visitors, opens, replies and
    /// conversions, the conversion rate with its 95 % interval, and each arm's difference from the
    /// control with its p-value and verdict (docs/experiments.md explains the statistics).
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The results; <see langword="null"/> when the message does not exist or its experiment has no arms (no variants, control group or goal).</returns>
    public async Task<ExperimentResults?> GetExperimentResultsAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(workspaceId, messageId, cancellationToken).ConfigureAwait(false) is not { Experiment: { HasArms: true } experiment })
        {
            return null;
        }

        var counts = await _experiments.GetAsync(workspaceId, messageId, cancellationToken).ConfigureAwait(false);
        return ExperimentAnalysis.Analyze(messageId, experiment, counts);
    }

    /// <summary>Reads one message, showing its stored metrics plus the metrics store's counts.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The message, or <see langword="null"/> when there is none with that id.</returns>
    public async Task<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var message = await _store.GetAsync(workspaceId, messageId, cancellationToken).ConfigureAwait(false);
        return message is null ? null : await ShowAsync(workspaceId, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a new Draft with a new id, zero metrics and version 1.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="definition">The definition; it may be incomplete, not malformed.</param>
    /// <param name="cancellationToken">Cancels the creation before it is stored.</param>
    /// <returns>
    /// The stored Draft with its <see cref="ProblemKind.Incomplete"/> problems; or, when the
    /// definition is malformed, every problem and nothing stored.
    /// </returns>
    public async Task<ValidationResult<ProactiveMessage>> CreateAsync(string workspaceId, MessageDefinition definition, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        ArgumentNullException.ThrowIfNull(definition);
        var state = await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var draft = ProactiveMessage.CreateDraft(_newId(), definition, Now(), state.Fields.Validator);
        if (draft.Succeeded)
        {
            await _store.InsertAsync(workspaceId, draft.Value, cancellationToken).ConfigureAwait(false);
        }

        return draft;
    }

    /// <summary>
    /// Edits a message: replaces its definition, keeps its id, status and metrics, and updates
    /// <see cref="ProactiveMessage.UpdatedAt"/>. Allowed in every status.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="definition">The new definition.</param>
    /// <param name="snapshot">
    /// The workspace, to check the publish requirements of a Live, Paused or Error message;
    /// <see langword="null"/> to check its content only.
    /// </param>
    /// <param name="cancellationToken">Cancels the edit before it is stored.</param>
    /// <returns>
    /// <para>The result. By status:</para>
    /// <list type="bullet">
    /// <item><b>Draft</b>: refused only for malformed content; incomplete problems come back with the success.</item>
    /// <item><b>Live, Paused</b>: the message must stay complete and (when a snapshot is given) meet
    /// every requirement; otherwise the edit is refused with every problem, and the message keeps working.</item>
    /// <item><b>Error</b>: refused only for malformed content. When a snapshot is given and every
    /// problem is fixed (complete, every requirement met) the message becomes a Draft, to be
    /// published again; otherwise it stays in Error with its problems brought up to date (without a
    /// snapshot, the requirement problems cannot be rechecked and are kept).</item>
    /// </list>
    /// </returns>
    public Task<MessageActionResult> EditAsync(
        string workspaceId,
        string messageId,
        long expectedVersion,
        MessageDefinition definition,
        WorkspaceSnapshot? snapshot = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ChangeAsync(workspaceId, messageId, expectedVersion, MessageAction.Edit, (current, now, validator) =>
        {
            var validated = validator.Validate(definition);
            if (!validated.Succeeded)
            {
                return Outcome.Refuse(validated.Problems);
            }

            var edited = validated.Value;
            var unmet = snapshot is null ? [] : PublishRequirements.CheckRequirements(edited, snapshot);
            var blocking = validated.Problems.AddRange(unmet);
            switch (current.Status)
            {
                case MessageStatus.Live or MessageStatus.Paused:
                    return blocking.IsEmpty
                        ? Outcome.Store(current.With(definition: edited, updatedAt: now, version: current.Version + 1))
                        : Outcome.Refuse(blocking);

                case MessageStatus.Error when snapshot is not null:
                    return blocking.IsEmpty
                        ? Outcome.Store(current.With(definition: edited, status: MessageStatus.Draft, problems: [], updatedAt: now, version: current.Version + 1))
                        : Outcome.Store(current.With(definition: edited, problems: blocking, updatedAt: now, version: current.Version + 1), blocking);

                case MessageStatus.Error:
                    var kept = validated.Problems.AddRange(current.Problems.Where(p => p.Kind == ProblemKind.Unmet));
                    return Outcome.Store(current.With(definition: edited, problems: kept, updatedAt: now, version: current.Version + 1), kept);

                default:
                    return Outcome.Store(current.With(definition: edited, updatedAt: now, version: current.Version + 1), validated.Problems);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Duplicates a message: stores a new Draft with a new id, the same definition under a
    /// distinguishable name ("Copy of X", then "Copy of X (2)"... within the name length bound), zero
    /// metrics and version 1. Allowed for Draft, Live and Paused, not Error. The source is unchanged.
    /// </summary>
    /// <remarks>
    /// The name is stored with <see cref="IMessageStore.InsertIfNameUnusedAsync"/>, so copies made at
    /// once, through this catalog or through catalogs on other nodes sharing the store, get distinct
    /// names: a copy that loses its name to another writer reads the names again and takes the next
    /// one. After 16 lost names in a row, the duplicate is refused
    /// (<see cref="MessageActionRefusal.Problems"/>, code <see cref="CatalogProblemCodes.ConcurrentChange"/>)
    /// and nothing is stored.
    /// </remarks>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The id of the message to copy.</param>
    /// <param name="cancellationToken">Cancels the duplication before it is stored.</param>
    /// <returns>The result; after a success, <see cref="MessageActionResult.Message"/> is the new copy.</returns>
    public async Task<MessageActionResult> DuplicateAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        var state = await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);

        // One naming turn per workspace in this catalog, so that its own duplicates do not race for
        // one name; the store's name check settles races with other catalogs.
        await state.NamingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DuplicateInTurnAsync(state, workspaceId, messageId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.NamingGate.Release();
        }
    }

    private async Task<MessageActionResult> DuplicateInTurnAsync(WorkspaceState state, string workspaceId, string messageId, CancellationToken cancellationToken)
    {
        ProactiveMessage? source = null;
        for (var attempt = 0; attempt < DuplicateNameAttempts; attempt++)
        {
            var messages = await _store.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            source = messages.FirstOrDefault(m => string.Equals(m.Id, messageId, StringComparison.Ordinal));
            if (source is null)
            {
                return MessageActionResult.NotFound(workspaceId, MessageAction.Duplicate, messageId);
            }

            if (!MessageActions.IsAllowed(source.Status, MessageAction.Duplicate))
            {
                return MessageActionResult.NotAllowed(workspaceId, MessageAction.Duplicate, await ShowAsync(workspaceId, source, cancellationToken).ConfigureAwait(false));
            }

            var validator = state.Fields.Validator;
            var name = DuplicateNames.Next(source.Name, messages.Select(m => m.Name), validator);
            var copy = ProactiveMessage.CreateDraft(_newId(), source.Definition with { Name = name }, Now(), validator);
            if (!copy.Succeeded)
            {
                return MessageActionResult.Refused(workspaceId, MessageAction.Duplicate, await ShowAsync(workspaceId, source, cancellationToken).ConfigureAwait(false), copy.Problems);
            }

            if (await _store.InsertIfNameUnusedAsync(workspaceId, copy.Value, cancellationToken).ConfigureAwait(false))
            {
                return MessageActionResult.Success(workspaceId, MessageAction.Duplicate, messageId, copy.Value, copy.Problems);
            }

            // Another writer took the name since the list was read: the next list shows it.
        }

        var problem = new Problem(
            CatalogProblemCodes.ConcurrentChange,
            $"Other writers took the copy's name {DuplicateNameAttempts} times in a row; nothing was stored and the duplicate may be retried.",
            "$.name");
        return MessageActionResult.Refused(workspaceId, MessageAction.Duplicate, await ShowAsync(workspaceId, source!, cancellationToken).ConfigureAwait(false), [problem]);
    }

    /// <summary>
    /// Publishes a Draft: Draft to Live, once it is complete and every publish requirement holds
    /// against <paramref name="snapshot"/> (see <see cref="PublishRequirements"/>); sets
    /// <see cref="ProactiveMessage.PublishedAt"/>.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="snapshot">The workspace state to check the requirements against.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The result; refused with every problem at once when any requirement fails.</returns>
    public Task<MessageActionResult> PublishAsync(string workspaceId, string messageId, long expectedVersion, WorkspaceSnapshot snapshot, CancellationToken cancellationToken = default) =>
        GoLiveAsync(workspaceId, messageId, expectedVersion, MessageAction.Publish, snapshot, cancellationToken);

    /// <summary>Pauses a Live message: Live to Paused. The runtime stops sending it.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The result.</returns>
    public Task<MessageActionResult> PauseAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            workspaceId,
            messageId,
            expectedVersion,
            MessageAction.Pause,
            static (current, now, _) => Outcome.Store(current.With(status: MessageStatus.Paused, updatedAt: now, version: current.Version + 1)),
            cancellationToken);

    /// <summary>
    /// Resumes a Paused message: Paused to Live, once every publish requirement holds again against
    /// <paramref name="snapshot"/>; sets <see cref="ProactiveMessage.PublishedAt"/>.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="snapshot">The workspace state to check the requirements against.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The result; refused with every problem at once when any requirement fails.</returns>
    public Task<MessageActionResult> ResumeAsync(string workspaceId, string messageId, long expectedVersion, WorkspaceSnapshot snapshot, CancellationToken cancellationToken = default) =>
        GoLiveAsync(workspaceId, messageId, expectedVersion, MessageAction.Resume, snapshot, cancellationToken);

    /// <summary>Deletes a message for good. Allowed in every status.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The result; after a success, <see cref="MessageActionResult.Message"/> is the message as it was removed.</returns>
    public Task<MessageActionResult> DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync(workspaceId, messageId, expectedVersion, MessageAction.Delete, static (current, _, _) => Outcome.Remove(current), cancellationToken);

    /// <summary>
    /// Reconciles a workspace's messages with a changed workspace: every Live or Paused message that
    /// no longer meets the publish requirements (its channel or bot deleted, the bot or the answer
    /// unpublished, messaging turned off...) moves to <see cref="MessageStatus.Error"/> with its
    /// problems. Messages that still work, Drafts and messages already in Error are untouched, so
    /// reconciling twice with the same snapshot changes nothing the second time.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="snapshot">The workspace as it is now.</param>
    /// <param name="cancellationToken">Cancels the reconciliation; messages already moved stay moved.</param>
    /// <returns>What changed: each message moved, with its old status and its problems.</returns>
    /// <remarks>
    /// A message that changes concurrently is read again and checked again, so a concurrent edit is
    /// never overwritten. Reconcile whenever the workspace changes: a Publish checked against an
    /// older snapshot is caught by the next reconciliation.
    /// </remarks>
    public async Task<ReconciliationReport> ReconcileAsync(string workspaceId, WorkspaceSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var messages = await _store.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);

        // Counts are read before anything is written, so that a failing metrics store fails the
        // reconciliation before it changed anything rather than lose the report of what it changed.
        var published = messages.Where(m => IsPublished(m.Status)).Select(m => m.Id).ToArray();
        var counts = await _metrics.GetManyAsync(workspaceId, published, cancellationToken).ConfigureAwait(false);
        var countsById = new Dictionary<string, MessageMetrics>(published.Length, StringComparer.Ordinal);
        for (var i = 0; i < published.Length; i++)
        {
            countsById[published[i]] = counts[i];
        }

        var changes = ImmutableArray.CreateBuilder<ReconciliationChange>();
        var checkedCount = 0;
        var liveChanged = false;
        try
        {
            foreach (var listed in messages.Sort(static (x, y) => string.CompareOrdinal(x.Id, y.Id)))
            {
                if (!IsPublished(listed.Status))
                {
                    continue;
                }

                checkedCount++;
                var message = listed;
                while (message is not null && IsPublished(message.Status))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var problems = PublishRequirements.Check(message.Definition, snapshot, state.Fields.Validator);
                    if (problems.IsEmpty)
                    {
                        break;
                    }

                    var broken = message.With(status: MessageStatus.Error, problems: problems, updatedAt: Now(), version: message.Version + 1);
                    try
                    {
                        await _store.ReplaceAsync(workspaceId, broken, message.Version, cancellationToken).ConfigureAwait(false);
                        changes.Add(new ReconciliationChange(Show(broken, countsById.GetValueOrDefault(broken.Id)), message.Status));
                        liveChanged |= message.Status == MessageStatus.Live;
                        break;
                    }
                    catch (MessageVersionConflictException)
                    {
                        // Changed meanwhile: check the new state instead of overwriting it.
                        message = await _store.GetAsync(workspaceId, message.Id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (MessageNotFoundException)
                    {
                        message = null;
                    }
                }
            }
        }
        finally
        {
            // Even when cancelled part-way, the runtime must not keep sending what was moved to Error.
            if (liveChanged)
            {
                await PublishLiveSetAsync(state, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return new ReconciliationReport(workspaceId, changes.ToImmutable(), checkedCount);
    }

    /// <summary>
    /// Exports a workspace's whole catalog: its settings (as last stored, or only the id when none
    /// were) and every message in every status, ordered by id (ordinal), each with its version,
    /// problems, instants and the metrics the list shows. Write it with
    /// <see cref="Serialization.MessageJson.WriteCatalog"/>; <see cref="ImportAsync"/> reads it back.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The catalog document.</returns>
    public async Task<CatalogDocument> ExportAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var settings = await _store.GetSettingsAsync(workspaceId, cancellationToken).ConfigureAwait(false) ?? new WorkspaceSettings(workspaceId);
        var stored = await _store.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var messages = await ShowAsync(workspaceId, stored, cancellationToken).ConfigureAwait(false);
        return new CatalogDocument(settings, messages.Sort(static (x, y) => string.CompareOrdinal(x.Id, y.Id)));
    }

    /// <summary>
    /// Imports a catalog document into the workspace it names (<c>workspace.id</c>): stores its
    /// settings and its messages as they are (status, version, problems, instants, metrics), except
    /// that a Live or Paused message whose publish requirements do not hold against
    /// <paramref name="snapshot"/> is stored in <see cref="MessageStatus.Error"/> with its problems,
    /// never Live. Then rebuilds the Live set once.
    /// </summary>
    /// <param name="document">The document, for example from <see cref="Serialization.MessageJson.ReadCatalog(string, Serialization.JsonFormatOptions?)"/> or <see cref="ExportAsync"/>.</param>
    /// <param name="snapshot">The workspace as it is now, to check the Live and Paused messages against.</param>
    /// <param name="options">What to do with an id the workspace already holds; <see langword="null"/> for <see cref="CatalogImportOptions.Default"/> (refuse the import).</param>
    /// <param name="cancellationToken">Cancels the import before it is stored.</param>
    /// <returns>
    /// <para>What was imported; or, when refused, every problem (with its path in the document) and
    /// nothing changed. The import is refused when the workspace id breaks the
    /// <see cref="IdRule"/>, the settings are inconsistent, two messages share an id, a message is
    /// malformed for this catalog's fields and limits, an id already exists and
    /// <see cref="CatalogImportOptions.OnExistingId"/> is <see cref="ImportConflictMode.Fail"/>, or
    /// the workspace changed while the import was prepared.</para>
    /// <para>
    /// The import is all-or-nothing: the store applies it in one atomic write
    /// (<see cref="IMessageStore.ImportWorkspaceAsync"/>), which also marks the workspace initialised,
    /// so a workspace first reached by an import never gets the presets. The settings replace the
    /// stored ones. Imported metrics are stored so that the list shows exactly the document's
    /// metrics at the moment of the import, whatever the metrics store already counts for those ids.
    /// </para>
    /// </returns>
    public async Task<CatalogImportReport> ImportAsync(
        CatalogDocument document,
        WorkspaceSnapshot snapshot,
        CatalogImportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= CatalogImportOptions.Default;
        if (!Enum.IsDefined(options.OnExistingId))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OnExistingId, "Unknown import conflict mode.");
        }

        var workspaceId = document.Workspace.Id;
        if (!IdRule.IsValid(workspaceId))
        {
            return CatalogImportReport.Refused(workspaceId, [new Problem(CatalogProblemCodes.WorkspaceIdInvalid, $"The workspace id must be {IdRule.Description}.", "$.workspace.id")]);
        }

        var state = _workspaces.GetOrAdd(workspaceId, static (id, host) => new WorkspaceState(id, host), _hostFields);

        // The publication turn: no first-access seeding and no Live set rebuild of this workspace
        // runs while the import reads, writes and publishes.
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await _store.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            var plan = PlanImport(document, snapshot, options.OnExistingId, stored);
            if (!plan.Problems.IsEmpty)
            {
                return CatalogImportReport.Refused(workspaceId, plan.Problems);
            }

            // Stored metrics are what the list shows minus what the metrics store counts already,
            // so that importing an export into a process that still counts adds nothing twice.
            var writes = plan.Inserts.Concat(plan.Replacements).ToArray();
            var counts = await _metrics.GetManyAsync(workspaceId, [.. writes.Select(m => m.Id)], cancellationToken).ConfigureAwait(false);
            var countsById = new Dictionary<string, MessageMetrics>(writes.Length, StringComparer.Ordinal);
            for (var i = 0; i < writes.Length; i++)
            {
                countsById[writes[i].Id] = counts[i];
            }

            ProactiveMessage Net(ProactiveMessage message) =>
                message.With(metrics: ShownMetrics.Subtract(message.Metrics, countsById[message.Id]));

            try
            {
                await _store.ImportWorkspaceAsync(
                    workspaceId,
                    document.Workspace,
                    [.. plan.Inserts.Select(Net)],
                    [.. plan.Replacements.Select(Net)],
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is MessageAlreadyExistsException or MessageVersionConflictException or MessageNotFoundException)
            {
                var messageId = exception switch
                {
                    MessageAlreadyExistsException e => e.MessageId,
                    MessageVersionConflictException e => e.MessageId,
                    _ => ((MessageNotFoundException)exception).MessageId,
                };
                return CatalogImportReport.Refused(workspaceId, [new Problem(
                    CatalogProblemCodes.ConcurrentChange,
                    $"The message '{messageId}' was added, changed or deleted while the import was prepared; nothing was imported. Import again.",
                    plan.PathOf(messageId) + ".id")]);
            }

            // Stored: the workspace is initialised and the runtime must see the new set even if the caller cancels now.
            state.Initialized = true;
            await RebuildLiveSetAsync(state, CancellationToken.None).ConfigureAwait(false);
            return CatalogImportReport.Success(
                workspaceId,
                [.. plan.Inserts.Select(m => m.Id)],
                [.. plan.Replacements.Select(m => m.Id)],
                plan.Skipped,
                [.. plan.Moved.Select(move => new ReconciliationChange(move.Message, move.OldStatus))]);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Reads a workspace's settings: name, schedules, default schedule.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The settings as last stored, or settings with only the id when none were.</returns>
    public async Task<WorkspaceSettings> GetWorkspaceSettingsAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        return await _store.GetSettingsAsync(workspaceId, cancellationToken).ConfigureAwait(false) ?? new WorkspaceSettings(workspaceId);
    }

    /// <summary>
    /// Stores a workspace's settings (the workspace is <see cref="WorkspaceSettings.Id"/>), replacing
    /// the stored ones whole; <see cref="ExportAsync"/> writes them. Refused, with nothing stored,
    /// when two schedules share an id or the default schedule is not one of them.
    /// </summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the write before it is stored.</param>
    /// <returns>The stored settings, or every problem (paths into the settings, such as <c>$.defaultScheduleId</c>).</returns>
    /// <exception cref="ArgumentException">The settings' id breaks the <see cref="IdRule"/>.</exception>
    public async Task<ValidationResult<WorkspaceSettings>> SetWorkspaceSettingsAsync(WorkspaceSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IdRule.ThrowIfInvalid(settings.Id, nameof(settings));
        var problems = ImmutableArray.CreateBuilder<Problem>();
        SettingsCheck.Check(settings, "$", problems);
        var state = await EnsureWorkspaceAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        var declared = WorkspaceFields.For(settings, _hostFields, state.Fields);
        problems.AddRange(declared.Problems);
        if (problems.Count > 0)
        {
            return ValidationResult<WorkspaceSettings>.Failure(problems.ToImmutable());
        }

        // The settings and the Live set change in one publication turn.
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Every stored message must stay well-formed: a declaration still in use cannot go.
            var fields = declared.Value!;
            foreach (var message in await _store.ListAsync(settings.Id, cancellationToken).ConfigureAwait(false))
            {
                if (!fields.Validator.Validate(message.Definition).Succeeded)
                {
                    problems.Add(new Problem(
                        CatalogProblemCodes.DeclarationInUse,
                        $"The message '{message.Id}' (\"{message.Name}\") tests a custom attribute or event that these settings no longer declare as it uses it.",
                        "$.customAttributes"));
                }
            }

            if (problems.Count > 0)
            {
                return ValidationResult<WorkspaceSettings>.Failure(problems.ToImmutable());
            }

            await _store.SetSettingsAsync(settings.Id, settings, cancellationToken).ConfigureAwait(false);
            state.Fields = fields;

            // Stored: the runtime must see the workspace's new fields even if the caller cancels now.
            await RebuildLiveSetAsync(state, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            state.Gate.Release();
        }

        return ValidationResult<WorkspaceSettings>.Success(settings);
    }

    /// <summary>
    /// Gets the workspace's current <see cref="LiveMessageSet"/>, without locks or allocation for a
    /// known workspace. Before the workspace's first access through this catalog it is empty with
    /// version 0; call <see cref="RefreshLiveSetAsync"/> at start to load it.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <returns>The current set.</returns>
    public LiveMessageSet GetLiveSet(string workspaceId)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        return _workspaces.TryGetValue(workspaceId, out var state) ? state.Live : LiveMessageSet.Empty(workspaceId);
    }

    /// <summary>
    /// Rebuilds the workspace's Live set from the store, publishing (and delivering to listeners) a
    /// new version when it differs from the current one. Use it at start, or when another process
    /// changed the store.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the rebuild.</param>
    /// <returns>The current set after the rebuild.</returns>
    public async Task<LiveMessageSet> RefreshLiveSetAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        var state = await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        return await PublishLiveSetAsync(state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers a listener for new Live sets of every workspace. See <see cref="ILiveSetListener"/>
    /// for the delivery guarantees.
    /// </summary>
    /// <param name="listener">The listener.</param>
    /// <returns>A registration; dispose it to stop the deliveries.</returns>
    public IDisposable AddListener(ILiveSetListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _listeners, static (list, added) => list.Add(added), listener);
        return new ListenerRegistration(() => ImmutableInterlocked.Update(ref _listeners, static (list, removed) => list.Remove(removed), listener));
    }

    private static bool IsPublished(MessageStatus status) => status is MessageStatus.Live or MessageStatus.Paused;

    /// <summary>Decides, without writing, what an import stores: every problem, or the messages to insert and replace.</summary>
    private ImportPlan PlanImport(CatalogDocument document, WorkspaceSnapshot snapshot, ImportConflictMode onExistingId, ImmutableArray<ProactiveMessage> stored)
    {
        var problems = ImmutableArray.CreateBuilder<Problem>();
        SettingsCheck.Check(document.Workspace, "$.workspace", problems);

        // The messages are checked against the fields the document itself declares.
        var declared = WorkspaceFields.For(document.Workspace, _hostFields);
        var validator = declared.TryGetValue(out var fields) ? fields.Validator : _hostFields.Validator;
        foreach (var problem in declared.Problems)
        {
            problems.Add(problem.WithPath("$.workspace" + problem.Path[1..]));
        }

        var storedById = new Dictionary<string, ProactiveMessage>(stored.Length, StringComparer.Ordinal);
        foreach (var message in stored)
        {
            storedById[message.Id] = message;
        }

        var now = Now();
        var plan = new ImportPlan();
        for (var i = 0; i < document.Messages.Length; i++)
        {
            var message = document.Messages[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"$.messages[{i}]");
            if (!plan.Paths.TryAdd(message.Id, path))
            {
                problems.Add(new Problem(CatalogProblemCodes.MessageIdDuplicate, $"The id '{message.Id}' is already used by {plan.Paths[message.Id]}.", path + ".id"));
                continue;
            }

            // Saved content must be well-formed for this catalog's fields and limits, whatever read the document.
            var validated = validator.Validate(message.Definition);
            if (!validated.Succeeded)
            {
                foreach (var problem in validated.Problems.Where(p => p.Kind == ProblemKind.Malformed))
                {
                    problems.Add(problem.WithPath(path + problem.Path[1..]));
                }

                continue;
            }

            var existing = storedById.GetValueOrDefault(message.Id);
            if (existing is not null && onExistingId != ImportConflictMode.Replace)
            {
                if (onExistingId == ImportConflictMode.Fail)
                {
                    problems.Add(new Problem(CatalogProblemCodes.MessageIdExists, $"The workspace already has a message with the id '{message.Id}' (\"{existing.Name}\").", path + ".id"));
                }
                else
                {
                    plan.SkippedIds.Add(message.Id);
                }

                continue;
            }

            var imported = message.With(definition: validated.Value);
            if (IsPublished(message.Status))
            {
                var unmet = PublishRequirements.Check(validated.Value, snapshot, validator);
                if (!unmet.IsEmpty)
                {
                    imported = imported.With(status: MessageStatus.Error, problems: unmet, updatedAt: now, version: message.Version + 1);
                }
            }

            if (existing is not null)
            {
                // A replacement is a change of the stored message: its version follows the stored one.
                imported = imported.With(version: existing.Version + 1);
                plan.Replacements.Add(imported);
            }
            else
            {
                plan.Inserts.Add(imported);
            }

            if (imported.Status != message.Status)
            {
                plan.Moved.Add((imported, message.Status));
            }
        }

        plan.Problems = problems.ToImmutable();
        return plan;
    }

    private Task<MessageActionResult> GoLiveAsync(string workspaceId, string messageId, long expectedVersion, MessageAction action, WorkspaceSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return ChangeAsync(workspaceId, messageId, expectedVersion, action, (current, now, validator) =>
        {
            var problems = PublishRequirements.Check(current.Definition, snapshot, validator);
            return problems.IsEmpty
                ? Outcome.Store(current.With(status: MessageStatus.Live, problems: [], updatedAt: now, publishedAt: now, version: current.Version + 1))
                : Outcome.Refuse(problems);
        }, cancellationToken);
    }

    /// <summary>Runs one action on one message: read, check version and status, decide, write, publish the Live set.</summary>
    private async Task<MessageActionResult> ChangeAsync(
        string workspaceId,
        string messageId,
        long expectedVersion,
        MessageAction action,
        Func<ProactiveMessage, Instant, MessageValidator, Outcome> decide,
        CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        var state = await EnsureWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        var current = await _store.GetAsync(workspaceId, messageId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return MessageActionResult.NotFound(workspaceId, action, messageId);
        }

        // Read before the write: a failing metrics store then fails the action before it changed
        // anything. Every message handed back shows these counts; the stored one never holds them.
        var counts = await _metrics.GetAsync(workspaceId, messageId, cancellationToken).ConfigureAwait(false);
        if (current.Version != expectedVersion)
        {
            return MessageActionResult.Conflict(workspaceId, action, Show(current, counts), expectedVersion);
        }

        if (!MessageActions.IsAllowed(current.Status, action))
        {
            return MessageActionResult.NotAllowed(workspaceId, action, Show(current, counts));
        }

        var outcome = decide(current, Now(), state.Fields.Validator);
        if (outcome.Refusal is { } problems)
        {
            return MessageActionResult.Refused(workspaceId, action, Show(current, counts), problems);
        }

        try
        {
            if (outcome.Removes)
            {
                await _store.DeleteAsync(workspaceId, messageId, expectedVersion, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _store.ReplaceAsync(workspaceId, outcome.Message, expectedVersion, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MessageVersionConflictException)
        {
            // Lost the race after reading: report what is stored now, like a conflict found on read.
            var now = await _store.GetAsync(workspaceId, messageId, CancellationToken.None).ConfigureAwait(false);
            return now is null
                ? MessageActionResult.NotFound(workspaceId, action, messageId)
                : MessageActionResult.Conflict(workspaceId, action, Show(now, counts), expectedVersion);
        }
        catch (MessageNotFoundException)
        {
            return MessageActionResult.NotFound(workspaceId, action, messageId);
        }

        var wasLive = current.Status == MessageStatus.Live;
        var isLive = !outcome.Removes && outcome.Message.Status == MessageStatus.Live;
        if (wasLive || isLive)
        {
            // The change is stored: the runtime must see it even if the caller cancels now.
            await PublishLiveSetAsync(state, CancellationToken.None).ConfigureAwait(false);
        }

        return MessageActionResult.Success(workspaceId, action, messageId, Show(outcome.Message, counts), outcome.Problems);
    }

    private async Task<WorkspaceState> EnsureWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var state = _workspaces.GetOrAdd(workspaceId, static (id, host) => new WorkspaceState(id, host), _hostFields);
        if (state.Initialized)
        {
            return state;
        }

        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!state.Initialized)
            {
                // Without presets the workspace is still marked initialised: turning them on later
                // must not seed a workspace that has been in use.
                var presets = _seedPresets ? MessagePresets.Create(_newId, Now(), _validator) : [];
                await _store.InitializeWorkspaceAsync(workspaceId, presets, cancellationToken).ConfigureAwait(false);
                await RebuildLiveSetAsync(state, cancellationToken).ConfigureAwait(false);
                state.Initialized = true;
            }
        }
        finally
        {
            state.Gate.Release();
        }

        return state;
    }

    private async Task<LiveMessageSet> PublishLiveSetAsync(WorkspaceState state, CancellationToken cancellationToken)
    {
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RebuildLiveSetAsync(state, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>Rebuilds, swaps and delivers the Live set; the caller holds <see cref="WorkspaceState.Gate"/>.</summary>
    private async Task<LiveMessageSet> RebuildLiveSetAsync(WorkspaceState state, CancellationToken cancellationToken)
    {
        var current = state.Live;

        // Read inside the turn: each rebuild reads the store after the previous one did, so sets only move forward.
        var settings = await _store.GetSettingsAsync(current.WorkspaceId, cancellationToken).ConfigureAwait(false);
        if (settings is not null && WorkspaceFields.For(settings, _hostFields, state.Fields).TryGetValue(out var fields))
        {
            // Settings written by another node are followed here; the catalog stores only settings that pass.
            state.Fields = fields;
        }

        var messages = await _store.ListAsync(current.WorkspaceId, cancellationToken).ConfigureAwait(false);
        var next = LiveMessageSet.Build(current.WorkspaceId, current.Version + 1, messages, state.Fields == _hostFields ? null : state.Fields.Fields);
        if (next.HasSameMessages(current))
        {
            return current;
        }

        state.Live = next;
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                listener.OnLiveSetChanged(next);
            }
#pragma warning disable CA1031 // A listener's failure must not undo a stored change or starve the other listeners; documented on ILiveSetListener.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.LiveSetListenerFailed(_logger, listener.GetType().Name, next.Version, next.WorkspaceId, exception);
            }
        }

        return next;
    }

    private Instant Now() => Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());

    private static ProactiveMessage Show(ProactiveMessage stored, MessageMetrics counts)
    {
        var shown = ShownMetrics.Add(stored.Metrics, counts);
        return shown == stored.Metrics ? stored : stored.With(metrics: shown);
    }

    private async ValueTask<ProactiveMessage> ShowAsync(string workspaceId, ProactiveMessage stored, CancellationToken cancellationToken) =>
        Show(stored, await _metrics.GetAsync(workspaceId, stored.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>The counts per arm of the messages of a page whose experiment has arms (variants, a control group or a goal), read together.</summary>
    private async ValueTask<ImmutableDictionary<string, ImmutableArray<ArmCounts>>> ArmsOfAsync(string workspaceId, ImmutableArray<ProactiveMessage> page, CancellationToken cancellationToken)
    {
        var reads = new List<(string MessageId, Task<ImmutableArray<ArmCounts>> Read)>();
        foreach (var message in page)
        {
            if (message.Experiment is { HasArms: true })
            {
                reads.Add((message.Id, _experiments.GetAsync(workspaceId, message.Id, cancellationToken).AsTask()));
            }
        }

        if (reads.Count == 0)
        {
            return ImmutableDictionary<string, ImmutableArray<ArmCounts>>.Empty;
        }

        var arms = ImmutableDictionary.CreateBuilder<string, ImmutableArray<ArmCounts>>(StringComparer.Ordinal);
        foreach (var (messageId, read) in reads)
        {
            arms[messageId] = await read.ConfigureAwait(false);
        }

        return arms.ToImmutable();
    }

    /// <summary>The messages with their shown metrics, reading the metrics store once for all of them.</summary>
    private async ValueTask<ImmutableArray<ProactiveMessage>> ShowAsync(string workspaceId, ImmutableArray<ProactiveMessage> stored, CancellationToken cancellationToken)
    {
        if (stored.IsEmpty)
        {
            return stored;
        }

        var ids = new string[stored.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = stored[i].Id;
        }

        var counts = await _metrics.GetManyAsync(workspaceId, ids, cancellationToken).ConfigureAwait(false);
        if (counts.Length != stored.Length)
        {
            throw new InvalidOperationException($"The metrics store returned {counts.Length} counts for {stored.Length} messages; {nameof(IMetricsStore.GetManyAsync)} answers one per id.");
        }

        var shown = ImmutableArray.CreateBuilder<ProactiveMessage>(stored.Length);
        for (var i = 0; i < stored.Length; i++)
        {
            shown.Add(Show(stored[i], counts[i]));
        }

        return shown.MoveToImmutable();
    }

    /// <summary>What an import will store, decided before anything is written.</summary>
    private sealed class ImportPlan
    {
        public ImmutableArray<Problem> Problems { get; set; } = [];

        public List<ProactiveMessage> Inserts { get; } = [];

        public List<ProactiveMessage> Replacements { get; } = [];

        public ImmutableArray<string>.Builder SkippedIds { get; } = ImmutableArray.CreateBuilder<string>();

        public ImmutableArray<string> Skipped => SkippedIds.ToImmutable();

        public List<(ProactiveMessage Message, MessageStatus OldStatus)> Moved { get; } = [];

        /// <summary>Gets each message id's path in the document, such as <c>$.messages[2]</c>.</summary>
        public Dictionary<string, string> Paths { get; } = new(StringComparer.Ordinal);

        public string PathOf(string messageId) => Paths.GetValueOrDefault(messageId) ?? "$.messages";
    }

    /// <summary>What an action decided: store a message, remove it, or refuse with problems.</summary>
    private readonly struct Outcome
    {
        private Outcome(ProactiveMessage message, bool removes, ImmutableArray<Problem> problems, ImmutableArray<Problem>? refusal)
        {
            Message = message;
            Removes = removes;
            Problems = problems.IsDefault ? [] : problems;
            Refusal = refusal;
        }

        public ProactiveMessage Message { get; }

        public bool Removes { get; }

        public ImmutableArray<Problem> Problems { get; }

        public ImmutableArray<Problem>? Refusal { get; }

        public static Outcome Store(ProactiveMessage message, ImmutableArray<Problem> problems = default) => new(message, false, problems, null);

        public static Outcome Remove(ProactiveMessage message) => new(message, true, [], null);

        public static Outcome Refuse(ImmutableArray<Problem> problems) => new(null!, false, [], problems);
    }
}
