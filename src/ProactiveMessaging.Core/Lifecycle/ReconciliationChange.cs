using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// One message that reconciliation moved to <see cref="MessageStatus.Error"/>, or that an import
/// stored in Error because its publish requirements did not hold.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ReconciliationChange
{
    internal ReconciliationChange(ProactiveMessage message, MessageStatus oldStatus)
    {
        Message = message;
        OldStatus = oldStatus;
    }

    /// <summary>Gets the message as stored after the change, in <see cref="MessageStatus.Error"/>.</summary>
    public ProactiveMessage Message { get; }

    /// <summary>Gets the message id.</summary>
    public string MessageId => Message.Id;

    /// <summary>Gets the status before the change: <see cref="MessageStatus.Live"/> or <see cref="MessageStatus.Paused"/>.</summary>
    public MessageStatus OldStatus { get; }

    /// <summary>Gets the problems that put the message in Error.</summary>
    public ImmutableArray<Problem> Problems => Message.Problems;

    /// <inheritdoc/>
    public override string ToString() => $"{MessageId}: {OldStatus} -> Error ({Problems.Length} problems)";
}
