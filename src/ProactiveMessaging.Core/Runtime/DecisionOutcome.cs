namespace ProactiveMessaging.Runtime;

/// <summary>What a decision says: show a message, or why nothing is shown.</summary>
public enum DecisionOutcome
{
    /// <summary>Show <see cref="Decision.Message"/>.</summary>
    Show = 0,

    /// <summary>The channel has no Live message.</summary>
    NoLiveMessage,

    /// <summary>Every Live message's timing excludes now (outside business hours, or inside them for messages sent outside).</summary>
    OutsideTiming,

    /// <summary>No Live message's conditions are met.</summary>
    NoConditionsMet,

    /// <summary>Messages met their conditions, but each one's own frequency forbids sending it again now.</summary>
    FrequencyCapped,

    /// <summary>The workspace's fatigue cap (lifetime, per visit, or a window) is reached for this visitor.</summary>
    FatigueCapped,

    /// <summary>Another proactive message is showing to the visitor.</summary>
    AnotherMessageShowing,

    /// <summary>The visitor's conversation is open, and messages are not shown then.</summary>
    ConversationOpen,

    /// <summary>The frequency store failed or did not answer within the deadline; nothing is shown (fail closed).</summary>
    StoreUnavailable,

    /// <summary>The event is invalid (a missing or oversized id); see <see cref="Decision.Problem"/>.</summary>
    InvalidEvent,

    /// <summary>The workspace's Live set is applied, but the workspace snapshot had no channel of this id.</summary>
    UnknownChannel,

    /// <summary>
    /// No Live set was ever applied for the workspace (<see cref="ProactiveEngine.ApplyLiveSet"/>):
    /// the engine knows nothing of it yet, usually because the host has not loaded it.
    /// </summary>
    WorkspaceNotLoaded,

    // Campaign window.

    /// <summary>
    /// Nothing is shown because of the messages' campaign windows: every Live message whose timing
    /// allows sending now is outside its window (not started, ended, or its dates have no schedule
    /// zone), or one outside its window would have met its conditions.
    /// </summary>
    OutsideCampaignWindow,

    // Experiments.

    /// <summary>Messages met their timing and conditions, but the visitor is outside the rollout percentage of each one.</summary>
    NotInRollout,

    /// <summary>
    /// The visitor would have been sent a message but is in its control group: counted as held out,
    /// shown nothing from that message, and no other qualifying message could be sent.
    /// </summary>
    HeldOut,
}
