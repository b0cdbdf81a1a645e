using NodaTime;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Model;

/// <summary>
/// What counts as a conversion for a message's experiment: an SDK event the host reports, or a page
/// the visitor reaches, within <see cref="Window"/> after the visitor was last sent the message (or
/// held out from it). Exactly one of <see cref="EventName"/> and <see cref="Page"/> is set.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ConversionGoal
{
    /// <summary>The default window: 7 days.</summary>
    public static readonly Duration DefaultWindow = Duration.FromDays(7);

    /// <summary>The longest window: 90 days.</summary>
    public static readonly Duration MaxWindow = Duration.FromDays(90);

    /// <summary>
    /// Gets the name of the SDK event that converts (<c>purchase</c> for the declared event
    /// <c>event.purchase</c>), reached when the host sends an <see cref="Runtime.VisitorEventKind.AppEvent"/>
    /// with that <see cref="Runtime.VisitorEvent.EventName"/>; or <see langword="null"/> for a page goal.
    /// </summary>
    public string? EventName { get; init; }

    /// <summary>
    /// Gets the condition on <c>page.path</c> or <c>page.url</c> that a page view must meet to
    /// convert; or <see langword="null"/> for an event goal.
    /// </summary>
    public Condition? Page { get; init; }

    /// <summary>Gets how long after the visitor was last sent the message (or held out) a conversion counts; positive and at most <see cref="MaxWindow"/>.</summary>
    public Duration Window { get; init; } = DefaultWindow;

    /// <summary>Creates an event goal.</summary>
    /// <param name="eventName">The SDK event's name.</param>
    /// <returns>The goal, with the default window.</returns>
    public static ConversionGoal ForEvent(string eventName) => new() { EventName = eventName };

    /// <summary>Creates a page goal.</summary>
    /// <param name="page">The condition on <c>page.path</c> or <c>page.url</c>.</param>
    /// <returns>The goal, with the default window.</returns>
    public static ConversionGoal ForPage(Condition page) => new() { Page = page };
}
