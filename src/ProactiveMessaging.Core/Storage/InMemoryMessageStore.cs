using System.Collections.Concurrent;
using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Storage;

/// <summary>
/// The in-memory <see cref="IMessageStore"/>: messages live in the process and are lost when it
/// ends. Suited to tests, samples and single-node hosts that load their catalog at start.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Writes to one workspace are serialised by a lock held only for a dictionary swap;
/// reads take no lock and see an immutable snapshot of the workspace, so a
/// <see cref="ListAsync"/> is consistent across all of its messages. Operations complete
/// synchronously; a cancellation token that is already cancelled refuses the operation before it
/// changes anything.
/// </para>
/// <para>
/// Memory grows with the number of messages stored (each message once, plus a small dictionary
/// entry) and each workspace's settings; both are written by administrators, so the store is not
/// bounded by a capacity.
/// </para>
/// </remarks>
public sealed class InMemoryMessageStore : IMessageStore
{
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_workspaces.TryGetValue(workspaceId, out var workspace))
        {
            return ValueTask.FromResult<ProactiveMessage?>(null);
        }

        return ValueTask.FromResult(workspace.Messages.GetValueOrDefault(messageId));
    }

    /// <inheritdoc/>
    public ValueTask<ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_workspaces.TryGetValue(workspaceId, out var workspace))
        {
            return ValueTask.FromResult(ImmutableArray<ProactiveMessage>.Empty);
        }

        return ValueTask.FromResult(workspace.Messages.Values.ToImmutableArray());
    }

    /// <inheritdoc/>
    public ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default)
    {
        Insert(workspaceId, message, checkName: false, cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Insert(workspaceId, message, checkName: true, cancellationToken));

    /// <summary>Inserts a new message, unless <paramref name="checkName"/> and another message has its name; <see langword="false"/> then.</summary>
    private bool Insert(string workspaceId, ProactiveMessage message, bool checkName, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        ArgumentNullException.ThrowIfNull(message);
        RequireVersion(message, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var workspace = GetOrAdd(workspaceId);
        lock (workspace.Gate)
        {
            if (workspace.Messages.ContainsKey(message.Id))
            {
                throw new MessageAlreadyExistsException(workspaceId, message.Id);
            }

            // A scan, not an index: names are checked only when duplicating, an administrator's action.
            if (checkName && workspace.Messages.Values.Any(stored => string.Equals(stored.Name, message.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            workspace.Messages = workspace.Messages.Add(message.Id, message);
            return true;
        }
    }

    /// <inheritdoc/>
    public ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        ArgumentNullException.ThrowIfNull(message);
        RequireVersion(message, expectedVersion + 1);
        cancellationToken.ThrowIfCancellationRequested();
        var workspace = GetOrAdd(workspaceId);
        lock (workspace.Gate)
        {
            Check(workspaceId, workspace, message.Id, expectedVersion);
            workspace.Messages = workspace.Messages.SetItem(message.Id, message);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        var workspace = GetOrAdd(workspaceId);
        lock (workspace.Gate)
        {
            Check(workspaceId, workspace, messageId, expectedVersion);
            workspace.Messages = workspace.Messages.Remove(messageId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            RequireVersion(message, 1);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var workspace = GetOrAdd(workspaceId);
        lock (workspace.Gate)
        {
            if (workspace.Initialized)
            {
                return ValueTask.FromResult(false);
            }

            // Check every id before writing any, so a bad seed leaves the workspace untouched.
            var builder = workspace.Messages.ToBuilder();
            foreach (var message in messages)
            {
                if (builder.ContainsKey(message.Id))
                {
                    throw new MessageAlreadyExistsException(workspaceId, message.Id);
                }

                builder.Add(message.Id, message);
            }

            workspace.Messages = builder.ToImmutable();
            workspace.Initialized = true;
        }

        return ValueTask.FromResult(true);
    }

    /// <inheritdoc/>
    public ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_workspaces.TryGetValue(workspaceId, out var workspace) ? workspace.Settings : null);
    }

    /// <inheritdoc/>
    public ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        RequireWorkspace(workspaceId, settings);
        cancellationToken.ThrowIfCancellationRequested();
        var workspace = GetOrAdd(workspaceId);
        lock (workspace.Gate)
        {
            workspace.Settings = settings;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ImportWorkspaceAsync(
        string workspaceId,
        WorkspaceSettings settings,
        IReadOnlyList<ProactiveMessage> inserts,
        IReadOnlyList<ProactiveMessage> replacements,
        CancellationToken cancellationToken = default)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        RequireWorkspace(workspaceId, settings);
        ArgumentNullException.ThrowIfNull(inserts);
        ArgumentNullException.ThrowIfNull(replacements);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in inserts.Concat(replacements))
        {
            ArgumentNullException.ThrowIfNull(message, nameof(inserts));
            if (!ids.Add(message.Id))
            {
                throw new ArgumentException($"The message id '{message.Id}' appears twice in the import.", nameof(inserts));
            }
        }

        foreach (var message in inserts)
        {
            RequireVersionAtLeast(message, 1, nameof(inserts));
        }

        foreach (var message in replacements)
        {
            RequireVersionAtLeast(message, 2, nameof(replacements));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var workspace = GetOrAdd(workspaceId);
        lock (workspace.Gate)
        {
            // Check everything before writing anything: a refused import leaves the workspace as it was.
            foreach (var message in inserts)
            {
                if (workspace.Messages.ContainsKey(message.Id))
                {
                    throw new MessageAlreadyExistsException(workspaceId, message.Id);
                }
            }

            foreach (var message in replacements)
            {
                Check(workspaceId, workspace, message.Id, message.Version - 1);
            }

            var builder = workspace.Messages.ToBuilder();
            foreach (var message in inserts.Concat(replacements))
            {
                builder[message.Id] = message;
            }

            workspace.Messages = builder.ToImmutable();
            workspace.Settings = settings;
            workspace.Initialized = true;
        }

        return ValueTask.CompletedTask;
    }

    private static void RequireWorkspace(string workspaceId, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.Equals(settings.Id, workspaceId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The settings belong to workspace '{settings.Id}', not '{workspaceId}'.", nameof(settings));
        }
    }

    private static void RequireVersionAtLeast(ProactiveMessage message, long version, string paramName)
    {
        if (message.Version < version)
        {
            throw new ArgumentException($"The message '{message.Id}' must have version {version} or more, not {message.Version}.", paramName);
        }
    }

    private static void Check(string workspaceId, Workspace workspace, string messageId, long expectedVersion)
    {
        if (!workspace.Messages.TryGetValue(messageId, out var stored))
        {
            throw new MessageNotFoundException(workspaceId, messageId);
        }

        if (stored.Version != expectedVersion)
        {
            throw new MessageVersionConflictException(workspaceId, messageId, expectedVersion, stored.Version);
        }
    }

    private static void RequireVersion(ProactiveMessage message, long version)
    {
        if (message.Version != version)
        {
            throw new ArgumentException($"The message must have version {version}, not {message.Version}.", nameof(message));
        }
    }

    private Workspace GetOrAdd(string workspaceId) => _workspaces.GetOrAdd(workspaceId, static _ => new Workspace());

    private sealed class Workspace
    {
        private ImmutableDictionary<string, ProactiveMessage> _messages = ImmutableDictionary<string, ProactiveMessage>.Empty.WithComparers(StringComparer.Ordinal);
        private WorkspaceSettings? _settings;

        public Lock Gate { get; } = new();

        // Written under Gate, read without it: the volatile accesses publish a whole dictionary.
        public ImmutableDictionary<string, ProactiveMessage> Messages
        {
            get => Volatile.Read(ref _messages);
            set => Volatile.Write(ref _messages, value);
        }

        public bool Initialized { get; set; }

        // Replaced whole; a reference write is atomic, and volatile publishes it to lock-free readers.
        public WorkspaceSettings? Settings
        {
            get => Volatile.Read(ref _settings);
            set => Volatile.Write(ref _settings, value);
        }
    }
}
