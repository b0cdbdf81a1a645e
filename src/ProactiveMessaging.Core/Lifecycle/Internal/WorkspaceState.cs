namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>What a catalog keeps per workspace: whether it was initialised, and its current Live set.</summary>
internal sealed class WorkspaceState
{
    private LiveMessageSet _live;
    private WorkspaceFields _fields;
    private volatile bool _initialized;

    public WorkspaceState(string workspaceId, WorkspaceFields fields)
    {
        _live = LiveMessageSet.Empty(workspaceId);
        _fields = fields;
    }

    /// <summary>Gets or sets the workspace's fields and validator, from its stored settings.</summary>
    public WorkspaceFields Fields
    {
        get => Volatile.Read(ref _fields);
        set => Volatile.Write(ref _fields, value);
    }

    /// <summary>
    /// Gets the publication turn: held while the workspace is initialised and while a Live set is
    /// rebuilt and delivered, so sets are built from ever newer store reads and delivered in order.
    /// Never disposed: without <see cref="SemaphoreSlim.AvailableWaitHandle"/> it holds no native resource.
    /// </summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// Gets the naming turn: held by a duplicate from reading the names in use to storing its copy,
    /// so that two duplicates through this catalog never pick the same "Copy of ..." name.
    /// </summary>
    public SemaphoreSlim NamingGate { get; } = new(1, 1);

    public bool Initialized
    {
        get => _initialized;
        set => _initialized = value;
    }

    /// <summary>Gets or sets the current set; read lock-free, written only under <see cref="Gate"/>.</summary>
    public LiveMessageSet Live
    {
        get => Volatile.Read(ref _live);
        set => Volatile.Write(ref _live, value);
    }
}
