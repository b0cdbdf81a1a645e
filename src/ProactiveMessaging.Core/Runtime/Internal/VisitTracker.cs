using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using ProactiveMessaging.Storage.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Gives visits and page views to visitors whose events carry no session or page view id: a new
/// visit once the inactivity gap has passed (an event exactly one gap after the last starts one),
/// a new page view at each page-view event. Bounded: past the capacity, the visitors idle longest
/// are forgotten (a forgotten visitor simply starts a new visit).
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. It lives in the engine's process: hosts on many nodes either pass their session and
/// page view ids (the widget and SDKs have them) or route a visitor's events to one node.
/// </para>
/// <para>
/// Compact: a visitor is a 32-byte record in a <see cref="BoundedEntryTable{TKey, TValue}"/> (about
/// 56 bytes with its key and link), and the ids it builds are shared between visitors. A page view
/// id is <c>page-{number}</c>, one string per number. A visit id is <c>visit-{number}-{start}</c>
/// where the start is the visit's first event rounded down to a multiple of the inactivity gap
/// (in Unix ticks): every visitor whose n-th visit starts in the same gap-long period shares one
/// string. A visitor's visits still get distinct ids: a later visit of a visitor remembered has a
/// higher number, and a visitor forgotten (past the capacity) whose next visit starts only after a
/// full gap without events starts it in a later period. A visitor forgotten and back within the
/// gap, in the period its first visit started in, gets that visit's id again: it is the same
/// visit by the gap rule.
/// </para>
/// </remarks>
internal sealed class VisitTracker
{
    /// <summary>The page view ids shared by every visitor, built when first needed: <c>page-1</c> to <c>page-4096</c>.</summary>
    private static readonly string?[] SharedPageViewIds = new string?[4096];

    private readonly BoundedEntryTable<VisitorKey, Cursor> _states;
    private readonly long _gapTicks;
    private VisitIds? _visitIds;

    public VisitTracker(TimeSpan gap, int capacity, bool requiresHostIds = false)
    {
        RequiresHostIds = requiresHostIds;
        _gapTicks = gap.Ticks;

        // No time to live: an idle visitor is only forgotten past the capacity, the idlest first.
        _states = new BoundedEntryTable<VisitorKey, Cursor>(capacity, timeToLive: null);
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

        var nowTicks = now.ToUnixTimeTicks();
        var key = new VisitorKey(workspaceId, visitorId);
        var shard = _states.ShardOf(key, out var hash);
        bool added;
        lock (shard.Lock)
        {
            ref var cursor = ref _states.GetOrAdd(shard, key, hash, out added);
            Record(ref cursor, visitId, pageViewId, isPageView, nowTicks);
        }

        if (added)
        {
            _states.OnAdded(nowTicks);
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

        var nowTicks = now.ToUnixTimeTicks();
        var key = new VisitorKey(workspaceId, visitorId);
        var shard = _states.ShardOf(key, out var hash);
        bool added;
        (string, string) ids;
        lock (shard.Lock)
        {
            ref var cursor = ref _states.GetOrAdd(shard, key, hash, out added);
            if (cursor.VisitNumber == 0)
            {
                // Forgotten (swept) since the event was recorded: record it again.
                Record(ref cursor, visitId, pageViewId, isPageView: true, nowTicks);
            }

            ids = (visitId ?? VisitIdOf(ref cursor), pageViewId ?? PageViewIdOf(cursor.PageViewNumber));
        }

        if (added)
        {
            _states.OnAdded(nowTicks);
        }

        return ids;
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
        var key = new VisitorKey(workspaceId, visitorId);
        var shard = _states.ShardOf(key, out var hash);
        lock (shard.Lock)
        {
            ref var found = ref shard.Find(key, hash);
            if (!Unsafe.IsNullRef(ref found))
            {
                cursor = found;
            }
        }

        Record(ref cursor, visitId, pageViewId, isPageView, now.ToUnixTimeTicks());
        return (visitId ?? VisitIdOf(ref cursor), pageViewId ?? PageViewIdOf(cursor.PageViewNumber));
    }

    /// <summary>Gets the visit an outcome belongs to, without recording activity.</summary>
    public string CurrentVisit(string workspaceId, string visitorId, string? visitId)
    {
        if (visitId is not null)
        {
            return visitId;
        }

        var key = new VisitorKey(workspaceId, visitorId);
        var shard = _states.ShardOf(key, out var hash);
        lock (shard.Lock)
        {
            ref var cursor = ref shard.Find(key, hash);
            return Unsafe.IsNullRef(ref cursor) || cursor.VisitNumber == 0 ? string.Empty : VisitIdOf(ref cursor);
        }
    }

    private static string PageViewIdOf(int number)
    {
        if (number > SharedPageViewIds.Length)
        {
            // Past thousands of page views in one visit, each id is built when asked for.
            return string.Create(CultureInfo.InvariantCulture, $"page-{number}");
        }

        // Two threads may both build a missing id: equal strings, either one kept.
        ref var shared = ref SharedPageViewIds[number - 1];
        return Volatile.Read(ref shared) ?? (shared = string.Create(CultureInfo.InvariantCulture, $"page-{number}"));
    }

    /// <summary>
    /// The visit rule: a new visit when the time since the visitor's last event is at least the gap
    /// (or at the first event, or when the host's session id changes); a new page view at each
    /// page-view event.
    /// </summary>
    private void Record(ref Cursor cursor, string? visitId, string? pageViewId, bool isPageView, long nowTicks)
    {
        var newVisit = visitId is null
            ? cursor.VisitNumber == 0 || nowTicks - cursor.LastSeenTicks >= _gapTicks
            : !(cursor.IsHostVisit && string.Equals(visitId, cursor.VisitId, StringComparison.Ordinal));
        if (newVisit)
        {
            cursor.VisitNumber++;
            cursor.VisitId = visitId;
            cursor.VisitPeriodTicks = visitId is null ? nowTicks - (((nowTicks % _gapTicks) + _gapTicks) % _gapTicks) : Cursor.HostVisit;
            cursor.PageViewNumber = 0;
        }

        if (pageViewId is null && (isPageView || cursor.PageViewNumber == 0))
        {
            cursor.PageViewNumber++;
        }

        cursor.LastSeenTicks = nowTicks;
    }

    /// <summary>The visit id of a cursor: the host's, or the engine's, built once per visit and shared between visitors.</summary>
    private string VisitIdOf(ref Cursor cursor)
    {
        if (cursor.VisitId is { } id)
        {
            return id;
        }

        var number = cursor.VisitNumber;
        var period = cursor.VisitPeriodTicks;
        var shared = Volatile.Read(ref _visitIds);
        if (shared is null || shared.PeriodTicks < period)
        {
            // A new period: the ids of the earlier one stay with the visitors that hold them.
            shared = new VisitIds(period);
            Volatile.Write(ref _visitIds, shared);
        }

        if (shared.PeriodTicks != period || number > shared.Ids.Length)
        {
            // An earlier period (clock readings out of order) or a visitor of many visits: not shared.
            id = VisitIds.Build(number, period);
        }
        else
        {
            // Two threads may both build a missing id: equal strings, either one kept.
            ref var slot = ref shared.Ids[number - 1];
            id = Volatile.Read(ref slot) ?? (slot = VisitIds.Build(number, period));
        }

        cursor.VisitId = id;
        return id;
    }

    /// <summary>The engine's visit ids of one period, by visit number, built when first needed.</summary>
    private sealed class VisitIds(long periodTicks)
    {
        public long PeriodTicks { get; } = periodTicks;

        public string?[] Ids { get; } = new string?[64];

        public static string Build(int number, long periodTicks) =>
            string.Create(CultureInfo.InvariantCulture, $"visit-{number}-{periodTicks}");
    }

    /// <summary>
    /// Where a visitor is: its visit and page view, and its last activity, in 32 bytes. A struct,
    /// so a copy can be advanced without touching the table; used under the shard's lock.
    /// </summary>
    private struct Cursor : ITrackedValue
    {
        /// <summary>The <see cref="VisitPeriodTicks"/> of a visit whose id is the host's.</summary>
        public const long HostVisit = long.MinValue;

        /// <summary>The host's visit id (see <see cref="IsHostVisit"/>), or the engine's once built; <see langword="null"/> before.</summary>
        public string? VisitId;

        /// <summary>The last event's clock reading, in Unix ticks.</summary>
        public long LastSeenTicks;

        /// <summary>The start of the gap-long period the visit started in, in Unix ticks; <see cref="HostVisit"/> for the host's visit.</summary>
        public long VisitPeriodTicks;

        /// <summary>The visit's number, from 1; 0 before the first event.</summary>
        public int VisitNumber;

        /// <summary>The page view's number in the visit, from 1.</summary>
        public int PageViewNumber;

        public readonly bool IsHostVisit => VisitPeriodTicks == HostVisit;

        /// <inheritdoc/>
        /// <remarks>Past the capacity, the visitors idle longest are forgotten first.</remarks>
        public readonly long EvictionOrder => LastSeenTicks;

        readonly long ITrackedValue.LastSeenTicks => LastSeenTicks;

        /// <inheritdoc/>
        public readonly bool ExpireIdle() => true;
    }
}
