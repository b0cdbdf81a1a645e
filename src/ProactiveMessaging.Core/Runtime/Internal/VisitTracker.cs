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

    /// <summary>Resolves the visit and page view of an event, recording its activity.</summary>
    public (string VisitId, string PageViewId) Track(string workspaceId, string visitorId, string? visitId, string? pageViewId, bool isPageView, Instant now)
    {
        if (visitId is not null && pageViewId is not null)
        {
            return (visitId, pageViewId);
        }

        var key = (workspaceId, visitorId);
        if (!_states.TryGetValue(key, out var state))
        {
            state = _states.GetOrAdd(key, static _ => new State());
            if (_states.Count > _capacity)
            {
                Sweep();
            }
        }

        lock (state)
        {
            var newVisit = visitId is null
                ? state.VisitId is null || now - state.LastSeen >= _gap
                : !string.Equals(visitId, state.HostVisitId, StringComparison.Ordinal);
            if (newVisit)
            {
                state.VisitNumber++;
                state.HostVisitId = visitId;
                state.VisitId = visitId ?? string.Create(CultureInfo.InvariantCulture, $"visit-{state.VisitNumber}-{now.ToUnixTimeTicks()}");
                state.PageViewNumber = 0;
                state.PageViewId = null;
            }

            if (pageViewId is null && (isPageView || state.PageViewId is null))
            {
                state.PageViewNumber++;
                state.PageViewId = string.Create(CultureInfo.InvariantCulture, $"page-{state.PageViewNumber}");
            }

            state.LastSeen = now;
            return (state.VisitId!, pageViewId ?? state.PageViewId!);
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
                return state.VisitId ?? string.Empty;
            }
        }

        return string.Empty;
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

        public string? PageViewId { get; set; }

        public long PageViewNumber { get; set; }

        public Instant LastSeen
        {
            get => Instant.FromUnixTimeTicks(Volatile.Read(ref LastSeenTicks));
            set => Volatile.Write(ref LastSeenTicks, value.ToUnixTimeTicks());
        }
    }
}
