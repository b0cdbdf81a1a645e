namespace ProactiveMessaging.Model;

/// <summary>The lifecycle status of a message.</summary>
public enum MessageStatus
{
    /// <summary>Being written; may be incomplete; never sent.</summary>
    Draft = 0,

    /// <summary>Published: evaluated for visitors and sent when its conditions hold.</summary>
    Live = 1,

    /// <summary>Published, then paused: kept complete, not sent.</summary>
    Paused = 2,

    /// <summary>Was Live or Paused, and a workspace change broke it; see the message's problems.</summary>
    Error = 3,
}
