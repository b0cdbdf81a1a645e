using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Tool.Input;

/// <summary>The <c>type</c> of one visitor event in the event format (docs/tool.md, "The event log format").</summary>
internal enum EventLineType
{
    /// <summary><c>pageView</c>: a decision for a new page view.</summary>
    PageView,

    /// <summary><c>heartbeat</c>: a decision on the same page, later.</summary>
    Heartbeat,

    /// <summary><c>appEvent</c>: a decision after an app event (<c>eventName</c>).</summary>
    AppEvent,

    /// <summary><c>outcome</c>: what the visitor did after a decision, recorded rather than decided.</summary>
    Outcome,
}

/// <summary>
/// One event read by <see cref="EventLineReader"/>: a holder reused line after line, so that reading a
/// log of millions of events allocates only its ids and the texts not seen before (see <see cref="EventLineReader"/>).
/// </summary>
/// <remarks>Not thread-safe: owned by the one reader that fills it.</remarks>
internal sealed class EventLine
{
    public EventLine(FieldCatalog fields)
    {
        Visitor = new VisitorContext(fields);
    }

    /// <summary>Gets the event's instant, or <see langword="null"/> when the event has no <c>at</c>.</summary>
    public Instant? At { get; set; }

    public EventLineType Type { get; set; }

    public string WorkspaceId { get; set; } = string.Empty;

    /// <summary>Gets the channel (one of the catalog's); empty for an outcome without one.</summary>
    public string ChannelId { get; set; } = string.Empty;

    public string VisitorId { get; set; } = string.Empty;

    public string? VisitId { get; set; }

    public string? PageViewId { get; set; }

    public string? EventName { get; set; }

    public VisitorOutcome Outcome { get; set; }

    /// <summary>Gets the message an outcome is about (one of the catalog's), or <see langword="null"/>.</summary>
    public string? MessageId { get; set; }

    /// <summary>Gets the visitor's time zone (<c>visitor.timeZone</c>), or <see langword="null"/> for the workspace's.</summary>
    public DateTimeZone? TimeZone { get; set; }

    /// <summary>Gets what the event knows about the visitor; reset by every read.</summary>
    public VisitorContext Visitor { get; }

    /// <summary>The engine's event for a decision (not for an outcome).</summary>
    public VisitorEvent ToVisitorEvent() => new()
    {
        WorkspaceId = WorkspaceId,
        ChannelId = ChannelId,
        VisitorId = VisitorId,
        Kind = Type switch
        {
            EventLineType.Heartbeat => VisitorEventKind.Heartbeat,
            EventLineType.AppEvent => VisitorEventKind.AppEvent,
            _ => VisitorEventKind.PageView,
        },
        EventName = EventName,
        VisitId = VisitId,
        PageViewId = PageViewId,
        Visitor = Visitor,
    };

    /// <summary>The engine's outcome event (for an <see cref="EventLineType.Outcome"/>).</summary>
    public OutcomeEvent ToOutcomeEvent() => new()
    {
        WorkspaceId = WorkspaceId,
        VisitorId = VisitorId,
        Outcome = Outcome,
        MessageId = MessageId,
        VisitId = VisitId,
    };
}
