using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The conversion goal of one Live message, ready to be checked against every event of its
/// workspace: an SDK event's name, or a page condition compiled with the workspace's fields.
/// </summary>
/// <remarks>Immutable.</remarks>
internal sealed class WorkspaceGoal(string messageId, string? eventName, CompiledConditions? page, Duration window)
{
    public string MessageId { get; } = messageId;

    public string? EventName { get; } = eventName;

    public CompiledConditions? Page { get; } = page;

    public Duration Window { get; } = window;

    /// <summary>Whether the event reaches the goal: an app event of the goal's name, or a page view meeting the page condition.</summary>
    public bool IsReachedBy(in VisitorEvent visitorEvent) =>
        EventName is { } name
            ? visitorEvent.Kind == VisitorEventKind.AppEvent && visitorEvent.EventName is { } reported && Names(reported, name)
            : visitorEvent.Kind == VisitorEventKind.PageView && Page!.Run(visitorEvent.Visitor);

    /// <summary>Whether a reported event name is the goal's: <c>purchase</c>, or its field's prefix <c>event.purchase</c>.</summary>
    private static bool Names(string reported, string name) =>
        string.Equals(reported, name, StringComparison.Ordinal)
        || (reported.StartsWith(BuiltInFields.EventPrefix, StringComparison.Ordinal) && reported.AsSpan(BuiltInFields.EventPrefix.Length).SequenceEqual(name));
}
