namespace ProactiveMessaging.Runtime;

/// <summary>The result of <see cref="ProactiveEngine.RecordOutcomeAsync"/>.</summary>
public enum OutcomeRecording
{
    /// <summary>The outcome was recorded.</summary>
    Recorded = 0,

    /// <summary>The outcome event is invalid (a missing id, or a message outcome without a message id); nothing was recorded.</summary>
    InvalidEvent,

    /// <summary>A store failed or passed the deadline; what was recorded before the fault stays recorded.</summary>
    StoreUnavailable,
}
