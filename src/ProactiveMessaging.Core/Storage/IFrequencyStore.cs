using System.Collections.Immutable;
using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Storage;

/// <summary>
/// Remembers what each visitor was sent, what is showing, and whether the visitor's conversation is
/// open, so that frequency rules and workspace caps hold. The in-memory default serves one node; a
/// shared implementation (Redis) serves many.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe. A reservation is atomic: the checks and the record of the send happen together.</para>
/// <para>
/// The rules are <see cref="FrequencyRules"/>: an implementation keeps each visitor's
/// <see cref="VisitorFrequencyState"/> (the in-memory store as a compact record it loads into a
/// state for each call, a shared store as its binary form) and applies the rules to it atomically, so that every store decides alike. In short: an open conversation
/// refuses (unless the policy allows it); a message showing in the same visit refuses; a workspace
/// cap reached refuses (<see cref="ReservationStatus.FatigueCapped"/>); then the first candidate whose
/// own frequency allows it is reserved.
/// </para>
/// <para>
/// A store may forget a visitor to stay within its bounds, but never a message sent to the visitor
/// only because time passed: a <c>Once</c> message is never sent again, whatever the idle time.
/// </para>
/// </remarks>
public interface IFrequencyStore
{
    /// <summary>Reserves the first candidate the visitor may be sent now, and records the send.</summary>
    /// <param name="request">The request; its candidates are valid until the returned task completes.</param>
    /// <param name="cancellationToken">Cancels the call; the engine also applies its own deadline.</param>
    /// <returns>What was decided.</returns>
    ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Answers, for each candidate, what <see cref="TryReserveAsync"/> would answer now were that
    /// candidate offered alone, and records nothing: no send, no visit or page view, no use that
    /// would keep the visitor remembered longer. Used to explain a decision, not to make one.
    /// </summary>
    /// <param name="request">The request; its candidates are valid until the returned task completes.</param>
    /// <param name="cancellationToken">Cancels the call; the engine also applies its own deadline.</param>
    /// <returns>
    /// One status per candidate, in the candidates' order: <see cref="ReservationStatus.Reserved"/>
    /// when the candidate would be sent. The first reserved one is what <see cref="TryReserveAsync"/>
    /// would reserve for the whole request, or, when none is, the first status is what it would answer.
    /// </returns>
    ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken);

    /// <summary>Records an outcome reported by the host.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="visitorId">The visitor id.</param>
    /// <param name="visitId">The visit id.</param>
    /// <param name="messageId">The message the outcome is about, or <see langword="null"/> for conversation outcomes.</param>
    /// <param name="outcome">The outcome.</param>
    /// <param name="now">The engine's clock reading.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// <see langword="false"/> when the outcome names a message (an <see cref="VisitorOutcome.Opened"/>,
    /// <see cref="VisitorOutcome.Dismissed"/>, <see cref="VisitorOutcome.WindowClosed"/> or
    /// <see cref="VisitorOutcome.Replied"/> with a <paramref name="messageId"/>) that the store has no
    /// record of sending to the visitor: nothing changed. Otherwise <see langword="true"/>.
    /// </returns>
    ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, NodaTime.Instant now, CancellationToken cancellationToken);
}
