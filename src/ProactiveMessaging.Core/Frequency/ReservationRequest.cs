using NodaTime;

namespace ProactiveMessaging.Frequency;

/// <summary>
/// One frequency-store round trip: pick the first candidate the visitor may be sent now, and
/// record the send, atomically.
/// </summary>
/// <remarks>
/// The candidates stay valid only until the store's call completes; a store must not keep the
/// memory afterwards.
/// </remarks>
public readonly struct ReservationRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="visitorId">The visitor id.</param>
    /// <param name="visitId">The visit (session) id.</param>
    /// <param name="pageViewId">The page view id within the visit.</param>
    /// <param name="now">The engine's clock reading; stores never read their own clock.</param>
    /// <param name="candidates">The candidates in priority order; at least one.</param>
    /// <param name="policy">The workspace-wide limits.</param>
    public ReservationRequest(string workspaceId, string visitorId, string visitId, string pageViewId, Instant now, ReadOnlyMemory<FrequencyCandidate> candidates, FrequencyPolicy policy)
    {
        WorkspaceId = workspaceId;
        VisitorId = visitorId;
        VisitId = visitId;
        PageViewId = pageViewId;
        Now = now;
        Candidates = candidates;
        Policy = policy;
    }

    /// <summary>Gets the workspace id.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the visitor id.</summary>
    public string VisitorId { get; }

    /// <summary>Gets the visit (session) id.</summary>
    public string VisitId { get; }

    /// <summary>Gets the page view id within the visit.</summary>
    public string PageViewId { get; }

    /// <summary>Gets the instant of the decision, from the engine's clock.</summary>
    public Instant Now { get; }

    /// <summary>Gets the candidates in priority order.</summary>
    public ReadOnlyMemory<FrequencyCandidate> Candidates { get; }

    /// <summary>Gets the workspace-wide limits.</summary>
    public FrequencyPolicy Policy { get; }
}
