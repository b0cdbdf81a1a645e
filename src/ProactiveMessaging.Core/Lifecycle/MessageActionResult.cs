using System.Collections.Immutable;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// The outcome of a <see cref="MessageCatalog"/> action: the changed message, or why the action was
/// refused. A refused action changed nothing.
/// </summary>
/// <remarks>
/// <para>
/// Catalog actions return refusals as values, the way a rate limiter returns a lease that says why
/// it was not acquired: a user interface shows them (the problems that block publishing, a stale
/// edit) rather than treats them as failures. Call <see cref="EnsureSucceeded"/> for the throwing
/// style; it maps each <see cref="Refusal"/> to one typed exception.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class MessageActionResult
{
    private MessageActionResult(
        string workspaceId,
        MessageAction action,
        string messageId,
        MessageActionRefusal refusal,
        ProactiveMessage? message,
        ImmutableArray<Problem> problems,
        long? expectedVersion)
    {
        WorkspaceId = workspaceId;
        Action = action;
        MessageId = messageId;
        Refusal = refusal;
        Message = message;
        Problems = problems.IsDefault ? [] : problems;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>Gets the workspace of the message.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the action that was asked for.</summary>
    public MessageAction Action { get; }

    /// <summary>Gets the id of the message the action was asked for (for a duplicate, the source's id).</summary>
    public string MessageId { get; }

    /// <summary>Gets why the action was refused, or <see cref="MessageActionRefusal.None"/>.</summary>
    public MessageActionRefusal Refusal { get; }

    /// <summary>Gets a value indicating whether the action succeeded.</summary>
    public bool Succeeded => Refusal == MessageActionRefusal.None;

    /// <summary>
    /// Gets the message. After a success: the message as stored by the action (for
    /// <see cref="MessageAction.Duplicate"/>, the new copy; for <see cref="MessageAction.Delete"/>,
    /// the message as it was removed). After a refusal: the message as currently stored, so a
    /// user interface can refresh; <see langword="null"/> when it was not found.
    /// </summary>
    public ProactiveMessage? Message { get; }

    /// <summary>
    /// Gets the status of <see cref="Message"/>: the new status after a success, the status that
    /// refused the action after <see cref="MessageActionRefusal.NotAllowed"/>.
    /// </summary>
    public MessageStatus? Status => Message?.Status;

    /// <summary>
    /// Gets the problems. After <see cref="MessageActionRefusal.Problems"/>: every problem that
    /// refused the action. After a success: problems that did not prevent it, such as the
    /// <see cref="ProblemKind.Incomplete"/> problems of an edited Draft, or the remaining problems of
    /// a message that stays in <see cref="MessageStatus.Error"/>.
    /// </summary>
    public ImmutableArray<Problem> Problems { get; }

    /// <summary>Gets the version the caller expected, for <see cref="MessageActionRefusal.VersionConflict"/>.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>Gets a one-line description of the refusal, or <see langword="null"/> after a success.</summary>
    public string? RefusalDescription => Refusal switch
    {
        MessageActionRefusal.None => null,
        MessageActionRefusal.NotFound => $"Message '{MessageId}' was not found.",
        MessageActionRefusal.VersionConflict => $"Message '{MessageId}' changed since it was read (expected version {ExpectedVersion}, stored version {Message?.Version}).",
        MessageActionRefusal.NotAllowed => $"{Action} is not allowed for message '{MessageId}' because it is {Status}.",
        _ => Problems.Length == 1 ? $"{Action} was refused: {Problems[0]}" : $"{Action} was refused with {Problems.Length} problems.",
    };

    /// <summary>Returns this result if the action succeeded, or throws the exception that matches the refusal.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="MessageNotFoundException">The refusal is <see cref="MessageActionRefusal.NotFound"/>.</exception>
    /// <exception cref="MessageVersionConflictException">The refusal is <see cref="MessageActionRefusal.VersionConflict"/>.</exception>
    /// <exception cref="MessageActionNotAllowedException">The refusal is <see cref="MessageActionRefusal.NotAllowed"/>.</exception>
    /// <exception cref="InvalidInputException">The refusal is <see cref="MessageActionRefusal.Problems"/>; it carries every problem.</exception>
    public MessageActionResult EnsureSucceeded() => Refusal switch
    {
        MessageActionRefusal.None => this,
        MessageActionRefusal.NotFound => throw new MessageNotFoundException(WorkspaceId, MessageId),
        MessageActionRefusal.VersionConflict => throw new MessageVersionConflictException(WorkspaceId, MessageId, ExpectedVersion ?? 0, Message?.Version ?? 0),
        MessageActionRefusal.NotAllowed => throw new MessageActionNotAllowedException(MessageId, Message!.Status, Action),
        _ => throw new InvalidInputException(Problems),
    };

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"{Action} {MessageId}: succeeded ({Status})" : RefusalDescription!;

    internal static MessageActionResult Success(string workspaceId, MessageAction action, string messageId, ProactiveMessage message, ImmutableArray<Problem> problems = default) =>
        new(workspaceId, action, messageId, MessageActionRefusal.None, message, problems, null);

    internal static MessageActionResult NotFound(string workspaceId, MessageAction action, string messageId) =>
        new(workspaceId, action, messageId, MessageActionRefusal.NotFound, null, [], null);

    internal static MessageActionResult Conflict(string workspaceId, MessageAction action, ProactiveMessage current, long expectedVersion) =>
        new(workspaceId, action, current.Id, MessageActionRefusal.VersionConflict, current, [], expectedVersion);

    internal static MessageActionResult NotAllowed(string workspaceId, MessageAction action, ProactiveMessage current) =>
        new(workspaceId, action, current.Id, MessageActionRefusal.NotAllowed, current, [], null);

    internal static MessageActionResult Refused(string workspaceId, MessageAction action, ProactiveMessage current, ImmutableArray<Problem> problems) =>
        new(workspaceId, action, current.Id, MessageActionRefusal.Problems, current, problems, null);
}
