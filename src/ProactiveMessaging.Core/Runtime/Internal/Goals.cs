namespace ProactiveMessaging.Runtime.Internal;

/// <summary>Checks an event against a workspace's conversion goals.</summary>
internal static class Goals
{
    /// <summary>Whether the event reaches at least one goal: only app events and page views can.</summary>
    public static bool Reached(WorkspaceGoal[] goals, in VisitorEvent visitorEvent)
    {
        if (visitorEvent.Kind is not (VisitorEventKind.AppEvent or VisitorEventKind.PageView))
        {
            return false;
        }

        foreach (var goal in goals)
        {
            if (goal.IsReachedBy(visitorEvent))
            {
                return true;
            }
        }

        return false;
    }
}
