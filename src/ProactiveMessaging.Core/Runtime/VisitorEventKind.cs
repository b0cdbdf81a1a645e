namespace ProactiveMessaging.Runtime;

/// <summary>The kinds of visitor event a host sends for a decision.</summary>
public enum VisitorEventKind
{
    /// <summary>The visitor opened a page (or an app screen): a new page view starts.</summary>
    PageView = 0,

    /// <summary>The visitor is still on the same page; the time on page has grown.</summary>
    Heartbeat,

    /// <summary>The app or SDK reported an event (set its count on the visitor context).</summary>
    AppEvent,
}
