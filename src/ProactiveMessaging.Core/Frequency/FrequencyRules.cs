using NodaTime;

namespace ProactiveMessaging.Frequency;

/// <summary>
/// The frequency rules, in one place: given a visitor's <see cref="VisitorFrequencyState"/> and a
/// request, what is decided and how the state changes. No clock is read (the instant comes with
/// each call) and no I/O is done, so every frequency store, in memory or shared, applies exactly
/// these rules and only keeps the state.
/// </summary>
/// <remarks>
/// <para>
/// A reservation is checked in this order: an open conversation refuses (unless the policy allows
/// it); a message showing in the same visit refuses; a workspace cap reached (lifetime, per visit,
/// or a sliding window) refuses; then the first candidate whose own frequency allows it is
/// reserved (or, for a candidate offered as held out, answered <see cref="ReservationStatus.HeldOut"/>
/// and recorded for its own frequency only: nothing showing, no cap counted): <c>Once</c> if never sent to the visitor, <c>OncePerVisit</c> if not sent in this
/// visit, <c>EveryTime</c> if not sent in this page view. A request whose visit id differs from the
/// visitor's current one starts a new visit (a message showing in the previous visit stops
/// blocking); one whose page view id differs starts a new page view.
/// </para>
/// <para>
/// A visitor with no reservation or outcome for longer than <see cref="VisitorIdleTimeout"/> ends
/// its visit: the message showing, an open conversation and the sends the fatigue windows count
/// are forgotten. What it was ever sent and its lifetime count are kept, so a <c>Once</c> message
/// is never sent again however long the visitor was idle.
/// </para>
/// <para>
/// Thread-safe and allocation-free, except when a visitor's records grow (a message never sent to
/// it before, beyond the room already there). The state passed in must not be used by another
/// thread during the call.
/// </para>
/// </remarks>
public sealed class FrequencyRules
{
    /// <summary>Creates the rules.</summary>
    /// <param name="visitorIdleTimeout">How long a visitor is idle before its visit ends; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="visitorIdleTimeout"/> is not positive.</exception>
    public FrequencyRules(Duration visitorIdleTimeout)
    {
        if (visitorIdleTimeout <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(visitorIdleTimeout), visitorIdleTimeout, "The visitor idle timeout must be positive.");
        }

        VisitorIdleTimeout = visitorIdleTimeout;
        IdleTicks = visitorIdleTimeout >= Duration.FromDays(100 * 365) ? long.MaxValue : visitorIdleTimeout.BclCompatibleTicks;
    }

    /// <summary>Gets how long a visitor is idle before its visit ends.</summary>
    public Duration VisitorIdleTimeout { get; }

    private long IdleTicks { get; }

    /// <summary>
    /// Reserves the first candidate the visitor may be sent at the request's instant and records
    /// the send in <paramref name="state"/>; a refusal still records the visit and page view the
    /// request is in.
    /// </summary>
    /// <param name="state">The visitor's state; changed in place.</param>
    /// <param name="request">The request; only its visit, page view, instant, candidates and policy are read.</param>
    /// <returns>What was decided.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or the request's policy is <see langword="null"/>.</exception>
    public ReservationResult Reserve(VisitorFrequencyState state, in ReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request.Policy, nameof(request));
        var nowTicks = request.Now.ToUnixTimeTicks();
        var position = Locate(state, request.VisitId, request.PageViewId, nowTicks);
        Enter(state, position, request.VisitId, request.PageViewId, nowTicks);

        var policy = request.Policy;
        var gate = Gate(state, position, policy, nowTicks);
        if (gate != ReservationStatus.Reserved)
        {
            return ReservationResult.Refused(gate);
        }

        var candidates = request.Candidates.Span;
        for (var i = 0; i < candidates.Length; i++)
        {
            var index = state.IndexOfSent(candidates[i].MessageId);
            if (!FrequencyAllows(state, position, candidates[i].Frequency, index))
            {
                continue;
            }

            // The visitor is in this message's control group. The hold-out is recorded as a send
            // for the message's own frequency, so that the visitor is held out again at exactly the
            // moments a sent visitor would be sent again (a Once message once, ever): the control's
            // goal window then starts where the treatment's does. Nothing shows and no workspace cap
            // counts it; the caller counts the hold-out and asks again with the candidates after it.
            if (candidates[i].HeldOut)
            {
                state.RecordSent(candidates[i].MessageId, index);
                return new ReservationResult(ReservationStatus.HeldOut, i);
            }

            state.Showing = state.RecordSent(candidates[i].MessageId, index);
            state.TotalSends++;
            state.VisitSends++;
            RecordSendInstant(state, policy, nowTicks);
            return new ReservationResult(ReservationStatus.Reserved, i);
        }

        return ReservationResult.Refused(ReservationStatus.FrequencyCapped);
    }

    /// <summary>
    /// For each candidate, what <see cref="Reserve"/> would answer at the request's instant were
    /// that candidate offered alone; changes nothing.
    /// </summary>
    /// <param name="state">The visitor's state; read only.</param>
    /// <param name="request">The request.</param>
    /// <param name="statuses">Receives one status per candidate, in the candidates' order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or the request's policy is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="statuses"/> is shorter than the candidates.</exception>
    public void Preview(VisitorFrequencyState state, in ReservationRequest request, Span<ReservationStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request.Policy, nameof(request));
        var candidates = request.Candidates.Span;
        if (statuses.Length < candidates.Length)
        {
            throw new ArgumentException("There must be room for one status per candidate.", nameof(statuses));
        }

        var nowTicks = request.Now.ToUnixTimeTicks();
        var position = Locate(state, request.VisitId, request.PageViewId, nowTicks);
        var gate = Gate(state, position, request.Policy, nowTicks);
        for (var i = 0; i < candidates.Length; i++)
        {
            statuses[i] = gate != ReservationStatus.Reserved ? gate
                : FrequencyAllows(state, position, candidates[i].Frequency, state.IndexOfSent(candidates[i].MessageId))
                    ? (candidates[i].HeldOut ? ReservationStatus.HeldOut : ReservationStatus.Reserved)
                : ReservationStatus.FrequencyCapped;
        }
    }

    /// <summary>
    /// Applies an outcome reported by the host. Returns <see langword="false"/>, changing nothing but
    /// the visitor's last activity, for an outcome about a message never sent to the visitor.
    /// </summary>
    /// <param name="state">The visitor's state; changed in place.</param>
    /// <param name="visitId">The visit the outcome happened in.</param>
    /// <param name="messageId">The message the outcome is about, or <see langword="null"/> (conversation outcomes, or the message showing).</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="now">The engine's clock reading.</param>
    /// <returns>Whether the outcome was applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or <paramref name="visitId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a defined value.</exception>
    public bool RecordOutcome(VisitorFrequencyState state, string visitId, string? messageId, VisitorOutcome outcome, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(visitId);
        if (outcome is < VisitorOutcome.Opened or > VisitorOutcome.ConversationEnded)
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The outcome is not a defined value.");
        }

        Touch(state, now.ToUnixTimeTicks());
        if (IsAboutAMessage(messageId, outcome) && state.IndexOfSent(messageId!) < 0)
        {
            return false;
        }

        switch (outcome)
        {
            case VisitorOutcome.Opened or VisitorOutcome.Dismissed or VisitorOutcome.WindowClosed:
                // Only an outcome of the current visit about the showing message (or, without a
                // message id, about whatever is showing) ends the showing.
                if (state.Showing >= 0
                    && string.Equals(visitId, state.VisitId, StringComparison.Ordinal)
                    && (messageId is null || string.Equals(messageId, state.Sent![state.Showing].MessageId, StringComparison.Ordinal)))
                {
                    state.Showing = -1;
                }

                break;
            case VisitorOutcome.ConversationStarted:
                state.ConversationOpen = true;
                break;
            case VisitorOutcome.ConversationEnded:
                state.ConversationOpen = false;
                break;
            default:
                // Replied changes nothing the frequency rules read.
                break;
        }

        return true;
    }

    /// <summary>Whether the visitor has been idle longer than <see cref="VisitorIdleTimeout"/> at <paramref name="now"/>.</summary>
    /// <param name="state">The visitor's state.</param>
    /// <param name="now">The instant.</param>
    /// <returns><see langword="true"/> when the next reservation or outcome starts a new visit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is <see langword="null"/>.</exception>
    public bool IsIdle(VisitorFrequencyState state, Instant now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsIdle(state, now.ToUnixTimeTicks());
    }

    /// <summary>
    /// Forgets, now, what idleness ends (the visit, the message showing, an open conversation and
    /// the sends the fatigue windows count), as the next call would after <see cref="IsIdle(VisitorFrequencyState, Instant)"/>;
    /// lets a store free that memory early. Keeps what the visitor was ever sent and its lifetime count.
    /// </summary>
    /// <param name="state">The visitor's state; changed in place.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is <see langword="null"/>.</exception>
    public static void EndVisit(VisitorFrequencyState state)
    {
        ArgumentNullException.ThrowIfNull(state);

        // The visit and page view numbers go on counting, so that the records of earlier sends
        // keep comparing as earlier visits and page views.
        state.VisitId = null;
        state.PageViewId = null;
        state.Showing = -1;
        state.ConversationOpen = false;
        state.VisitSends = 0;
        state.SendCount = 0;
        state.SendTicks = null;
    }

    /// <summary>Whether an outcome is about a message (rather than the conversation) and so needs that message to have been sent.</summary>
    internal static bool IsAboutAMessage(string? messageId, VisitorOutcome outcome) =>
        messageId is not null && outcome is not (VisitorOutcome.ConversationStarted or VisitorOutcome.ConversationEnded);

    private static ReservationStatus Gate(VisitorFrequencyState state, in Position position, FrequencyPolicy policy, long nowTicks)
    {
        if (position.ConversationOpen && !policy.AllowWhileConversationOpen)
        {
            return ReservationStatus.ConversationOpen;
        }

        if (position.Showing)
        {
            return ReservationStatus.AnotherMessageShowing;
        }

        if (state.TotalSends >= policy.LifetimeCap || position.VisitSends >= policy.PerVisitCap)
        {
            return ReservationStatus.FatigueCapped;
        }

        if (!position.Idle)
        {
            foreach (var window in policy.Windows)
            {
                // A send counts in the window until exactly one period after it.
                var since = nowTicks - window.Period.BclCompatibleTicks;
                var inWindow = 0;
                var instants = state.SendTicks;
                for (var i = state.SendCount - 1; i >= 0 && instants![i] > since; i--)
                {
                    inWindow++;
                }

                if (inWindow >= window.Count)
                {
                    return ReservationStatus.FatigueCapped;
                }
            }
        }

        return ReservationStatus.Reserved;
    }

    private static bool FrequencyAllows(VisitorFrequencyState state, in Position position, Model.MessageFrequency frequency, int sentIndex)
    {
        if (sentIndex < 0)
        {
            return true;
        }

        var sent = state.Sent![sentIndex];
        return frequency switch
        {
            Model.MessageFrequency.Once => false,
            Model.MessageFrequency.OncePerVisit => sent.Visit != position.Visit,
            Model.MessageFrequency.EveryTime => sent.PageView != position.PageView,

            // An unknown rule fails closed.
            _ => false,
        };
    }

    private static void Enter(VisitorFrequencyState state, in Position position, string visitId, string pageViewId, long nowTicks)
    {
        if (position.Idle)
        {
            EndVisit(state);
        }

        MarkActive(state, nowTicks, position.Idle);
        if (position.Visit != state.Visit)
        {
            // A different visit id ends the previous visit: its showing message no longer blocks.
            state.VisitId = visitId;
            state.VisitSends = 0;
            state.Showing = -1;
        }

        if (position.PageView != state.PageView)
        {
            state.PageViewId = pageViewId;
        }

        state.Visit = position.Visit;
        state.PageView = position.PageView;
    }

    private static void MarkActive(VisitorFrequencyState state, long nowTicks, bool idle)
    {
        // Clock readings from several nodes may arrive out of order: idleness is measured from the latest.
        if (idle || nowTicks > state.LastActivityTicks)
        {
            state.LastActivityTicks = nowTicks;
        }
    }

    private static void RecordSendInstant(VisitorFrequencyState state, FrequencyPolicy policy, long nowTicks)
    {
        var keep = 0;
        var longest = 0L;
        foreach (var window in policy.Windows)
        {
            keep = Math.Max(keep, window.Count);
            longest = Math.Max(longest, window.Period.BclCompatibleTicks);
        }

        // A window only needs to know whether it holds Count sends: the 'keep' most recent sends
        // within the longest period are all any window can count.
        state.RecordSendInstant(nowTicks, keep, nowTicks - longest);
    }

    private bool IsIdle(VisitorFrequencyState state, long nowTicks) =>
        state.LastActivityTicks != long.MinValue && nowTicks - state.LastActivityTicks > IdleTicks;

    private void Touch(VisitorFrequencyState state, long nowTicks)
    {
        var idle = IsIdle(state, nowTicks);
        if (idle)
        {
            EndVisit(state);
        }

        MarkActive(state, nowTicks, idle);
    }

    /// <summary>Where a request puts the visitor, before anything is recorded: the same for a reservation and its preview.</summary>
    private Position Locate(VisitorFrequencyState state, string visitId, string pageViewId, long nowTicks)
    {
        var idle = IsIdle(state, nowTicks);
        var newVisit = idle || !string.Equals(visitId, state.VisitId, StringComparison.Ordinal);
        var newPageView = newVisit || !string.Equals(pageViewId, state.PageViewId, StringComparison.Ordinal);
        return new Position(
            idle,
            newVisit ? state.Visit + 1 : state.Visit,
            newPageView ? state.PageView + 1 : state.PageView,
            Showing: !newVisit && state.Showing >= 0,
            ConversationOpen: !idle && state.ConversationOpen,
            VisitSends: newVisit ? 0 : state.VisitSends);
    }

    private readonly record struct Position(bool Idle, int Visit, int PageView, bool Showing, bool ConversationOpen, int VisitSends);
}
