using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// The lifecycle table: which <see cref="MessageAction"/>s each <see cref="MessageStatus"/> allows,
/// which is what a user interface shows in a message's option menu.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>status</term><description>allowed actions, in menu order</description></listheader>
/// <item><term>Draft</term><description>Edit, Duplicate, Publish, Delete</description></item>
/// <item><term>Live</term><description>Edit, Duplicate, Pause, Delete</description></item>
/// <item><term>Paused</term><description>Edit, Duplicate, Resume, Delete</description></item>
/// <item><term>Error</term><description>Edit, Delete</description></item>
/// </list>
/// Thread-safe: the table is immutable.
/// </remarks>
public static class MessageActions
{
    private static readonly ImmutableArray<MessageAction> DraftActions =
        [MessageAction.Edit, MessageAction.Duplicate, MessageAction.Publish, MessageAction.Delete];

    private static readonly ImmutableArray<MessageAction> LiveActions =
        [MessageAction.Edit, MessageAction.Duplicate, MessageAction.Pause, MessageAction.Delete];

    private static readonly ImmutableArray<MessageAction> PausedActions =
        [MessageAction.Edit, MessageAction.Duplicate, MessageAction.Resume, MessageAction.Delete];

    private static readonly ImmutableArray<MessageAction> ErrorActions =
        [MessageAction.Edit, MessageAction.Delete];

    /// <summary>Gets the actions a status allows, in the order a menu shows them.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The allowed actions; empty for a value outside <see cref="MessageStatus"/>.</returns>
    public static ImmutableArray<MessageAction> AllowedFor(MessageStatus status) => status switch
    {
        MessageStatus.Draft => DraftActions,
        MessageStatus.Live => LiveActions,
        MessageStatus.Paused => PausedActions,
        MessageStatus.Error => ErrorActions,
        _ => [],
    };

    /// <summary>Gets the actions a message's current status allows, in the order a menu shows them.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The allowed actions.</returns>
    public static ImmutableArray<MessageAction> AllowedFor(ProactiveMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return AllowedFor(message.Status);
    }

    /// <summary>Tells whether a status allows an action.</summary>
    /// <param name="status">The status.</param>
    /// <param name="action">The action.</param>
    /// <returns><see langword="true"/> when the lifecycle table allows <paramref name="action"/> in <paramref name="status"/>.</returns>
    public static bool IsAllowed(MessageStatus status, MessageAction action) => AllowedFor(status).Contains(action);
}
