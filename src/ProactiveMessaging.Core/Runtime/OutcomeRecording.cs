namespace ProactiveMessaging.Runtime;

/// <summary>The result of <see cref="ProactiveEngine.RecordOutcomeAsync"/>.</summary>
/// <remarks>
/// Whether a message was sent to a visitor is the frequency store's answer: it records each send
/// together with the reservation, and keeps it past any idle time. <see cref="Recorded"/> means the
/// outcome was applied; a metric count moves only the first time a visitor counts for it.
/// </remarks>
public enum OutcomeRecording
{
    /// <summary>The outcome was recorded.</summary>
    Recorded = 0,

    /// <summary>The outcome event is invalid (a missing id, or a message outcome without a message id); nothing was recorded.</summary>
    InvalidEvent,

    /// <summary>A store failed or passed the deadline; what was recorded before the fault stays recorded.</summary>
    StoreUnavailable,

    /// <summary>
    /// The outcome names a message that the frequency store has no record of sending to this visitor
    /// (an <see cref="Frequency.VisitorOutcome.Opened"/>, <see cref="Frequency.VisitorOutcome.Dismissed"/>,
    /// <see cref="Frequency.VisitorOutcome.WindowClosed"/> or <see cref="Frequency.VisitorOutcome.Replied"/>
    /// with a <see cref="OutcomeEvent.MessageId"/>): nothing was recorded or counted.
    /// </summary>
    Ignored,
}
