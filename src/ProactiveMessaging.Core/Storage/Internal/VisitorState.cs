using ProactiveMessaging.Frequency;
using SentMessage = ProactiveMessaging.Frequency.VisitorFrequencyState.SentMessage;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// One visitor in the in-memory frequency store, in 56 bytes: the visitor's
/// <see cref="VisitorFrequencyState"/> in a compact form, and what the store's table needs to
/// expire and evict it. The rules run on a <see cref="VisitorFrequencyState"/> of the calling
/// thread's own, loaded with <see cref="LoadInto"/> and saved back with <see cref="SaveFrom"/>
/// under the shard's lock, so that the rules exist once, for every store.
/// </summary>
/// <remarks>
/// <para>
/// What the common visitor needs is inline: the current visit and page view ids (references to
/// the strings the requests carry, usually shared), the first message it was sent, its send counts
/// and its last activity. The rest (more messages, the message showing when it is not the first,
/// the fatigue windows' send instants) is in a <see cref="VisitorStateMore"/> made only when needed.
/// </para>
/// <para>
/// Visit and page view numbers are not kept: the rules only compare a message's numbers with the
/// current ones, so a message's record keeps two flags (sent in the current visit, in the current
/// page view), and the state is loaded with the current visit and page view numbered
/// <see cref="Current"/> and earlier ones <see cref="Earlier"/>.
/// </para>
/// </remarks>
internal struct VisitorState : ITrackedValue
{
    /// <summary>The number the current visit and page view are loaded with.</summary>
    internal const int Current = 2;

    /// <summary>The number a message sent in an earlier visit or page view is loaded with.</summary>
    internal const int Earlier = 1;

    private const int FlagBits = 8;
    private const long ConversationOpen = 1;
    private const long FirstInVisit = 2;
    private const long FirstInPageView = 4;

    // The message showing: none, the first message, or the index kept in More.
    private const long ShowingFirst = 8;
    private const long ShowingInMore = 16;

    [ThreadStatic]
    private static Scratch? _threadScratch;

    private string? _visitId;
    private string? _pageViewId;
    private string? _firstSent;
    private VisitorStateMore? _more;

    /// <summary>The table's use stamp, shifted left by <see cref="FlagBits"/>, and the flags in the low bits.</summary>
    private long _useAndFlags;
    private long _lastActivityTicks;
    private int _totalSends;
    private int _visitSends;

    /// <inheritdoc/>
    public readonly long EvictionOrder => _useAndFlags >> FlagBits;

    /// <inheritdoc/>
    /// <remarks>The rules' last activity: the latest instant of a reservation or outcome.</remarks>
    public readonly long LastSeenTicks => _lastActivityTicks;

    /// <summary>Gets the calling thread's own rules state, to load a visitor into (one thread-static read per call).</summary>
    internal static Scratch ThreadScratch => _threadScratch ??= new Scratch();

    /// <summary>Sets up a new visitor: never active, never sent anything.</summary>
    internal void Initialize(long use)
    {
        this = default;
        _lastActivityTicks = long.MinValue;
        _useAndFlags = use << FlagBits;
    }

    /// <summary>Marks a use by the store's table (for eviction).</summary>
    internal void Use(long use) => _useAndFlags = (use << FlagBits) | (_useAndFlags & ((1L << FlagBits) - 1));

    /// <inheritdoc/>
    /// <remarks>
    /// What the rules' <see cref="FrequencyRules.EndVisit"/> forgets. A visitor who was sent a
    /// message stays: its records outlive idleness.
    /// </remarks>
    public bool ExpireIdle()
    {
        _visitId = null;
        _pageViewId = null;
        _visitSends = 0;
        _useAndFlags &= ~(ConversationOpen | FirstInVisit | FirstInPageView | ShowingFirst | ShowingInMore);
        if (_more is { } more)
        {
            more.SendTicks = null;
            more.SendCount = 0;
            if (more.SentCount == 0)
            {
                _more = null;
            }
        }

        return _firstSent is null;
    }

    /// <summary>Loads this visitor into the thread's state, which then holds nothing of an earlier visitor.</summary>
    /// <returns>The state, for the rules.</returns>
    internal readonly VisitorFrequencyState LoadInto(Scratch scratch)
    {
        var state = scratch.State;
        var flags = _useAndFlags;
        var more = _more;
        state.VisitId = _visitId;
        state.PageViewId = _pageViewId;
        state.Visit = Current;
        state.PageView = Current;
        state.ConversationOpen = (flags & ConversationOpen) != 0;
        state.TotalSends = _totalSends;
        state.VisitSends = _visitSends;
        state.LastActivityTicks = _lastActivityTicks;
        state.Showing = (flags & ShowingFirst) != 0 ? 0 : (flags & ShowingInMore) != 0 ? more!.Showing : -1;

        var sentCount = _firstSent is null ? 0 : 1 + (more?.SentCount ?? 0);
        var sent = state.Sent;
        if (sent is null || sent.Length < sentCount)
        {
            sent = new SentMessage[Math.Max(4, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)sentCount))];
            state.Sent = sent;
        }

        if (_firstSent is not null)
        {
            sent[0] = new SentMessage(_firstSent, (flags & FirstInVisit) != 0 ? Current : Earlier, (flags & FirstInPageView) != 0 ? Current : Earlier);
            if (more is { SentCount: > 0 })
            {
                Array.Copy(more.Sent!, 0, sent, 1, more.SentCount);
            }
        }

        state.SentCount = sentCount;

        // The rules always get a send-instant array, so that recording a send in it allocates
        // nothing once it is long enough.
        var sendCount = more?.SendCount ?? 0;
        var ticks = scratch.SendTicks;
        if (ticks.Length < sendCount)
        {
            ticks = new long[sendCount];
            scratch.SendTicks = ticks;
        }

        if (sendCount > 0)
        {
            Array.Copy(more!.SendTicks!, ticks, sendCount);
        }

        state.SendTicks = ticks;
        state.SendCount = sendCount;
        return state;
    }

    /// <summary>Saves what the rules made of the state loaded with <see cref="LoadInto"/>.</summary>
    internal void SaveFrom(Scratch scratch)
    {
        var state = scratch.State;

        // The rules may have grown (or dropped, ending a visit) the thread's send-instant array.
        if (state.SendTicks is { } ticks && ticks.Length > scratch.SendTicks.Length)
        {
            scratch.SendTicks = ticks;
        }

        _visitId = state.VisitId;
        _pageViewId = state.PageViewId;
        _totalSends = state.TotalSends;
        _visitSends = state.VisitSends;
        _lastActivityTicks = state.LastActivityTicks;

        var flags = _useAndFlags & ~((1L << FlagBits) - 1);
        if (state.ConversationOpen)
        {
            flags |= ConversationOpen;
        }

        var sent = state.Sent;
        var sentCount = state.SentCount;
        var more = _more;
        if (more is null && (sentCount > 1 || state.Showing > 0 || state.SendCount > 0))
        {
            more = _more = new VisitorStateMore();
        }

        _firstSent = null;
        if (sentCount > 0)
        {
            _firstSent = sent![0].MessageId;
            flags |= (sent[0].Visit == state.Visit ? FirstInVisit : 0) | (sent[0].PageView == state.PageView ? FirstInPageView : 0);
        }

        if (more is not null)
        {
            more.SaveSent(sent, sentCount, state.Visit, state.PageView);
            more.SaveSendTicks(state.SendTicks, state.SendCount);
        }

        if (state.Showing == 0)
        {
            flags |= ShowingFirst;
        }
        else if (state.Showing > 0)
        {
            flags |= ShowingInMore;
            more!.Showing = state.Showing;
        }

        _useAndFlags = flags;
    }

    /// <summary>A thread's own rules state, and the send-instant array it lends the state (the rules drop it when a visit ends).</summary>
    internal sealed class Scratch
    {
        internal VisitorFrequencyState State { get; } = new();

        internal long[] SendTicks { get; set; } = new long[4];
    }
}
