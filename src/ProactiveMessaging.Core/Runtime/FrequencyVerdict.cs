namespace ProactiveMessaging.Runtime;

/// <summary>
/// What the frequency store would answer now for one message and one visitor, were the message
/// offered alone, in a <see cref="MessageExplanation"/>.
/// </summary>
public enum FrequencyVerdict
{
    /// <summary>The store would send it.</summary>
    WouldSend = 0,

    /// <summary>A <c>Once</c> message already sent to this visitor: never sent again.</summary>
    AlreadySentOnce,

    /// <summary>A <c>OncePerVisit</c> message already sent in this visit.</summary>
    AlreadySentThisVisit,

    /// <summary>An <c>EveryTime</c> message already sent in this page view.</summary>
    AlreadySentThisPageView,

    /// <summary>Another proactive message is showing to the visitor in this visit.</summary>
    AnotherMessageShowing,

    /// <summary>The visitor's conversation is open, and messages are not shown then.</summary>
    ConversationOpen,

    /// <summary>A workspace fatigue cap (lifetime, per visit, or a window) is reached for this visitor.</summary>
    FatigueCapped,

    /// <summary>The frequency store failed, passed the deadline or answered something invalid; see <see cref="EventExplanation.StoreFailure"/>.</summary>
    StoreUnavailable,
}
