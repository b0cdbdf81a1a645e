namespace ProactiveMessaging.Frequency;

/// <summary>The answer of a frequency store to a <see cref="ReservationRequest"/>.</summary>
/// <param name="Status">What was decided.</param>
/// <param name="CandidateIndex">The index of the reserved candidate when <paramref name="Status"/> is <see cref="ReservationStatus.Reserved"/>; otherwise -1.</param>
public readonly record struct ReservationResult(ReservationStatus Status, int CandidateIndex)
{
    /// <summary>Creates a refusal.</summary>
    /// <param name="status">Why nothing was reserved.</param>
    /// <returns>The result.</returns>
    public static ReservationResult Refused(ReservationStatus status) => new(status, -1);
}
