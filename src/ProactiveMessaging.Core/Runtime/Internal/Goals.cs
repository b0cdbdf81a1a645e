namespace ProactiveMessaging.Runtime.Internal;

/// <summary>Checks an event against a workspace's conversion goals.</summary>
internal static class Goals
{
    /// <summary>The index of the first goal the event reaches at or after <paramref name="start"/>, or -1: only app events and page views reach any.</summary>
    public static int FirstReached(WorkspaceGoal[] goals, in VisitorEvent visitorEvent, int start = 0)
    {
        if (visitorEvent.Kind is not (VisitorEventKind.AppEvent or VisitorEventKind.PageView))
        {
            return -1;
        }

        for (var i = start; i < goals.Length; i++)
        {
            if (goals[i].IsReachedBy(visitorEvent))
            {
                return i;
            }
        }

        return -1;
    }
}
