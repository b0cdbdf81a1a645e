using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// What happened after a decision, reported by the host to <see cref="ProactiveEngine.RecordOutcomeAsync"/>:
/// the visitor opened, dismissed or replied to a message, closed the window, or a conversation opened or ended.
/// </summary>
public readonly record struct OutcomeEvent
{
    /// <summary>Gets the workspace id.</summary>
    public required string WorkspaceId { get; init; }

    /// <summary>Gets the visitor id.</summary>
    public required string VisitorId { get; init; }

    /// <summary>Gets the outcome.</summary>
    public required VisitorOutcome Outcome { get; init; }

    /// <summary>Gets the message the outcome is about (<see cref="ShownMessage.MessageId"/>); not needed for conversation outcomes.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the host's session id, or <see langword="null"/> when the engine tracks visits.</summary>
    public string? VisitId { get; init; }
}
