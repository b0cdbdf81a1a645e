namespace ProactiveMessaging.Frequency;

/// <summary>What a frequency store decided for a <see cref="ReservationRequest"/>.</summary>
public enum ReservationStatus
{
    /// <summary>A candidate was reserved: it is now the message showing to the visitor, and the send is recorded.</summary>
    Reserved = 0,

    /// <summary>Every candidate's own frequency forbids sending it now.</summary>
    FrequencyCapped,

    /// <summary>A workspace-wide cap (lifetime, per visit, or a window) is reached.</summary>
    FatigueCapped,

    /// <summary>Another proactive message is showing to the visitor.</summary>
    AnotherMessageShowing,

    /// <summary>The visitor's conversation is open and the policy does not allow messages then.</summary>
    ConversationOpen,

    /// <summary>
    /// The first candidate the rules allow is held out (<see cref="FrequencyCandidate.HeldOut"/>):
    /// <see cref="ReservationResult.CandidateIndex"/> names it. It is recorded as sent for the
    /// message's own frequency only (so the visitor is held out again exactly when a send would be
    /// repeated), with nothing showing and no workspace cap counted; the engine counts the visitor in
    /// the message's control group and asks again with the candidates after it.
    /// </summary>
    HeldOut,
}
