namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// A value of a <see cref="BoundedEntryTable{TKey, TValue}"/>: what the table needs to expire and
/// evict it. The table reads and changes it only under the lock of the shard that holds it.
/// </summary>
internal interface ITrackedValue
{
    /// <summary>Gets the order of eviction: past the capacity, the smallest go first (a use stamp, or the last activity).</summary>
    long EvictionOrder { get; }

    /// <summary>Gets the latest clock reading (UTC ticks) that used the value; expiry is measured from it.</summary>
    long LastSeenTicks { get; }

    /// <summary>
    /// Called when a sweep finds the value idle longer than the time to live: forgets what expires
    /// and says whether the entry may leave the table. A value that holds what must outlive
    /// idleness keeps it and stays (only the capacity then removes it).
    /// </summary>
    /// <returns><see langword="true"/> to remove the entry.</returns>
    bool ExpireIdle();
}
