namespace ProactiveMessaging.Frequency;

/// <summary>Something that happened to a visitor after a decision, reported by the host.</summary>
public enum VisitorOutcome
{
    /// <summary>The visitor clicked the message and viewed it. It stops blocking other messages.</summary>
    Opened = 0,

    /// <summary>The visitor dismissed the message with X without opening it. It stops blocking other messages.</summary>
    Dismissed,

    /// <summary>The visitor closed the messaging window. The showing message stops blocking other messages.</summary>
    WindowClosed,

    /// <summary>The visitor gave the requested information or interacted with the bot.</summary>
    Replied,

    /// <summary>The visitor's conversation opened.</summary>
    ConversationStarted,

    /// <summary>The visitor's conversation ended.</summary>
    ConversationEnded,
}
