using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Hosting.Internal;

/// <summary>
/// What the hosted service, its catalog listener and the health check share: each known
/// workspace's last snapshot, the Live set the engine was given, and how loading went.
/// </summary>
/// <remarks>
/// <para>
/// As an <see cref="ILiveSetListener"/> it is called synchronously inside the catalog's turn, so it
/// never waits for the (asynchronous) snapshot provider: when the workspace's snapshot is cached it
/// applies the new set at once, so that the engine decides with it by the time the catalog action
/// returns; otherwise it queues the workspace for the refresh loop, which reads the snapshot and
/// applies the catalog's current set.
/// </para>
/// <para>Thread-safe.</para>
/// </remarks>
internal sealed class LiveSetTracker : ILiveSetListener
{
    private readonly MessageCatalog _catalog;
    private readonly ProactiveEngine _engine;
    private readonly TimeSpan _retryDelay;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, WorkspaceEntry> _workspaces = new(StringComparer.Ordinal);
    private readonly Channel<WorkspaceEntry> _queue = Channel.CreateUnbounded<WorkspaceEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _statusGate = new();
    private LoadingPhase _phase;
    private bool _listed;
    private string? _listingFailure;
    private DateTimeOffset? _lastRefresh;

    public LiveSetTracker(MessageCatalog catalog, ProactiveEngine engine, IOptions<LiveSetHostingOptions> options, ILogger<LiveSetTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _engine = engine;
        _retryDelay = options.Value.RetryDelay;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the workspaces the listener met without a cached snapshot, for the refresh loop.</summary>
    public ChannelReader<WorkspaceEntry> Queue => _queue.Reader;

    public LoadingPhase Phase
    {
        get
        {
            lock (_statusGate)
            {
                return _phase;
            }
        }

        set
        {
            lock (_statusGate)
            {
                _phase = value;
            }
        }
    }

    public void OnLiveSetChanged(LiveMessageSet liveSet)
    {
        var entry = GetOrAdd(liveSet.WorkspaceId);
        lock (entry.Gate)
        {
            if (entry.Snapshot is { } snapshot)
            {
                try
                {
                    Apply(entry, liveSet, snapshot);
                }
#pragma warning disable CA1031 // Called inside the catalog's turn: a failure must not reach the action that caused it; the workspace is retried instead.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Log.LiveSetApplyFailed(_logger, liveSet.Version, entry.WorkspaceId, _retryDelay, exception);
                    entry.State = WorkspaceState.Failed;
                    entry.Failure = exception.GetType().Name;
                }

                return;
            }
        }

        // Never seen: the provider is asynchronous and this call holds the catalog's turn, so the
        // snapshot is read by the refresh loop, which then applies the catalog's current set.
        Enqueue(entry);
    }

    public WorkspaceEntry GetOrAdd(string workspaceId) => _workspaces.GetOrAdd(workspaceId, static id => new WorkspaceEntry(id));

    /// <summary>Gets every known workspace.</summary>
    public WorkspaceEntry[] Known() => [.. _workspaces.Values];

    /// <summary>Gets the workspaces whose last load or refresh failed.</summary>
    public WorkspaceEntry[] Failed() => [.. _workspaces.Values.Where(static e => StateOf(e) == WorkspaceState.Failed)];

    /// <summary>Gets the workspaces not loaded yet or whose last load or refresh failed.</summary>
    public WorkspaceEntry[] NotLoaded() => [.. _workspaces.Values.Where(static e => StateOf(e) is WorkspaceState.Pending or WorkspaceState.Failed)];

    public void Enqueue(WorkspaceEntry entry)
    {
        if (entry.TryQueue())
        {
            _queue.Writer.TryWrite(entry);
        }
    }

    /// <summary>Caches the provider's latest snapshot; an equal one keeps the cached instance, so nothing is applied again for it.</summary>
    public static void SetSnapshot(WorkspaceEntry entry, WorkspaceSnapshot snapshot)
    {
        lock (entry.Gate)
        {
            if (!snapshot.Equals(entry.Snapshot))
            {
                entry.Snapshot = snapshot;
            }
        }
    }

    /// <summary>
    /// Gives the engine the catalog's current set with the cached snapshot, unless it already has
    /// that version with that snapshot.
    /// </summary>
    /// <returns><see langword="false"/> when no snapshot is cached yet.</returns>
    /// <exception cref="Exception">Whatever the engine threw; the caller counts the refresh as failed.</exception>
    public bool EnsureApplied(WorkspaceEntry entry)
    {
        lock (entry.Gate)
        {
            if (entry.Snapshot is not { } snapshot)
            {
                return false;
            }

            // Read under the gate: a set published later reaches Apply through the listener, after this one.
            var liveSet = _catalog.GetLiveSet(entry.WorkspaceId);
            if (liveSet.Version != entry.AppliedVersion || !ReferenceEquals(snapshot, entry.AppliedSnapshot))
            {
                Apply(entry, liveSet, snapshot);
            }

            return true;
        }
    }

    public static void MarkLoaded(WorkspaceEntry entry) => Mark(entry, WorkspaceState.Loaded, null);

    public static void MarkFailed(WorkspaceEntry entry, string reason) => Mark(entry, WorkspaceState.Failed, reason);

    /// <summary>Marks the workspace unknown to the provider.</summary>
    /// <returns><see langword="true"/> when it was not already, so that it is logged once.</returns>
    public static bool MarkUnknown(WorkspaceEntry entry) => Mark(entry, WorkspaceState.Unknown, null) != WorkspaceState.Unknown;

    public void ListingSucceeded()
    {
        lock (_statusGate)
        {
            _listed = true;
            _listingFailure = null;
        }
    }

    public void ListingFailed(string reason)
    {
        lock (_statusGate)
        {
            _listingFailure = reason;
        }
    }

    public void RefreshCompleted(DateTimeOffset at)
    {
        lock (_statusGate)
        {
            _lastRefresh = at;
        }
    }

    public LiveSetStatus GetStatus()
    {
        int loaded = 0, failed = 0, unknown = 0, pending = 0;
        var failedIds = new List<string>();
        foreach (var entry in _workspaces.Values)
        {
            switch (StateOf(entry))
            {
                case WorkspaceState.Loaded:
                    loaded++;
                    break;
                case WorkspaceState.Failed:
                    failed++;
                    failedIds.Add(entry.WorkspaceId);
                    break;
                case WorkspaceState.Unknown:
                    unknown++;
                    break;
                default:
                    pending++;
                    break;
            }
        }

        failedIds.Sort(StringComparer.Ordinal);
        lock (_statusGate)
        {
            return new LiveSetStatus(_phase, _listed, _listingFailure, loaded, failed, unknown, pending, failedIds, _lastRefresh);
        }
    }

    private static WorkspaceState StateOf(WorkspaceEntry entry)
    {
        lock (entry.Gate)
        {
            return entry.State;
        }
    }

    private static WorkspaceState Mark(WorkspaceEntry entry, WorkspaceState state, string? failure)
    {
        lock (entry.Gate)
        {
            var previous = entry.State;
            entry.State = state;
            entry.Failure = failure;
            return previous;
        }
    }

    /// <summary>Applies a set unless the engine already had a newer one from here; the caller holds the entry's gate.</summary>
    private void Apply(WorkspaceEntry entry, LiveMessageSet liveSet, WorkspaceSnapshot snapshot)
    {
        if (liveSet.Version < entry.AppliedVersion)
        {
            return;
        }

        // The engine logs each message it leaves out; the other messages are planned.
        _engine.ApplyLiveSet(liveSet, snapshot);
        entry.AppliedVersion = liveSet.Version;
        entry.AppliedSnapshot = snapshot;
    }
}
