namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// An entry of a <see cref="BoundedEntryTable{TKey, TEntry}"/>: what the table needs to expire and
/// evict it. Every field is read and written under <c>lock (entry)</c>, except where noted.
/// </summary>
internal abstract class TrackedEntry
{
    /// <summary>The table's use sequence at the last use; the smallest is the least recently used.</summary>
    /// <remarks>Read without the lock by the eviction scan, which re-checks it under the lock.</remarks>
    internal long LastUse;

    /// <summary>The latest clock reading (UTC ticks) that used the entry; expiry is measured from it.</summary>
    internal long LastSeenTicks;

    /// <summary>Set once the entry left the table; a caller holding it must look the key up again.</summary>
    internal bool Removed;

    /// <summary>
    /// Marks a use. Returns <see langword="true"/> when the entry had been idle longer than the
    /// time to live: the caller then forgets what the entry remembered.
    /// </summary>
    internal bool Touch(long use, long nowTicks, long timeToLiveTicks)
    {
        var expired = IsExpired(nowTicks, timeToLiveTicks);
        LastUse = use;
        if (nowTicks > LastSeenTicks || expired)
        {
            LastSeenTicks = nowTicks;
        }

        return expired;
    }

    /// <summary>Whether the entry has been idle longer than the time to live at <paramref name="nowTicks"/>.</summary>
    internal bool IsExpired(long nowTicks, long timeToLiveTicks) => nowTicks - LastSeenTicks > timeToLiveTicks;

    /// <summary>
    /// Called under the entry's lock when a sweep finds it idle longer than the time to live:
    /// forgets what expires and says whether the entry may leave the table. By default everything
    /// expires; an entry that holds what must outlive idleness keeps it and stays (only the
    /// capacity then removes it).
    /// </summary>
    /// <returns><see langword="true"/> to remove the entry.</returns>
    internal virtual bool ExpireIdle() => true;
}
