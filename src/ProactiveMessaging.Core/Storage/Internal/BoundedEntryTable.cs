using System.Buffers;
using System.Collections.Concurrent;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// A concurrent map bounded by a capacity and a time to live. Lookups take no lock; each entry is
/// locked by its user. Adding an entry past the capacity (or once expiry is due) runs a sweep that
/// first expires idle entries (dropping those that keep nothing past idleness, see
/// <see cref="TrackedEntry.ExpireIdle"/>), then drops the least recently used down to 90% of the
/// capacity, so that one sweep pays for many additions.
/// </summary>
/// <remarks>
/// Lock order: the sweep lock, then an entry's lock. Users hold only an entry's lock and never
/// call <see cref="OnAdded"/> while holding it.
/// </remarks>
internal sealed class BoundedEntryTable<TKey, TEntry>
    where TKey : notnull, IEquatable<TKey>
    where TEntry : TrackedEntry
{
    private readonly ConcurrentDictionary<TKey, TEntry> _entries;
    private readonly Lock _sweepLock = new();
    private readonly int _capacity;
    private readonly int _sweepTarget;
    private readonly long _expiryScanTicks;
    private long _use;
    private int _count;
    private long _nextExpiryScanTicks = long.MinValue;

    internal BoundedEntryTable(int capacity, TimeSpan timeToLive)
    {
        _capacity = capacity;
        _sweepTarget = capacity - (capacity / 10);
        TimeToLiveTicks = timeToLive.Ticks;

        // Expired entries are also dropped when nothing forces a sweep, at most four times per
        // time to live, so that idle entries do not wait for the capacity to be reached.
        _expiryScanTicks = Math.Max(1, timeToLive.Ticks / 4);
        _entries = new ConcurrentDictionary<TKey, TEntry>();
    }

    internal long TimeToLiveTicks { get; }

    internal int Count => Volatile.Read(ref _count);

    internal long NextUse() => Interlocked.Increment(ref _use);

    internal bool TryGetValue(TKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TEntry entry) =>
        _entries.TryGetValue(key, out entry);

    /// <summary>Adds a new entry; <see langword="false"/> when another thread added the key first.</summary>
    internal bool TryAdd(TKey key, TEntry entry)
    {
        if (!_entries.TryAdd(key, entry))
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        return true;
    }

    /// <summary>Called after an addition, with no entry lock held: sweeps when over capacity or when expiry is due.</summary>
    internal void OnAdded(long nowTicks)
    {
        if (Count <= _capacity && nowTicks < Volatile.Read(ref _nextExpiryScanTicks))
        {
            return;
        }

        if (Count > _capacity)
        {
            // Over capacity, a caller waits for the sweep in progress (and sweeps again if still
            // needed), so that each concurrent caller holds at most one entry beyond the capacity.
            lock (_sweepLock)
            {
                if (Count > _capacity || nowTicks >= Volatile.Read(ref _nextExpiryScanTicks))
                {
                    Sweep(nowTicks);
                }
            }

            return;
        }

        // Expiry alone is not urgent: one sweeper at a time, the others go on.
        if (!_sweepLock.TryEnter())
        {
            return;
        }

        try
        {
            Sweep(nowTicks);
        }
        finally
        {
            _sweepLock.Exit();
        }
    }

    private void Sweep(long nowTicks)
    {
        Volatile.Write(ref _nextExpiryScanTicks, nowTicks + _expiryScanTicks);
        foreach (var pair in _entries)
        {
            if (nowTicks - Volatile.Read(ref pair.Value.LastSeenTicks) > TimeToLiveTicks)
            {
                TryEvictExpired(pair.Key, pair.Value, nowTicks);
            }
        }

        var excess = Count - _sweepTarget;
        if (Count <= _capacity || excess <= 0)
        {
            return;
        }

        // Find the use sequence at or below which the 'excess' least recently used entries lie.
        var uses = ArrayPool<long>.Shared.Rent(Count + 64);
        try
        {
            var n = 0;
            foreach (var pair in _entries)
            {
                if (n == uses.Length)
                {
                    break;
                }

                uses[n++] = Volatile.Read(ref pair.Value.LastUse);
            }

            if (n == 0)
            {
                return;
            }

            Array.Sort(uses, 0, n);
            var threshold = uses[Math.Min(excess, n) - 1];
            foreach (var pair in _entries)
            {
                if (Volatile.Read(ref pair.Value.LastUse) <= threshold)
                {
                    TryEvictUnused(pair.Key, pair.Value, threshold);
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(uses);
        }
    }

    /// <summary>Expires the entry if, under its lock, it is still idle longer than the time to live, and removes it unless it keeps something.</summary>
    private void TryEvictExpired(TKey key, TEntry entry, long nowTicks)
    {
        lock (entry)
        {
            if (!entry.Removed && entry.IsExpired(nowTicks, TimeToLiveTicks) && entry.ExpireIdle())
            {
                Remove(key, entry);
            }
        }
    }

    /// <summary>Removes the entry if, under its lock, it is still used no later than <paramref name="usedAtMost"/>.</summary>
    private void TryEvictUnused(TKey key, TEntry entry, long usedAtMost)
    {
        lock (entry)
        {
            if (!entry.Removed && entry.LastUse <= usedAtMost)
            {
                Remove(key, entry);
            }
        }
    }

    // Called under the entry's lock: a user that looked the entry up before sees Removed and retries.
    private void Remove(TKey key, TEntry entry)
    {
        entry.Removed = true;
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
