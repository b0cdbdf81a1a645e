using System.Collections.Concurrent;
using System.Globalization;
using NodaTime;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Gives visits and page views to visitors whose events carry no session or page view id: a new
/// visit after the inactivity gap, a new page view at each page-view event. Bounded: past the
/// capacity, the visitors idle longest are forgotten (a forgotten visitor simply starts a new visit).
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

    public VisitTracker(TimeSpan gap, int capacity)
    {
        _gap = Duration.FromTimeSpan(gap);
        _capacity = capacity;
    }

    public int Count => _states.Count;

    /// <summary>
    /// Records an event's activity: a new visit after the inactivity gap, a new page view at each
    /// page-view event. Called for every event of a known channel, whether or not a message
    /// matches, so that browsing pages where nothing matches keeps the visit going. Builds no id.
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
            Record(state, visitId, pageViewId, isPageView, now);
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
            if (state.VisitNumber == 0)
            {
                // Forgotten (swept) since the event was recorded: record it again.
                Record(state, visitId, pageViewId, isPageView: true, now);
            }

            EnsureIds(state);
            return (visitId ?? state.VisitId!, pageViewId ?? state.PageViewId!);
        }
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
                if (state.VisitNumber == 0)
                {
                    return string.Empty;
                }

                EnsureIds(state);
                return state.VisitId!;
            }
        }

        return string.Empty;
    }

    private void Record(State state, string? visitId, string? pageViewId, bool isPageView, Instant now)
    {
        var newVisit = visitId is null
            ? state.VisitNumber == 0 || now - state.LastSeen >= _gap
            : !string.Equals(visitId, state.HostVisitId, StringComparison.Ordinal);
        if (newVisit)
        {
            state.VisitNumber++;
            state.HostVisitId = visitId;
            state.VisitId = visitId;
            state.VisitStartTicks = now.ToUnixTimeTicks();
            state.PageViewNumber = 0;
            state.PageViewId = null;
        }

        if (pageViewId is null && (isPageView || state.PageViewNumber == 0))
        {
            state.PageViewNumber++;
            state.PageViewId = null;
        }

        state.LastSeen = now;
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

    private static void EnsureIds(State state)
    {
        state.VisitId ??= string.Create(CultureInfo.InvariantCulture, $"visit-{state.VisitNumber}-{state.VisitStartTicks}");
        state.PageViewId ??= string.Create(CultureInfo.InvariantCulture, $"page-{state.PageViewNumber}");
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
                .Select(pair => (pair.Key, LastSeen: Volatile.Read(ref pair.Value.LastSeenTicks)))
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

    private sealed class State
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
            get => Instant.FromUnixTimeTicks(Volatile.Read(ref LastSeenTicks));
            set => Volatile.Write(ref LastSeenTicks, value.ToUnixTimeTicks());
        }
    }
}
