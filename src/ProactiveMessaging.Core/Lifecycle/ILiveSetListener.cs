namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// Receives each new <see cref="LiveMessageSet"/> a <see cref="MessageCatalog"/> publishes; the
/// runtime registers one with <see cref="MessageCatalog.AddListener"/> to swap its plans.
/// </summary>
/// <remarks>
/// <para>
/// The catalog calls listeners one set at a time per workspace, in version order, after the set is
/// readable through <see cref="MessageCatalog.GetLiveSet"/>; it never calls with an older set after
/// a newer one. It delivers the whole set, never a difference, so a listener that swaps one
/// reference (for example with <see cref="Volatile.Write{T}(ref T, T)"/>) never exposes a
/// half-applied change.
/// </para>
/// <para>
/// Calls are synchronous and hold the workspace's publication turn: return quickly (compile and
/// swap, or queue the work). A listener's exception is caught so it cannot undo or block the
/// change that was already stored, or starve the other listeners, and is logged (event
/// <c>LiveSetListenerFailed</c>) through the catalog's logger; handle errors inside the listener.
/// Implementations must be thread-safe: different workspaces may call at the same time.
/// </para>
/// </remarks>
public interface ILiveSetListener
{
    /// <summary>Called with the new set after a change to a workspace's Live messages.</summary>
    /// <param name="liveSet">The whole new set of the workspace.</param>
    void OnLiveSetChanged(LiveMessageSet liveSet);
}
