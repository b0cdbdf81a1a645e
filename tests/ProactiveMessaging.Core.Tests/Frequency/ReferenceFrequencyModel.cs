using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Frequency;

/// <summary>
/// The frequency rules written the plain way, for the properties to hold the real ones to: one
/// visitor, every send kept in a list with its visit, page view and instant, every count taken by
/// scanning the list. Slow and allocating on purpose; nothing is trimmed or numbered cleverly.
/// </summary>
internal sealed class ReferenceFrequencyModel(Duration idleTimeout)
{
    private List<Send> _sends = [];
    private string? _visitId;
    private string? _pageViewId;
    private int _visit;
    private int _pageView;
    private string? _showing;
    private bool _conversationOpen;
    private Instant? _lastActivity;

    // Sends before the last idle reset no longer count in the fatigue windows.
    private int _epoch;

    internal ReservationResult Reserve(string visitId, string pageViewId, Instant now, IReadOnlyList<FrequencyCandidate> candidates, FrequencyPolicy policy)
    {
        TouchAt(now);
        if (visitId != _visitId)
        {
            _visitId = visitId;
            _pageViewId = pageViewId;
            _visit++;
            _pageView++;
            _showing = null;
        }
        else if (pageViewId != _pageViewId)
        {
            _pageViewId = pageViewId;
            _pageView++;
        }

        if (_conversationOpen && !policy.AllowWhileConversationOpen)
        {
            return ReservationResult.Refused(ReservationStatus.ConversationOpen);
        }

        if (_showing is not null)
        {
            return ReservationResult.Refused(ReservationStatus.AnotherMessageShowing);
        }

        var inVisit = _sends.Count(s => s.Visit == _visit && s.Epoch == _epoch);
        if ((policy.LifetimeCap is { } lifetime && _sends.Count >= lifetime) || (policy.PerVisitCap is { } perVisit && inVisit >= perVisit))
        {
            return ReservationResult.Refused(ReservationStatus.FatigueCapped);
        }

        foreach (var window in policy.Windows)
        {
            if (_sends.Count(s => s.Epoch == _epoch && s.At > now - window.Period) >= window.Count)
            {
                return ReservationResult.Refused(ReservationStatus.FatigueCapped);
            }
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var last = _sends.LastOrDefault(s => s.MessageId == candidates[i].MessageId);
            var allowed = last is null || candidates[i].Frequency switch
            {
                MessageFrequency.Once => false,
                MessageFrequency.OncePerVisit => last.Visit != _visit,
                MessageFrequency.EveryTime => last.PageView != _pageView,
                _ => false,
            };
            if (allowed)
            {
                _sends.Add(new Send(candidates[i].MessageId, _visit, _pageView, now, _epoch));
                _showing = candidates[i].MessageId;
                return new ReservationResult(ReservationStatus.Reserved, i);
            }
        }

        return ReservationResult.Refused(ReservationStatus.FrequencyCapped);
    }

    /// <summary>What <see cref="Reserve"/> would answer for each candidate alone, on a copy.</summary>
    internal ReservationStatus[] Preview(string visitId, string pageViewId, Instant now, IReadOnlyList<FrequencyCandidate> candidates, FrequencyPolicy policy) =>
        [.. candidates.Select(c => Copy().Reserve(visitId, pageViewId, now, [c], policy).Status)];

    internal bool RecordOutcome(string visitId, string? messageId, VisitorOutcome outcome, Instant now)
    {
        TouchAt(now);
        var aboutAMessage = messageId is not null && outcome is not (VisitorOutcome.ConversationStarted or VisitorOutcome.ConversationEnded);
        if (aboutAMessage && !_sends.Any(s => s.MessageId == messageId))
        {
            return false;
        }

        switch (outcome)
        {
            case VisitorOutcome.Opened or VisitorOutcome.Dismissed or VisitorOutcome.WindowClosed:
                if (_showing is not null && visitId == _visitId && (messageId is null || messageId == _showing))
                {
                    _showing = null;
                }

                break;
            case VisitorOutcome.ConversationStarted:
                _conversationOpen = true;
                break;
            case VisitorOutcome.ConversationEnded:
                _conversationOpen = false;
                break;
        }

        return true;
    }

    private ReferenceFrequencyModel Copy()
    {
        var copy = (ReferenceFrequencyModel)MemberwiseClone();
        copy._sends = [.. _sends];
        return copy;
    }

    private void TouchAt(Instant now)
    {
        if (_lastActivity is { } last && now - last > idleTimeout)
        {
            // Idle: the visit ends, and with it what only lasts a visit or a fatigue window.
            _visitId = null;
            _pageViewId = null;
            _showing = null;
            _conversationOpen = false;
            _epoch++;
            _lastActivity = now;
        }
        else if (_lastActivity is null || now > _lastActivity)
        {
            _lastActivity = now;
        }
    }

    private sealed record Send(string MessageId, int Visit, int PageView, Instant At, int Epoch);
}
