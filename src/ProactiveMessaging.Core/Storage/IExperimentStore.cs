using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Experiments;

namespace ProactiveMessaging.Storage;

/// <summary>
/// Counts the visitors of each arm of a message's experiment (its variants, its single treatment or
/// its control group) and what they did afterwards: opened, replied, converted. The in-memory
/// default serves one node; a shared implementation (Redis) serves many with exact counts.
/// </summary>
/// <remarks>
/// <para>
/// For each (message, visitor) a store keeps one exposure: the arm the visitor was last exposed in
/// (sent the message, or held out) and the instant of that exposure, with what the visitor has
/// been counted for in that arm. The engine calls <see cref="RecordExposureAsync"/> at every send
/// and every hold-out of a message with arms, so the exposure is always the latest.
/// </para>
/// <para>
/// Counts: a visitor counts once per arm for <see cref="ArmCounts.Visitors"/> (at its first exposure
/// in the arm) and once per arm for each <see cref="ArmMetric"/>, only after being exposed in that
/// arm. Opened and replied never count for the control (nothing was shown). A conversion counts
/// for the arm of the latest exposure, only when it happens no later than the goal's window after
/// that exposure (the window's end included). Instants and windows are compared in ticks (100 ns).
/// </para>
/// <para>
/// The exposure's instant is the later of the one remembered and the one given: calls from several
/// nodes may arrive out of order, and an earlier instant never moves the window back. For the same
/// reason a conversion whose instant is earlier than the latest exposure's counts (the store saw the
/// exposure first): the window bounds a conversion from above only.
/// </para>
/// <para>
/// A visitor whose arm changes (the experiment was edited: weights, holdout or salt) is counted in
/// the new arm from its first exposure there, and what it did afterwards counts there. Back in an arm
/// it was counted in before, it is not counted again, nor for what it was already counted for there.
/// </para>
/// <para>
/// A read never shows an arm with more opened, replied or converted than visitors: a visitor is
/// counted in an arm before anything it does there.
/// </para>
/// <para>
/// Implementations must be thread-safe and count exactly under any concurrency. Ids follow
/// <see cref="IdRule"/> (visitor ids its visitor rule); arm ids follow <see cref="IdRule"/>. A store
/// throws <see cref="ArgumentException"/> for one that does not and
/// <see cref="ArgumentOutOfRangeException"/> for an undefined metric or, for
/// <see cref="ArmMetric.Converted"/>, a window that is not positive (other metrics ignore the window,
/// whatever it is). The instants are the engine's clock readings: a store reads no clock of its own.
/// </para>
/// </remarks>
public interface IExperimentStore
{
    /// <summary>Records that the visitor was exposed to the message in an arm now: sent it (a variant or the treatment) or held out (the control).</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="armId">The arm: a variant id, <see cref="ExperimentArms.Treatment"/> or <see cref="ExperimentArms.Control"/>.</param>
    /// <param name="visitorId">The visitor id.</param>
    /// <param name="now">The engine's clock reading: the exposure's instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when this call counted the visitor in the arm (its first exposure there); otherwise <see langword="false"/> (the exposure's instant is still updated).</returns>
    ValueTask<bool> RecordExposureAsync(string workspaceId, string messageId, string armId, string visitorId, Instant now, CancellationToken cancellationToken);

    /// <summary>Counts what the visitor did after its latest exposure to the message, in that exposure's arm, once.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="visitorId">The visitor id.</param>
    /// <param name="metric">What the visitor did.</param>
    /// <param name="now">The engine's clock reading.</param>
    /// <param name="window">
    /// For <see cref="ArmMetric.Converted"/>, the goal's window: the conversion counts only when
    /// <paramref name="now"/> is at most this long after the latest exposure. Ignored otherwise.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The arm the visitor was counted in, or <see langword="null"/> when nothing was counted: no
    /// exposure, already counted in that arm, an open or reply for the control, or a conversion
    /// outside the window.
    /// </returns>
    ValueTask<string?> RecordAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, NodaTime.Duration window, CancellationToken cancellationToken);

    /// <summary>Reads a message's counts per arm.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per arm that counted at least one visitor, ordered by arm id (ordinal); empty for a message never counted.</returns>
    ValueTask<ImmutableArray<ArmCounts>> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken);
}
