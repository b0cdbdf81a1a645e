using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// One visitor event for <see cref="ProactiveEngine.DecideAsync"/>: who, where, which visit and page
/// view, and what the widget or SDK knows (<see cref="Visitor"/>).
/// </summary>
/// <remarks>
/// A value type so that sending an event allocates nothing; the <see cref="Visitor"/> context is
/// owned by the caller and must not be changed until the decision completes.
/// </remarks>
public readonly record struct VisitorEvent
{
    /// <summary>Gets the workspace id.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>Gets the channel id the visitor is on.</summary>
    public required string ChannelId { get; init; }

    /// <summary>Gets the stable visitor id (no personal data: a random id the widget or SDK keeps).</summary>
    public required string VisitorId { get; init; }

    /// <summary>Gets the event kind.</summary>
    public VisitorEventKind Kind { get; init; }

    /// <summary>
    /// Gets the name of the SDK event (<c>purchase</c> for the declared event <c>event.purchase</c>) of an
    /// <see cref="VisitorEventKind.AppEvent"/>, or <see langword="null"/>. Messages whose experiment has
    /// this event as its goal count the visitor's conversion.
    /// </summary>
    public string? EventName { get; init; }

    /// <summary>
    /// Gets the host's session id, or <see langword="null"/> to let the engine start a new visit
    /// once <see cref="ProactiveMessagingOptions.VisitInactivityGap"/> has passed since the visitor's previous event.
    /// </summary>
    public string? VisitId { get; init; }

    /// <summary>
    /// Gets the host's page view id, or <see langword="null"/> to let the engine count page views:
    /// each <see cref="VisitorEventKind.PageView"/> starts a new one.
    /// </summary>
    public string? PageViewId { get; init; }

    /// <summary>Gets what is known about the visitor for the conditions, including the language used to pick text variants.</summary>
    public required VisitorContext Visitor { get; init; }
}
