using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Hosting.Internal;

/// <summary>
/// Keeps the engine's plans in step with the catalog's Live sets: loads every listed workspace at
/// start, follows the catalog through <see cref="LiveSetTracker"/>, and refreshes periodically.
/// </summary>
/// <remarks>
/// <para>
/// One background loop does every asynchronous step: the start-up load, the workspaces the listener
/// queued, the periodic refresh and the retries. A refresh of a workspace reads its snapshot, caches
/// it for the listener, reconciles the catalog when the snapshot differs from the one last
/// reconciled with, rebuilds the Live set from the store, and makes sure the engine has the current
/// set with the current snapshot. Each refresh has its own deadline; a failure is logged, counted
/// for the health check and retried, and never stops the loop or the host.
/// </para>
/// <para>
/// With a shared store's <see cref="IMessageStoreChangeFeed"/>, each notification queues its
/// workspace for a refresh from the store, and every
/// <see cref="LiveSetHostingOptions.ChangeCheckInterval"/> the loop compares each loaded
/// workspace's revision with the one read before its last refresh, refreshing those that moved: a
/// lost notification delays a change by one check at most.
/// </para>
/// <para>Thread-safe; the host calls start and stop once each.</para>
/// </remarks>
internal sealed class LiveSetHostedService : IHostedService, IDisposable
{
    private readonly LiveSetTracker _tracker;
    private readonly MessageCatalog _catalog;
    private readonly IWorkspaceSnapshotProvider _provider;
    private readonly LiveSetHostingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IMessageStoreChangeFeed? _changeFeed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _startupDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waits;
    private int _waitHasDueTime;
    private IDisposable? _registration;
    private IAsyncDisposable? _subscription;
    private Task? _loop;

    public LiveSetHostedService(
        LiveSetTracker tracker,
        MessageCatalog catalog,
        IWorkspaceSnapshotProvider provider,
        IOptions<LiveSetHostingOptions> options,
        TimeProvider timeProvider,
        ILogger<LiveSetHostedService>? logger = null,
        IMessageStoreChangeFeed? changeFeed = null)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _tracker = tracker;
        _catalog = catalog;
        _provider = provider;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _changeFeed = changeFeed;
    }

    /// <summary>
    /// Starts following the catalog, then returns once every listed workspace was loaded or failed
    /// (failures are retried in the background).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _loop, Task.CompletedTask, null) is not null)
        {
            throw new InvalidOperationException("The Live set hosted service was already started.");
        }

        // The listener is registered first, so that no change made during loading is missed.
        _registration = _catalog.AddListener(_tracker);
        _tracker.Phase = LoadingPhase.Loading;
        _loop = RunAsync(_stopping.Token);
        await _startupDone.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops following the catalog and ends the loop, cancelling the work in flight.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _registration?.Dispose();
        if (_loop is not { } loop)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            // A provider that ignores its token cannot hold the host past its shutdown deadline.
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _registration?.Dispose();
        if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
        {
            // Ending the subscription only sends an unsubscribe; the host is going away either way.
            _ = subscription.DisposeAsync().AsTask();
        }

        // A host whose start failed disposes without stopping: the loop must end all the same.
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        // Leave the host's start-up call at once: the caller waits on the start-up signal instead.
        await Task.Yield();
        try
        {
            // Subscribed before loading: a change stored during the load is refreshed again after it.
            await SubscribeAsync(stopping).ConfigureAwait(false);
            await RefreshAllAsync(stopping).ConfigureAwait(false);
            var status = _tracker.GetStatus();
            Log.LiveSetsLoaded(_logger, status.Loaded, status.Failed, status.Unknown, _options.RetryDelay);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // The loop must never crash the host: whatever escaped a refresh is logged and retried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.RefreshLoopFailed(_logger, _options.RetryDelay, exception);
        }
        finally
        {
            _tracker.Phase = stopping.IsCancellationRequested ? LoadingPhase.Stopped : LoadingPhase.Running;
            _startupDone.TrySetResult();
        }

        try
        {
            await FollowAsync(stopping).ConfigureAwait(false);
        }
        finally
        {
            _tracker.Phase = LoadingPhase.Stopped;
        }
    }

    /// <summary>Gets how many times the loop has begun to wait for work: tests learn from it that the loop is idle, without timing it.</summary>
    internal int Waits => Volatile.Read(ref _waits);

    /// <summary>
    /// Gets a value indicating whether the loop's current wait ends at a due time (a periodic
    /// refresh or a retry); when not, only queued work or the host's stop wakes it.
    /// </summary>
    internal bool WaitHasDueTime => Volatile.Read(ref _waitHasDueTime) == 1;

    /// <summary>After start-up: waits for queued workspaces, the next periodic refresh or the next retry, and runs them.</summary>
    private async Task FollowAsync(CancellationToken stopping)
    {
        var nextRefresh = _options.RefreshesPeriodically ? Due.In(_timeProvider, _options.RefreshInterval) : (Due?)null;
        var nextRetry = NeedsRetry() ? Due.In(_timeProvider, _options.RetryDelay) : (Due?)null;
        var nextCheck = _changeFeed is null ? (Due?)null : Due.In(_timeProvider, _options.ChangeCheckInterval);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await WaitForWorkAsync(Due.Earliest(_timeProvider, Due.Earliest(_timeProvider, nextRefresh, nextRetry), nextCheck), stopping).ConfigureAwait(false);
                if (nextCheck is { } check && check.HasPassed(_timeProvider))
                {
                    // Queues what moved; the queue is handled right below.
                    nextCheck = Due.In(_timeProvider, _options.ChangeCheckInterval);
                    await CheckRevisionsAsync(stopping).ConfigureAwait(false);
                }

                await RefreshQueuedAsync(stopping).ConfigureAwait(false);
                if (nextRefresh is { } refresh && refresh.HasPassed(_timeProvider))
                {
                    await RefreshAllAsync(stopping).ConfigureAwait(false);
                    nextRefresh = Due.In(_timeProvider, _options.RefreshInterval);
                    nextRetry = null;
                }
                else if (nextRetry is { } retry && retry.HasPassed(_timeProvider))
                {
                    await RetryAsync(stopping).ConfigureAwait(false);
                    nextRetry = null;
                }

                if (nextRetry is null && NeedsRetry())
                {
                    nextRetry = Due.In(_timeProvider, _options.RetryDelay);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must never crash the host: whatever escaped a refresh is logged and retried.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.RefreshLoopFailed(_logger, _options.RetryDelay, exception);
                nextRetry = Due.In(_timeProvider, _options.RetryDelay);
            }
        }
    }

    private bool NeedsRetry()
    {
        var status = _tracker.GetStatus();
        return status.Failed > 0 || status.ListingFailure is not null;
    }

    /// <summary>Returns when a workspace is queued, when <paramref name="due"/> passes, or when the host stops.</summary>
    private async Task WaitForWorkAsync(Due? due, CancellationToken stopping)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var queued = _tracker.Queue.WaitToReadAsync(wake.Token).AsTask();
        var timer = due is { } at ? Task.Delay(at.Remaining(_timeProvider), _timeProvider, wake.Token) : Task.Delay(Timeout.InfiniteTimeSpan, _timeProvider, wake.Token);
        Volatile.Write(ref _waitHasDueTime, due is null ? 0 : 1);
        Interlocked.Increment(ref _waits);
        await Task.WhenAny(queued, timer).ConfigureAwait(false);

        // Stop the one that did not finish; its cancellation is expected and not observed.
        await wake.CancelAsync().ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
    }

    /// <summary>Reads the workspace list (keeping the known workspaces when it fails), then refreshes every known workspace.</summary>
    private async Task RefreshAllAsync(CancellationToken stopping)
    {
        await ListAsync(stopping).ConfigureAwait(false);
        await RefreshAsync(_tracker.Known(), stopping).ConfigureAwait(false);
        _tracker.RefreshCompleted(_timeProvider.GetUtcNow());
    }

    /// <summary>Reads the list again if it failed, and refreshes the workspaces that failed.</summary>
    private async Task RetryAsync(CancellationToken stopping)
    {
        if (_tracker.GetStatus().ListingFailure is not null && await ListAsync(stopping).ConfigureAwait(false))
        {
            // The list is back: load what it names and was not known yet, with the failed ones.
            await RefreshAsync(_tracker.NotLoaded(), stopping).ConfigureAwait(false);
            return;
        }

        await RefreshAsync(_tracker.Failed(), stopping).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles the workspaces the listener queued: one whose snapshot was cached meanwhile (by the
    /// start-up load, say) only needs the catalog's current set applied; the others are refreshed.
    /// </summary>
    private async Task RefreshQueuedAsync(CancellationToken stopping)
    {
        var queued = new HashSet<WorkspaceEntry>();
        while (_tracker.Queue.TryRead(out var entry))
        {
            entry.Dequeued();
            try
            {
                // A change in the shared store needs the store read; otherwise applying the catalog's set is enough.
                if (entry.TakeStoreChanged() || !_tracker.EnsureApplied(entry))
                {
                    queued.Add(entry);
                }
            }
#pragma warning disable CA1031 // An engine failure is logged and retried by a refresh, never fatal.
            catch (Exception)
#pragma warning restore CA1031
            {
                queued.Add(entry);
            }
        }

        if (queued.Count > 0)
        {
            await RefreshAsync(queued, stopping).ConfigureAwait(false);
        }
    }

    private async Task<bool> ListAsync(CancellationToken stopping)
    {
        using var deadline = new CancellationTokenSource(_options.RefreshTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        try
        {
            // The wait is cancelled too: a provider that ignores its token cannot hold the loop.
            var ids = await _provider.GetWorkspaceIdsAsync(linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The snapshot provider returned no workspace list.");
            foreach (var id in ids)
            {
                // An empty id cannot name a workspace; the catalog would refuse it anyway.
                if (!string.IsNullOrEmpty(id))
                {
                    _tracker.GetOrAdd(id);
                }
            }

            _tracker.ListingSucceeded();
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A provider failure of any kind is logged and retried, never fatal.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var timedOut = deadline.IsCancellationRequested;
            var reason = timedOut ? $"no answer within {_options.RefreshTimeout}" : $"{exception.GetType().Name}: {exception.Message}";
            Log.WorkspaceListFailed(_logger, reason, _options.RetryDelay, timedOut ? null : exception);
            _tracker.ListingFailed(reason);
            return false;
        }
    }

    private async Task RefreshAsync(IReadOnlyCollection<WorkspaceEntry> entries, CancellationToken stopping)
    {
        var failed = 0;
        await Parallel.ForEachAsync(
            entries,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentRefreshes, CancellationToken = stopping },
            async (entry, token) =>
            {
                if (!await RefreshAsync(entry, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref failed);
                }
            }).ConfigureAwait(false);
        Log.RefreshCompleted(_logger, entries.Count, failed);
    }

    /// <summary>Refreshes one workspace; returns <see langword="false"/> when it failed (logged and marked for a retry).</summary>
    private async Task<bool> RefreshAsync(WorkspaceEntry entry, CancellationToken stopping)
    {
        using var deadline = new CancellationTokenSource(_options.RefreshTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        var token = linked.Token;
        var workspaceId = entry.WorkspaceId;
        try
        {
            var snapshot = await _provider.GetSnapshotAsync(workspaceId, token).AsTask().WaitAsync(token).ConfigureAwait(false);
            if (snapshot is null)
            {
                if (LiveSetTracker.MarkUnknown(entry))
                {
                    Log.WorkspaceUnknown(_logger, workspaceId);
                }

                return true;
            }

            // Cached before anything else: whatever the catalog publishes from here on is applied with it.
            LiveSetTracker.SetSnapshot(entry, snapshot);
            if (!snapshot.Equals(entry.Reconciled))
            {
                // Also on the first load: a Live message the workspace can no longer send moves to
                // Error with its problems, rather than staying Live and never shown.
                var report = await _catalog.ReconcileAsync(workspaceId, snapshot, token).ConfigureAwait(false);
                entry.Reconciled = snapshot;
                if (report.HasChanges)
                {
                    Log.WorkspaceReconciled(_logger, workspaceId, report.Changes.Length, report.CheckedCount);
                }
            }

            // Read before the rebuild: a change stored after this point moves the revision past it.
            var revision = _changeFeed is null ? (long?)null : (await _changeFeed.GetRevisionsAsync([workspaceId], token).ConfigureAwait(false))[0];

            // Picks up what other catalogs (other nodes) stored; a changed set reaches the engine through the listener.
            await _catalog.RefreshLiveSetAsync(workspaceId, token).ConfigureAwait(false);
            entry.LoadedRevision = revision;

            // An unchanged set is not delivered again: apply it here when the engine lacks it or its snapshot.
            _tracker.EnsureApplied(entry);
            LiveSetTracker.MarkLoaded(entry);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A provider, store or engine failure of any kind is logged and retried, never fatal.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var timedOut = deadline.IsCancellationRequested;
            var reason = timedOut ? $"no answer within {_options.RefreshTimeout}" : $"{exception.GetType().Name}: {exception.Message}";
            Log.WorkspaceRefreshFailed(_logger, workspaceId, reason, _options.RetryDelay, timedOut ? null : exception);
            LiveSetTracker.MarkFailed(entry, reason);
            return false;
        }
    }

    /// <summary>Follows the change feed, if there is one and it is not followed yet; a failure is logged and tried again at the next check.</summary>
    private async Task SubscribeAsync(CancellationToken stopping)
    {
        if (_changeFeed is null || Volatile.Read(ref _subscription) is not null)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(_options.RefreshTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        try
        {
            var subscription = await _changeFeed.SubscribeAsync(OnStoreChanged, linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
            Volatile.Write(ref _subscription, subscription);
            Log.ChangeFeedFollowed(_logger, _options.ChangeCheckInterval);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // An unreachable store must not stop the host: the revision check covers for the notifications.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var timedOut = deadline.IsCancellationRequested;
            var reason = timedOut ? $"no answer within {_options.RefreshTimeout}" : $"{exception.GetType().Name}: {exception.Message}";
            Log.ChangeFeedUnavailable(_logger, reason, _options.ChangeCheckInterval, timedOut ? null : exception);
        }
    }

    /// <summary>Called by the change feed, on any thread: queues the workspace for a refresh from the store.</summary>
    private void OnStoreChanged(string workspaceId)
    {
        // A notification cannot name a workspace the catalog would refuse; such a one is dropped.
        if (!IdRule.IsValid(workspaceId))
        {
            return;
        }

        var entry = _tracker.GetOrAdd(workspaceId);
        entry.MarkStoreChanged();
        _tracker.Enqueue(entry);
    }

    /// <summary>
    /// Queues the loaded workspaces whose revision moved since their last refresh began, and
    /// follows the change feed again if it was not followed.
    /// </summary>
    private async Task CheckRevisionsAsync(CancellationToken stopping)
    {
        await SubscribeAsync(stopping).ConfigureAwait(false);
        var entries = Array.FindAll(_tracker.Known(), static e => e.LoadedRevision is not null);
        if (entries.Length == 0)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(_options.RefreshTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        long[] revisions;
        try
        {
            revisions = await _changeFeed!.GetRevisionsAsync(Array.ConvertAll(entries, static e => e.WorkspaceId), linked.Token).AsTask().WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The store may be away: the check runs again at the next interval.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var timedOut = deadline.IsCancellationRequested;
            var reason = timedOut ? $"no answer within {_options.RefreshTimeout}" : $"{exception.GetType().Name}: {exception.Message}";
            Log.RevisionCheckFailed(_logger, reason, _options.ChangeCheckInterval, timedOut ? null : exception);
            return;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (revisions[i] != entries[i].LoadedRevision)
            {
                entries[i].MarkStoreChanged();
                _tracker.Enqueue(entries[i]);
            }
        }
    }

    /// <summary>A moment measured on the provider's monotonic timestamps, so that wall-clock jumps do not move it.</summary>
    private readonly record struct Due(long Start, TimeSpan After)
    {
        public static Due In(TimeProvider time, TimeSpan after) => new(time.GetTimestamp(), after);

        public static Due? Earliest(TimeProvider time, Due? x, Due? y) => (x, y) switch
        {
            (null, _) => y,
            (_, null) => x,
            ({ } a, { } b) => a.Remaining(time) <= b.Remaining(time) ? a : b,
        };

        public TimeSpan Remaining(TimeProvider time)
        {
            var left = After - time.GetElapsedTime(Start);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        public bool HasPassed(TimeProvider time) => time.GetElapsedTime(Start) >= After;
    }
}
