using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Gives visits and page views to visitors whose events carry no session or page view id: a new
/// visit once the inactivity gap has passed (an event exactly one gap after the last starts one),
/// a new page view at each page-view event. Bounded: past the capacity, the visitors idle longest
/// are forgotten (a forgotten visitor simply starts a new visit).
/// </summary>
/// <remarks>
/// Thread-safe. It lives in the engine's process: hosts on many nodes either pass their session and
/// page view ids (the widget and SDKs have them) or route a visitor's events to one node.
/// </remarks>
internal sealed class VisitTracker
{
    private readonly ConcurrentDictionary<(string Workspace, string Visitor), State> _states = new();
    private readonly Duration _gap;
    private readonly int _capacity;
    private int _sweeping;

    public VisitTracker(TimeSpan gap, int capacity, bool requiresHostIds = false)
    {
        RequiresHostIds = requiresHostIds;
        _gap = Duration.FromTimeSpan(gap);
        _capacity = capacity;
    }

    public int Count => _states.Count;

    /// <summary>Gets a value indicating whether events must carry the host's visit and page view ids, so that nothing is tracked here.</summary>
    public bool RequiresHostIds { get; }

    /// <summary>
    /// Records an event's activity: a new visit once the inactivity gap has passed, a new page
    /// view at each page-view event. Called for every event of a known channel, whether or not a
    /// message matches, so that browsing pages where nothing matches keeps the visit going. Builds no id.
    /// </summary>
    public void Touch(string workspaceId, string visitorId, string? visitId, string? pageViewId, bool isPageView, Instant now)
    {
        if (visitId is not null && pageViewId is not null)
        {
            return;
        }

        var state = GetState(workspaceId, visitorId);
        lock (state)
        {
            Record(ref state.Cursor, _gap, visitId, pageViewId, isPageView, now);
        }
    }

    /// <summary>
    /// Gets the visit and page view ids of an event already recorded with <see cref="Touch"/>,
    /// building the engine's own ids only now (only events with a candidate need them).
    /// </summary>
    public (string VisitId, string PageViewId) Ids(string workspaceId, string visitorId, string? visitId, string? pageViewId, Instant now)
    {
        if (visitId is not null && pageViewId is not null)
        {
            return (visitId, pageViewId);
        }

        var state = GetState(workspaceId, visitorId);
        lock (state)
        {
            if (state.Cursor.VisitNumber == 0)
            {
                // Forgotten (swept) since the event was recorded: record it again.
                Record(ref state.Cursor, _gap, visitId, pageViewId, isPageView: true, now);
            }

            EnsureIds(ref state.Cursor);
            return (visitId ?? state.Cursor.VisitId!, pageViewId ?? state.Cursor.PageViewId!);
        }
    }

    /// <summary>
    /// Gets the visit and page view ids that <see cref="Touch"/> then <see cref="Ids"/> would give
    /// this event, without recording anything: the same rule, applied to a copy of the visitor's state.
    /// </summary>
    public (string VisitId, string PageViewId) Peek(string workspaceId, string visitorId, string? visitId, string? pageViewId, bool isPageView, Instant now)
    {
        if (visitId is not null && pageViewId is not null)
        {
            return (visitId, pageViewId);
        }

        var cursor = default(Cursor);
        if (_states.TryGetValue((workspaceId, visitorId), out var state))
        {
            lock (state)
            {
                cursor = state.Cursor;
            }
        }

        Record(ref cursor, _gap, visitId, pageViewId, isPageView, now);
        EnsureIds(ref cursor);
        return (visitId ?? cursor.VisitId!, pageViewId ?? cursor.PageViewId!);
    }

    /// <summary>Gets the visit an outcome belongs to, without recording activity.</summary>
    public string CurrentVisit(string workspaceId, string visitorId, string? visitId)
    {
        if (visitId is not null)
        {
            return visitId;
        }

        if (_states.TryGetValue((workspaceId, visitorId), out var state))
        {
            lock (state)
            {
                if (state.Cursor.VisitNumber == 0)
                {
                    return string.Empty;
                }

                EnsureIds(ref state.Cursor);
                return state.Cursor.VisitId!;
            }
        }

        return string.Empty;
    }

    /// <summary>
    /// The visit rule: a new visit when the time since the visitor's last event is at least the gap
    /// (or at the first event, or when the host's session id changes); a new page view at each
    /// page-view event.
    /// </summary>
    private static void Record(ref Cursor cursor, Duration gap, string? visitId, string? pageViewId, bool isPageView, Instant now)
    {
        var newVisit = visitId is null
            ? cursor.VisitNumber == 0 || now - cursor.LastSeen >= gap
            : !string.Equals(visitId, cursor.HostVisitId, StringComparison.Ordinal);
        if (newVisit)
        {
            cursor.VisitNumber++;
            cursor.HostVisitId = visitId;
            cursor.VisitId = visitId;
            cursor.VisitStartTicks = now.ToUnixTimeTicks();
            cursor.PageViewNumber = 0;
            cursor.PageViewId = null;
        }

        if (pageViewId is null && (isPageView || cursor.PageViewNumber == 0))
        {
            cursor.PageViewNumber++;
            cursor.PageViewId = null;
        }

        cursor.LastSeen = now;
    }

    private State GetState(string workspaceId, string visitorId)
    {
        var key = (workspaceId, visitorId);
        if (!_states.TryGetValue(key, out var state))
        {
            state = _states.GetOrAdd(key, static _ => new State());
            if (_states.Count > _capacity)
            {
                Sweep();
            }
        }

        return state;
    }

    private static void EnsureIds(ref Cursor cursor)
    {
        cursor.VisitId ??= string.Create(CultureInfo.InvariantCulture, $"visit-{cursor.VisitNumber}-{cursor.VisitStartTicks}");
        cursor.PageViewId ??= string.Create(CultureInfo.InvariantCulture, $"page-{cursor.PageViewNumber}");
    }

    private void Sweep()
    {
        // One thread sweeps at a time; others go on.
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var excess = _states.Count - (_capacity * 9 / 10);
            if (excess <= 0)
            {
                return;
            }

            var oldest = _states
                .Select(pair => (pair.Key, LastSeen: Volatile.Read(ref pair.Value.Cursor.LastSeenTicks)))
                .OrderBy(pair => pair.LastSeen)
                .Take(excess)
                .ToList();
            foreach (var (key, _) in oldest)
            {
                _states.TryRemove(key, out _);
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>A visitor's entry; its cursor is read and written under <c>lock (this)</c>, except the sweep's read of the last activity.</summary>
    private sealed class State
    {
        public Cursor Cursor;
    }

    /// <summary>Where a visitor is: its visit and page view, and its last activity. A struct, so a copy can be advanced without touching the state.</summary>
    private struct Cursor
    {
        public long LastSeenTicks;

        public string? VisitId { get; set; }

        public string? HostVisitId { get; set; }

        public long VisitNumber { get; set; }

        public long VisitStartTicks { get; set; }

        public string? PageViewId { get; set; }

        public long PageViewNumber { get; set; }

        public Instant LastSeen
        {
            // Read under the state's lock (or on a copy); written under it while the sweep reads it without.
            readonly get => Instant.FromUnixTimeTicks(LastSeenTicks);
            set => Volatile.Write(ref LastSeenTicks, value.ToUnixTimeTicks());
        }
    }
}
