using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using ProactiveMessaging.Model;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis;

/// <summary>
/// An <see cref="IMessageStore"/> on Redis for hosts on many nodes: every node reads and writes
/// the same messages and settings, with versions checked on the server.
/// </summary>
/// <remarks>
/// <para>
/// A workspace's keys share the hash tag <c>{workspaceId}</c>, so they live in one Redis Cluster
/// slot and one script changes them together: <c>{prefix}{{workspaceId}}:m</c> maps each message
/// id to the message in the library's JSON format, <c>:v</c> to its version, <c>:k</c> to its
/// name folded to upper case and <c>:n</c> counts the messages of each folded name;
/// <c>:s</c> holds the settings (a catalog document without messages), <c>:i</c> marks the
/// workspace initialised and <c>:r</c> counts its changes. Nothing expires.
/// </para>
/// <para>
/// Every write is one script that checks the versions (and ids, and the name for
/// <see cref="InsertIfNameUnusedAsync"/>) before it writes anything, so a stale write is refused
/// whole on the server, an import is all or nothing and a workspace is seeded at most once across
/// nodes. The same script increments <c>:r</c> and publishes <c>"&lt;revision&gt; &lt;workspaceId&gt;"</c>
/// on the channel <c>{prefix}changes</c>, so other nodes learn of each change.
/// </para>
/// <para>
/// Reads validate what they read: a value that is not a message (or settings) this store can read
/// throws <see cref="RedisMessageStoreFormatException"/> naming the key and the field, never
/// dropped silently. A list is one <c>HGETALL</c>, consistent across the workspace's messages.
/// Thread-safe.
/// </para>
/// </remarks>
public sealed class RedisMessageStore : IMessageStore
{
    // Bounded without bookkeeping: when full it starts again; a miss costs one validator.
    private const int ValidatorCacheSize = 1024;

    private readonly IConnectionMultiplexer _connection;
    private readonly string _prefix;
    private readonly RedisValue _channelName;
    private readonly JsonFormatOptions _hostFormat;
    private readonly Conditions.FieldCatalog _fields;
    private readonly MessageValidator _hostValidator;
    private readonly ConcurrentDictionary<string, (byte[] Settings, JsonFormatOptions Format)> _formats = new(StringComparer.Ordinal);

    /// <summary>Creates a store with the default settings (key prefix <c>pm:</c>, the default fields and limits).</summary>
    /// <param name="connection">The connection, shared with the host's other Redis users.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    public RedisMessageStore(IConnectionMultiplexer connection)
        : this(connection, new RedisMessageStoreOptions())
    {
    }

    /// <summary>Creates a store whose stored messages use the default fields and limits.</summary>
    /// <param name="connection">The connection, shared with the host's other Redis users.</param>
    /// <param name="keyPrefix">The prefix of every key the store writes, and of its changes channel.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="keyPrefix"/> is <see langword="null"/>.</exception>
    public RedisMessageStore(IConnectionMultiplexer connection, string keyPrefix)
        : this(connection, new RedisMessageStoreOptions { KeyPrefix = keyPrefix ?? throw new ArgumentNullException(nameof(keyPrefix)) })
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="connection">The connection, shared with the host's other Redis users.</param>
    /// <param name="options">The settings; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/>, <paramref name="options"/> or one of its values is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A validation limit is not positive.</exception>
    public RedisMessageStore(IConnectionMultiplexer connection, RedisMessageStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Fields, nameof(options));
        _connection = connection;
        _prefix = options.KeyPrefix;
        _channelName = _prefix + "changes";
        ChangesChannel = RedisChannel.Literal(_prefix + "changes");
        _fields = options.Fields;
        ArgumentNullException.ThrowIfNull(options.Validation, nameof(options));

        // The validator copies the limits: a later change to the options does not reach the store.
        _hostValidator = new MessageValidator(options.Validation, _fields);
        _hostFormat = Format(_hostValidator);
    }

    /// <summary>Gets the channel on which every write publishes <c>"&lt;revision&gt; &lt;workspaceId&gt;"</c>.</summary>
    internal RedisChannel ChangesChannel { get; }

    /// <summary>Reads a change notification's payload.</summary>
    /// <param name="payload">The payload published on <see cref="ChangesChannel"/>.</param>
    /// <param name="workspaceId">The workspace that changed.</param>
    /// <param name="revision">Its revision after the change, 1 or more.</param>
    /// <returns><see langword="false"/> when the payload is not a change notification.</returns>
    internal static bool TryParseChange(RedisValue payload, out string workspaceId, out long revision)
    {
        workspaceId = string.Empty;
        revision = 0;
        if (payload.IsNullOrEmpty)
        {
            return false;
        }

        var text = (string)payload!;
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0
            || !long.TryParse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed < 1
            || !IdRule.IsValid(text[(space + 1)..]))
        {
            return false;
        }

        workspaceId = text[(space + 1)..];
        revision = parsed;
        return true;
    }

    /// <summary>Reads a workspace's revision: how many changes were written to it, 0 when none.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <returns>The revision.</returns>
    /// <exception cref="ArgumentException"><paramref name="workspaceId"/> breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="RedisMessageStoreFormatException">The stored revision is not a number.</exception>
    internal async ValueTask<long> GetRevisionAsync(string workspaceId)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        var key = Keys(workspaceId)[5];
        var stored = await _connection.GetDatabase().StringGetAsync(key).ConfigureAwait(false);
        if (stored.IsNull)
        {
            return 0;
        }

        return stored.TryParse(out long revision)
            ? revision
            : throw new RedisMessageStoreFormatException((string)key!, null, [new Problem("redis.revision.invalid", "The revision is not a whole number.", "$")]);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisMessageStoreFormatException">The stored message or the workspace's settings cannot be read.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<ProactiveMessage?> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        cancellationToken.ThrowIfCancellationRequested();
        var keys = Keys(workspaceId);
        var database = _connection.GetDatabase();
        var message = database.HashGetAsync(keys[0], messageId);
        var settings = database.StringGetAsync(keys[6]);
        var stored = (byte[]?)await message.ConfigureAwait(false);
        var format = FormatFor(workspaceId, (byte[]?)await settings.ConfigureAwait(false));
        return stored is null ? null : ReadMessage(keys[0], messageId, stored, format);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisMessageStoreFormatException">A stored message or the workspace's settings cannot be read.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<ImmutableArray<ProactiveMessage>> ListAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        cancellationToken.ThrowIfCancellationRequested();
        var keys = Keys(workspaceId);
        var database = _connection.GetDatabase();
        var entries = database.HashGetAllAsync(keys[0]);
        var settings = database.StringGetAsync(keys[6]);
        var stored = await entries.ConfigureAwait(false);
        var format = FormatFor(workspaceId, (byte[]?)await settings.ConfigureAwait(false));
        var messages = ImmutableArray.CreateBuilder<ProactiveMessage>(stored.Length);
        foreach (var entry in stored)
        {
            messages.Add(ReadMessage(keys[0], (string)entry.Name!, (byte[])entry.Value!, format));
        }

        return messages.MoveToImmutable();
    }

    /// <inheritdoc/>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask InsertAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        ArgumentNullException.ThrowIfNull(message);
        RequireVersion(message, 1);
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(workspaceId, MessageStoreScripts.Insert, [message.Id, Write(message), Fold(message.Name), "0"]).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>The name is folded with <see cref="string.ToUpperInvariant"/> on this node and compared byte for byte on the server.</remarks>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<bool> InsertIfNameUnusedAsync(string workspaceId, ProactiveMessage message, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        ArgumentNullException.ThrowIfNull(message);
        RequireVersion(message, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return await RunAsync(workspaceId, MessageStoreScripts.Insert, [message.Id, Write(message), Fold(message.Name), "1"]).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask ReplaceAsync(string workspaceId, ProactiveMessage message, long expectedVersion, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        ArgumentNullException.ThrowIfNull(message);
        RequireVersion(message, expectedVersion + 1);
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(
            workspaceId,
            MessageStoreScripts.Replace,
            [message.Id, Write(message), Fold(message.Name), Decimal(expectedVersion), Decimal(message.Version)],
            expectedVersion).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask DeleteAsync(string workspaceId, string messageId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(workspaceId, MessageStoreScripts.Delete, [messageId, Decimal(expectedVersion)], expectedVersion).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A seed's version is not 1, or two seeds share an id.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<bool> InitializeWorkspaceAsync(string workspaceId, IReadOnlyList<ProactiveMessage> messages, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var arguments = new RedisValue[messages.Count * 3];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i] ?? throw new ArgumentNullException(nameof(messages), "A seed is null.");
            RequireVersion(message, 1);
            if (!ids.Add(message.Id))
            {
                throw new ArgumentException($"The message id '{message.Id}' appears twice in the seed.", nameof(messages));
            }

            arguments[i * 3] = message.Id;
            arguments[(i * 3) + 1] = Write(message);
            arguments[(i * 3) + 2] = Fold(message.Name);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await RunAsync(workspaceId, MessageStoreScripts.Initialize, arguments).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="RedisMessageStoreFormatException">The stored settings cannot be read.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<WorkspaceSettings?> GetSettingsAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        cancellationToken.ThrowIfCancellationRequested();
        var key = Keys(workspaceId)[6];
        var stored = (byte[]?)await _connection.GetDatabase().StringGetAsync(key).ConfigureAwait(false);
        return stored is null ? null : ReadSettings(workspaceId, stored);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The settings belong to another workspace, or do not read back in the JSON format (such as a default schedule that is none of the schedules).</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask SetSettingsAsync(string workspaceId, WorkspaceSettings settings, CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        var stored = WriteSettings(workspaceId, settings);
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(workspaceId, MessageStoreScripts.SetSettings, [stored]).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// The settings belong to another workspace or do not read back in the JSON format, an id appears
    /// twice, or a version is below 1 (below 2 for a replacement); nothing changed.
    /// </exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask ImportWorkspaceAsync(
        string workspaceId,
        WorkspaceSettings settings,
        IReadOnlyList<ProactiveMessage> inserts,
        IReadOnlyList<ProactiveMessage> replacements,
        CancellationToken cancellationToken = default)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        var storedSettings = WriteSettings(workspaceId, settings);
        ArgumentNullException.ThrowIfNull(inserts);
        ArgumentNullException.ThrowIfNull(replacements);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var arguments = new List<RedisValue>(2 + (inserts.Count * 4) + (replacements.Count * 5)) { storedSettings, inserts.Count };
        foreach (var message in inserts)
        {
            Add(message, nameof(inserts), minimumVersion: 1);
            arguments.AddRange([message.Id, Decimal(message.Version), Write(message), Fold(message.Name)]);
        }

        foreach (var message in replacements)
        {
            Add(message, nameof(replacements), minimumVersion: 2);
            arguments.AddRange([message.Id, Decimal(message.Version), Write(message), Fold(message.Name), Decimal(message.Version - 1)]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync(workspaceId, MessageStoreScripts.Import, [.. arguments]).ConfigureAwait(false);

        void Add(ProactiveMessage message, string paramName, long minimumVersion)
        {
            ArgumentNullException.ThrowIfNull(message, paramName);
            if (!ids.Add(message.Id))
            {
                throw new ArgumentException($"The message id '{message.Id}' appears twice in the import.", paramName);
            }

            if (message.Version < minimumVersion)
            {
                throw new ArgumentException($"The message '{message.Id}' must have version {minimumVersion} or more, not {message.Version}.", paramName);
            }
        }
    }

    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Folded on the client so that the server compares bytes; upper case per character is what
    // OrdinalIgnoreCase compares.
    private static string Fold(string name) => name.ToUpperInvariant();

    private static byte[] Write(ProactiveMessage message) => MessageJson.WriteMessageUtf8(message);

    private static void RequireVersion(ProactiveMessage message, long version)
    {
        if (message.Version != version)
        {
            throw new ArgumentException($"The message must have version {version}, not {message.Version}.", nameof(message));
        }
    }

    // What the store wrote it reads whole: no size cap and the deepest nesting the format allows.
    private static JsonFormatOptions Format(MessageValidator validator) => new()
    {
        MaxMessageBytes = int.MaxValue,
        MaxCatalogBytes = int.MaxValue,
        MaxDepth = MessageJson.MaxSupportedDepth,
        Validator = validator,
    };

    private static ProactiveMessage ReadMessage(RedisKey key, string field, byte[] stored, JsonFormatOptions format)
    {
        var read = MessageJson.ReadMessage(stored, format);
        if (!read.Succeeded)
        {
            throw new RedisMessageStoreFormatException((string)key!, field, read.Problems);
        }

        return string.Equals(read.Value.Id, field, StringComparison.Ordinal)
            ? read.Value
            : throw new RedisMessageStoreFormatException((string)key!, field, [new Problem("redis.message.idMismatch", $"The message stored under '{field}' has the id '{read.Value.Id}'.", "$.id")]);
    }

    /// <summary>Runs a write script and turns its answer into the outcome or the refusal it stands for.</summary>
    /// <returns><see langword="false"/> when the script answered <c>taken</c> or <c>initialised</c>, else <see langword="true"/>.</returns>
    private async Task<bool> RunAsync(string workspaceId, string script, RedisValue[] arguments, long expectedVersion = 0)
    {
        var values = new RedisValue[arguments.Length + 2];
        values[0] = _channelName;
        values[1] = workspaceId;
        arguments.CopyTo(values, 2);
        var answer = (RedisResult[])(await _connection.GetDatabase().ScriptEvaluateAsync(script, Keys(workspaceId), values).ConfigureAwait(false))!;
        return (string?)answer[0] switch
        {
            "ok" => true,
            "taken" or "initialised" => false,
            "exists" => throw new MessageAlreadyExistsException(workspaceId, (string)answer[1]!),
            "missing" => throw new MessageNotFoundException(workspaceId, (string)answer[1]!),
            "conflict" => throw new MessageVersionConflictException(workspaceId, (string)answer[1]!, expectedVersion, (long)answer[2]),
            var other => throw new RedisException($"The message store's script answered '{other}', which this version does not know."),
        };
    }

    private byte[] WriteSettings(string workspaceId, WorkspaceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.Equals(settings.Id, workspaceId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The settings belong to workspace '{settings.Id}', not '{workspaceId}'.", nameof(settings));
        }

        // Settings that would not read back are refused now rather than found unreadable later.
        var stored = MessageJson.WriteCatalogUtf8(new CatalogDocument(settings, []));
        var read = MessageJson.ReadCatalog(stored, _hostFormat);
        if (!read.Succeeded)
        {
            throw new ArgumentException($"The settings do not read back in the JSON format: {read.Problems[0]}", nameof(settings));
        }

        return stored;
    }

    private WorkspaceSettings ReadSettings(string workspaceId, byte[] stored)
    {
        var read = MessageJson.ReadCatalog(stored, _hostFormat);
        if (!read.Succeeded)
        {
            throw new RedisMessageStoreFormatException((string)Keys(workspaceId)[6]!, null, read.Problems);
        }

        return string.Equals(read.Value.Workspace.Id, workspaceId, StringComparison.Ordinal)
            ? read.Value.Workspace
            : throw new RedisMessageStoreFormatException((string)Keys(workspaceId)[6]!, null, [new Problem("redis.settings.workspaceMismatch", $"The settings stored for '{workspaceId}' are those of '{read.Value.Workspace.Id}'.", "$.workspace.id")]);
    }

    /// <summary>
    /// The read options for a workspace's messages: the host's fields plus the custom attributes and
    /// events its settings declare, as the catalog validated them with.
    /// </summary>
    private JsonFormatOptions FormatFor(string workspaceId, byte[]? storedSettings)
    {
        if (storedSettings is null)
        {
            return _hostFormat;
        }

        if (_formats.TryGetValue(workspaceId, out var cached) && cached.Settings.AsSpan().SequenceEqual(storedSettings))
        {
            return cached.Format;
        }

        var settings = ReadSettings(workspaceId, storedSettings);
        var format = _hostFormat;
        if (!settings.CustomAttributes.IsEmpty || !settings.Events.IsEmpty)
        {
            var fields = settings.ExtendFields(_fields);
            if (fields.Succeeded && !ReferenceEquals(fields.Value, _fields))
            {
                format = Format(_hostValidator.WithFields(fields.Value));
            }
        }

        if (_formats.Count >= ValidatorCacheSize)
        {
            _formats.Clear();
        }

        _formats[workspaceId] = (storedSettings, format);
        return format;
    }

    private RedisKey[] Keys(string workspaceId)
    {
        var tag = $"{_prefix}{{{workspaceId}}}";
        return [$"{tag}:m", $"{tag}:v", $"{tag}:k", $"{tag}:n", $"{tag}:i", $"{tag}:r", $"{tag}:s"];
    }
}
