using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// What the in-memory frequency store remembers about one visitor. Every member is used under
/// <c>lock (this)</c>.
/// </summary>
/// <remarks>
/// Visits and page views are numbered rather than kept by id: a request whose visit id differs
/// from the current one starts a new visit (and a new page view), and one whose page view id
/// differs starts a new page view. A message's record then says in which visit and page view it
/// was last sent, in 16 bytes.
/// </remarks>
internal sealed class VisitorState : TrackedEntry
{
    private const int InitialSentCapacity = 4;

    private string? _visitId;
    private string? _pageViewId;
    private int _visit;
    private int _pageView;
    private string? _showingMessageId;
    private bool _conversationOpen;
    private int _totalSends;
    private int _visitSends;
    private SentMessage[]? _sent;
    private int _sentCount;

    // Send instants (UTC ticks) for the fatigue windows, oldest first; only the most recent sends
    // that the policy's windows can still count are kept.
    private long[]? _sendTicks;
    private int _sendCount;

    internal VisitorState(long use, long nowTicks)
    {
        LastUse = use;
        LastSeenTicks = nowTicks;
    }

    internal bool ConversationOpen => _conversationOpen;

    /// <summary>
    /// Forgets what idleness ends, after the time to live: the visit and page view (the next
    /// request starts a new visit), the message showing, an open conversation and the send
    /// instants of the fatigue windows. Keeps what the visitor was ever sent (so a <c>Once</c>
    /// message is never sent again) and the lifetime send count: only the store's capacity may
    /// drop those, with the whole visitor.
    /// </summary>
    internal void Expire()
    {
        // The visit and page view numbers go on counting, so that the records of earlier sends
        // keep comparing as earlier visits and page views.
        _visitId = null;
        _pageViewId = null;
        _showingMessageId = null;
        _conversationOpen = false;
        _visitSends = 0;
        _sendCount = 0;
        _sendTicks = null;
    }

    /// <inheritdoc/>
    /// <remarks>A visitor who was sent a message stays: its records outlive idleness (see <see cref="Expire"/>).</remarks>
    internal override bool ExpireIdle()
    {
        Expire();
        return _sentCount == 0;
    }

    /// <summary>
    /// For each candidate, what <see cref="Reserve"/> would answer now were that candidate offered
    /// alone, without changing this state: each answer comes from the same rules, run on a copy.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="nowTicks">The request's instant.</param>
    /// <param name="expired">Whether the visitor has been idle longer than the time to live (a reservation would first <see cref="Expire"/>).</param>
    /// <param name="statuses">Receives one status per candidate.</param>
    internal void Preview(in ReservationRequest request, long nowTicks, bool expired, Span<ReservationStatus> statuses)
    {
        var start = Copy();
        if (expired)
        {
            start.Expire();
        }

        for (var i = 0; i < statuses.Length; i++)
        {
            var alone = new ReservationRequest(request.WorkspaceId, request.VisitorId, request.VisitId, request.PageViewId, request.Now, request.Candidates.Slice(i, 1), request.Policy);
            statuses[i] = start.Copy().Reserve(alone, nowTicks).Status;
        }
    }

    internal ReservationResult Reserve(in ReservationRequest request, long nowTicks)
    {
        EnterPageView(request.VisitId, request.PageViewId);
        var policy = request.Policy;

        if (_conversationOpen && !policy.AllowWhileConversationOpen)
        {
            return ReservationResult.Refused(ReservationStatus.ConversationOpen);
        }

        // A message shown in an earlier visit was cleared by EnterPageView.
        if (_showingMessageId is not null)
        {
            return ReservationResult.Refused(ReservationStatus.AnotherMessageShowing);
        }

        if (IsFatigueCapped(policy, nowTicks))
        {
            return ReservationResult.Refused(ReservationStatus.FatigueCapped);
        }

        var candidates = request.Candidates.Span;
        for (var i = 0; i < candidates.Length; i++)
        {
            var index = IndexOfSent(candidates[i].MessageId);
            if (!FrequencyAllows(candidates[i].Frequency, index))
            {
                continue;
            }

            RecordSend(candidates[i].MessageId, index, policy, nowTicks);
            return new ReservationResult(ReservationStatus.Reserved, i, FirstSendToVisitor: index < 0);
        }

        return ReservationResult.Refused(ReservationStatus.FrequencyCapped);
    }

    /// <summary>Whether an outcome is about a message (rather than the conversation) and so needs that message to have been sent.</summary>
    internal static bool IsAboutAMessage(string? messageId, VisitorOutcome outcome) =>
        messageId is not null && outcome is not (VisitorOutcome.ConversationStarted or VisitorOutcome.ConversationEnded);

    /// <summary>
    /// Applies an outcome reported by the host. Returns <see langword="false"/>, changing nothing,
    /// for an outcome about a message never sent to this visitor.
    /// </summary>
    internal bool RecordOutcome(string visitId, string? messageId, VisitorOutcome outcome)
    {
        if (IsAboutAMessage(messageId, outcome) && IndexOfSent(messageId!) < 0)
        {
            return false;
        }

        switch (outcome)
        {
            case VisitorOutcome.Opened or VisitorOutcome.Dismissed or VisitorOutcome.WindowClosed:
                // Only an outcome of the current visit about the showing message (or, without a
                // message id, about whatever is showing) ends the showing.
                if (_showingMessageId is not null
                    && string.Equals(visitId, _visitId, StringComparison.Ordinal)
                    && (messageId is null || string.Equals(messageId, _showingMessageId, StringComparison.Ordinal)))
                {
                    _showingMessageId = null;
                }

                break;
            case VisitorOutcome.ConversationStarted:
                _conversationOpen = true;
                break;
            case VisitorOutcome.ConversationEnded:
                _conversationOpen = false;
                break;
            default:
                // Replied changes nothing the frequency rules read.
                break;
        }

        return true;
    }

    /// <summary>A copy that shares nothing mutable with this state, for <see cref="Preview"/>; never in the table.</summary>
    private VisitorState Copy()
    {
        var copy = (VisitorState)MemberwiseClone();
        copy._sent = (SentMessage[]?)_sent?.Clone();
        copy._sendTicks = (long[]?)_sendTicks?.Clone();
        return copy;
    }

    private void EnterPageView(string visitId, string pageViewId)
    {
        if (!string.Equals(visitId, _visitId, StringComparison.Ordinal))
        {
            // A different visit id ends the previous visit: its showing message no longer blocks.
            _visitId = visitId;
            _visit++;
            _visitSends = 0;
            _showingMessageId = null;
            _pageViewId = pageViewId;
            _pageView++;
        }
        else if (!string.Equals(pageViewId, _pageViewId, StringComparison.Ordinal))
        {
            _pageViewId = pageViewId;
            _pageView++;
        }
    }

    private bool IsFatigueCapped(FrequencyPolicy policy, long nowTicks)
    {
        if (_totalSends >= policy.LifetimeCap || _visitSends >= policy.PerVisitCap)
        {
            return true;
        }

        foreach (var window in policy.Windows)
        {
            // A send counts in the window until exactly one period after it.
            var since = nowTicks - window.Period.BclCompatibleTicks;
            var inWindow = 0;
            for (var i = _sendCount - 1; i >= 0 && _sendTicks![i] > since; i--)
            {
                inWindow++;
            }

            if (inWindow >= window.Count)
            {
                return true;
            }
        }

        return false;
    }

    private bool FrequencyAllows(MessageFrequency frequency, int sentIndex)
    {
        if (sentIndex < 0)
        {
            return true;
        }

        var sent = _sent![sentIndex];
        return frequency switch
        {
            MessageFrequency.Once => false,
            MessageFrequency.OncePerVisit => sent.Visit != _visit,
            MessageFrequency.EveryTime => sent.PageView != _pageView,

            // An unknown rule fails closed.
            _ => false,
        };
    }

    private int IndexOfSent(string messageId)
    {
        var sent = _sent;
        for (var i = 0; i < _sentCount; i++)
        {
            if (string.Equals(sent![i].MessageId, messageId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void RecordSend(string messageId, int sentIndex, FrequencyPolicy policy, long nowTicks)
    {
        if (sentIndex < 0)
        {
            if (_sent is null || _sentCount == _sent.Length)
            {
                Array.Resize(ref _sent, _sent is null ? InitialSentCapacity : _sent.Length * 2);
            }

            sentIndex = _sentCount++;
        }

        _sent![sentIndex] = new SentMessage(messageId, _visit, _pageView);
        _showingMessageId = messageId;
        _totalSends++;
        _visitSends++;
        RecordSendInstant(policy, nowTicks);
    }

    private void RecordSendInstant(FrequencyPolicy policy, long nowTicks)
    {
        var keep = 0;
        var longest = 0L;
        foreach (var window in policy.Windows)
        {
            keep = Math.Max(keep, window.Count);
            longest = Math.Max(longest, window.Period.BclCompatibleTicks);
        }

        if (keep <= 0)
        {
            _sendCount = 0;
            return;
        }

        // Drop what no window can count any more: sends older than the longest period, and all
        // but the 'keep' most recent (a window only needs to know whether it holds Count sends).
        var oldest = nowTicks - longest;
        var first = 0;
        while (first < _sendCount && _sendTicks![first] <= oldest)
        {
            first++;
        }

        first = Math.Max(first, _sendCount + 1 - keep);
        if (first > 0)
        {
            Array.Copy(_sendTicks!, first, _sendTicks!, 0, _sendCount - first);
            _sendCount -= first;
        }

        if (_sendTicks is null || _sendTicks.Length < _sendCount + 1)
        {
            Array.Resize(ref _sendTicks, Math.Max(keep, _sendCount + 1));
        }

        // Clock readings may arrive out of order across nodes; keep the instants sorted.
        var at = _sendCount;
        while (at > 0 && _sendTicks[at - 1] > nowTicks)
        {
            _sendTicks[at] = _sendTicks[at - 1];
            at--;
        }

        _sendTicks[at] = nowTicks;
        _sendCount++;
    }

    private readonly record struct SentMessage(string MessageId, int Visit, int PageView);
}
