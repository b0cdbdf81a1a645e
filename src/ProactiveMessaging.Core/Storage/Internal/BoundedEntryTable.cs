using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// A concurrent map of struct values, bounded by a capacity and (optionally) a time to live, and
/// kept compact: no object per entry, only the key, the value, and a link holding the key's hash,
/// in arrays of structs. Adding an entry past the capacity (or once expiry is due) runs a sweep that
/// first expires idle entries (dropping those that keep nothing past idleness, see <see cref="ITrackedValue.ExpireIdle"/>),
/// then drops the entries with the smallest <see cref="ITrackedValue.EvictionOrder"/> down to 90%
/// of the capacity, so that one sweep pays for many additions.
/// </summary>
/// <remarks>
/// <para>
/// The entries are split into shards by the key's hash, each with its own lock. A caller takes the
/// key's shard with <see cref="ShardOf"/>, then, holding <c>lock (shard.Lock)</c>, finds or adds
/// the value with <see cref="Shard.Find"/> or <see cref="GetOrAdd"/> and reads or changes it through the
/// returned reference, valid until the lock is released. Different shards proceed in parallel.
/// </para>
/// <para>
/// Memory: an entry costs its key, its value and an 8-byte link (the next entry of its chain and the
/// key's hash), in chunks of 64 entries (a shard's first chunk grows to that size; later chunks are
/// allocated whole and never move, so a table never copies its entries and leaves at most 63 unused
/// per shard), plus a 4-byte bucket per one or two entries. A removed entry's room is reused by the next addition.
/// </para>
/// <para>
/// The key's hash is computed once per call, by <see cref="ShardOf"/>, and kept in the entry's link:
/// a chain walk compares hashes in the links and calls the key's <see cref="IEquatable{T}.Equals(T)"/>
/// (and reads the entry at all) only when they are equal, and growing the buckets or removing an
/// entry reads the stored hash instead of hashing the key again. Callers therefore pass the hash
/// <see cref="ShardOf"/> gave for the same key.
/// </para>
/// <para>
/// Lock order: the sweep lock, then a shard's lock. Users hold at most one shard lock and never
/// call <see cref="OnAdded"/> while holding it.
/// </para>
/// </remarks>
internal sealed class BoundedEntryTable<TKey, TValue>
    where TKey : struct, IEquatable<TKey>
    where TValue : struct, ITrackedValue
{
    private readonly Shard[] _shards;
    private readonly int _shardShift;
    private readonly Lock _sweepLock = new();
    private readonly int _capacity;
    private readonly int _sweepTarget;
    private readonly long _timeToLiveTicks;
    private readonly long _expiryScanTicks;
    private long _use;
    private int _count;
    private long _nextExpiryScanTicks = long.MinValue;

    /// <summary>Creates a table.</summary>
    /// <param name="capacity">The most entries kept (beyond which a sweep runs); at least 1.</param>
    /// <param name="timeToLive">How long an entry may be idle before it expires; <see langword="null"/> when entries only leave by capacity.</param>
    internal BoundedEntryTable(int capacity, TimeSpan? timeToLive)
    {
        _capacity = capacity;
        _sweepTarget = capacity - (capacity / 10);

        // A few shards per core keep contention low; each costs a lock and a small first chunk.
        var shards = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 4, 64));
        _shardShift = 32 - BitOperations.Log2((uint)shards);
        _shards = new Shard[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new Shard();
        }

        if (timeToLive is { } ttl)
        {
            _timeToLiveTicks = ttl.Ticks;

            // Expired entries are also dropped when nothing forces a sweep, at most four times per
            // time to live, so that idle entries do not wait for the capacity to be reached.
            _expiryScanTicks = Math.Max(1, ttl.Ticks / 4);
        }
        else
        {
            _timeToLiveTicks = long.MaxValue;
            _expiryScanTicks = long.MaxValue;
            _nextExpiryScanTicks = long.MaxValue;
        }
    }

    /// <summary>Gets the time to live in ticks (<see cref="long.MaxValue"/> when entries do not expire).</summary>
    internal long TimeToLiveTicks => _timeToLiveTicks;

    internal int Count => Volatile.Read(ref _count);

    internal long NextUse() => Interlocked.Increment(ref _use);

    /// <summary>Gets the shard that holds a key, and the key's hash for the calls made under the shard's lock.</summary>
    internal Shard ShardOf(in TKey key, out int hash)
    {
        hash = key.GetHashCode();
        return _shards[(int)((uint)hash >> _shardShift)];
    }

    /// <summary>
    /// Finds a key's value, or adds the key with a default value. Called under <c>lock (shard.Lock)</c>;
    /// after an addition, the caller calls <see cref="OnAdded"/> once the lock is released.
    /// </summary>
    internal ref TValue GetOrAdd(Shard shard, in TKey key, int hash, out bool added)
    {
        ref var value = ref shard.Find(key, hash);
        if (!Unsafe.IsNullRef(ref value))
        {
            added = false;
            return ref value;
        }

        added = true;
        Interlocked.Increment(ref _count);
        return ref shard.Add(key, hash);
    }

    /// <summary>Called after an addition, with no shard lock held: sweeps when over capacity or when expiry is due.</summary>
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
        if (_timeToLiveTicks != long.MaxValue)
        {
            Volatile.Write(ref _nextExpiryScanTicks, nowTicks > long.MaxValue - _expiryScanTicks ? long.MaxValue : nowTicks + _expiryScanTicks);
            foreach (var shard in _shards)
            {
                lock (shard.Lock)
                {
                    Interlocked.Add(ref _count, -shard.ExpireIdle(nowTicks, _timeToLiveTicks));
                }
            }
        }

        var excess = Count - _sweepTarget;
        if (Count <= _capacity || excess <= 0)
        {
            return;
        }

        // Find the order at or below which the 'excess' first entries to evict lie.
        var orders = ArrayPool<long>.Shared.Rent(Count + 64);
        try
        {
            var n = 0;
            foreach (var shard in _shards)
            {
                lock (shard.Lock)
                {
                    n = shard.CopyEvictionOrders(orders, n);
                }
            }

            if (n == 0)
            {
                return;
            }

            Array.Sort(orders, 0, n);
            var threshold = orders[Math.Min(excess, n) - 1];

            // Orders may tie (activity instants): stop once 'excess' entries are gone.
            var left = excess;
            foreach (var shard in _shards)
            {
                if (left <= 0)
                {
                    break;
                }

                lock (shard.Lock)
                {
                    var removed = shard.Evict(threshold, left);
                    left -= removed;
                    Interlocked.Add(ref _count, -removed);
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(orders);
        }
    }

    /// <summary>A part of the table with its own lock; every member but <see cref="Lock"/> is used under it.</summary>
    internal sealed class Shard
    {
        private const int ChunkShift = 6;
        private const int ChunkSize = 1 << ChunkShift;
        private const int ChunkMask = ChunkSize - 1;
        private const int FirstChunkSize = 4;

        private Chunk[] _chunks = [new Chunk(FirstChunkSize)];

        /// <summary>Per bucket, the index + 1 of the first entry of its chain; 0 when empty.</summary>
        private int[] _buckets = new int[FirstChunkSize];

        /// <summary>The entries ever handed out: the index of the next new entry.</summary>
        private int _used;

        /// <summary>The first free (removed) entry, or -1.</summary>
        private int _freeList = -1;

        private int _count;

        internal Lock Lock { get; } = new();

        /// <summary>Finds a key's value; a null reference when the key is absent.</summary>
        internal ref TValue Find(in TKey key, int hash)
        {
            var i = _buckets[hash & (_buckets.Length - 1)] - 1;
            while (i >= 0)
            {
                var chunk = _chunks[i >> ChunkShift];
                ref var link = ref chunk.Links[i & ChunkMask];

                // Other keys of the chain mostly differ in hash: their entries (and the strings
                // their keys refer to) are not read, which saves a cache miss or two each.
                if (link.Hash == hash)
                {
                    ref var entry = ref chunk.Entries[i & ChunkMask];
                    if (entry.Key.Equals(key))
                    {
                        return ref entry.Value;
                    }
                }

                i = link.Next - 1;
            }

            return ref Unsafe.NullRef<TValue>();
        }

        internal ref TValue Add(in TKey key, int hash)
        {
            int index;
            if (_freeList >= 0)
            {
                index = _freeList;
                _freeList = -2 - LinkAt(index).Next;
            }
            else
            {
                index = _used++;
                EnsureRoom(index);
            }

            ref var entry = ref EntryAt(index);
            entry.Key = key;
            entry.Value = default;
            var bucket = hash & (_buckets.Length - 1);
            ref var link = ref LinkAt(index);
            link.Hash = hash;
            link.Next = _buckets[bucket];
            _buckets[bucket] = index + 1;
            if (++_count > 2 * _buckets.Length)
            {
                // Two entries per bucket on average at most: chains stay short, buckets cost 2 to 4 bytes an entry.
                Rehash(_buckets.Length * 2);
            }

            return ref entry.Value;
        }

        /// <summary>Expires the entries idle longer than the time to live; returns how many left.</summary>
        internal int ExpireIdle(long nowTicks, long timeToLiveTicks)
        {
            var removed = 0;
            for (var i = 0; i < _used; i++)
            {
                if (LinkAt(i).Next < 0)
                {
                    continue;
                }

                ref var value = ref EntryAt(i).Value;
                if (nowTicks - value.LastSeenTicks > timeToLiveTicks && value.ExpireIdle())
                {
                    Remove(i);
                    removed++;
                }
            }

            return removed;
        }

        /// <summary>Copies the eviction orders of the entries into <paramref name="orders"/> from <paramref name="at"/>, as far as there is room; returns the next position.</summary>
        internal int CopyEvictionOrders(long[] orders, int at)
        {
            for (var i = 0; i < _used && at < orders.Length; i++)
            {
                if (LinkAt(i).Next >= 0)
                {
                    orders[at++] = EntryAt(i).Value.EvictionOrder;
                }
            }

            return at;
        }

        /// <summary>Removes up to <paramref name="most"/> entries whose eviction order is at most <paramref name="threshold"/>; returns how many.</summary>
        internal int Evict(long threshold, int most)
        {
            var removed = 0;
            for (var i = 0; i < _used && removed < most; i++)
            {
                if (LinkAt(i).Next >= 0 && EntryAt(i).Value.EvictionOrder <= threshold)
                {
                    Remove(i);
                    removed++;
                }
            }

            return removed;
        }

        private ref Entry EntryAt(int index) => ref _chunks[index >> ChunkShift].Entries[index & ChunkMask];

        private ref Link LinkAt(int index) => ref _chunks[index >> ChunkShift].Links[index & ChunkMask];

        private void EnsureRoom(int index)
        {
            var chunkIndex = index >> ChunkShift;
            if (chunkIndex == 0)
            {
                var first = _chunks[0];
                if (index == first.Links.Length)
                {
                    // The first chunk grows (and moves) until full size, so that a small table stays small.
                    var grown = new Chunk(Math.Min(ChunkSize, first.Links.Length * 2));
                    Array.Copy(first.Entries, grown.Entries, first.Entries.Length);
                    Array.Copy(first.Links, grown.Links, first.Links.Length);
                    _chunks[0] = grown;
                }

                return;
            }

            if (chunkIndex == _chunks.Length)
            {
                Array.Resize(ref _chunks, _chunks.Length * 2);
            }

            _chunks[chunkIndex] ??= new Chunk(ChunkSize);
        }

        private void Rehash(int bucketCount)
        {
            var buckets = new int[bucketCount];
            for (var i = 0; i < _used; i++)
            {
                // The stored hash: the links alone are read, not the entries or their keys.
                ref var link = ref LinkAt(i);
                if (link.Next < 0)
                {
                    continue;
                }

                var bucket = link.Hash & (bucketCount - 1);
                link.Next = buckets[bucket];
                buckets[bucket] = i + 1;
            }

            _buckets = buckets;
        }

        private void Remove(int index)
        {
            ref var link = ref LinkAt(index);
            var bucket = link.Hash & (_buckets.Length - 1);
            var previous = -1;
            var i = _buckets[bucket] - 1;
            while (i != index)
            {
                previous = i;
                i = LinkAt(i).Next - 1;
            }

            if (previous < 0)
            {
                _buckets[bucket] = link.Next;
            }
            else
            {
                LinkAt(previous).Next = link.Next;
            }

            // Cleared, so that the removed entry keeps no string or array alive.
            EntryAt(index) = default;
            link = new Link { Next = -2 - _freeList };
            _freeList = index;
            _count--;
        }
    }

    private struct Entry
    {
        public TKey Key;
        public TValue Value;
    }

    /// <summary>
    /// An entry's place in its chain and its key's hash: what a chain walk reads for every entry it
    /// passes, kept apart from the entries so that a walk touches 8 bytes per entry passed and the
    /// hash adds no padding to the entries.
    /// </summary>
    private struct Link
    {
        /// <summary>For an entry in use, the index + 1 of the next entry of its chain (0 at its end); for a free entry, -2 minus the next free entry.</summary>
        public int Next;

        /// <summary>The hash of the entry's key (<see cref="ShardOf"/>'s), for an entry in use.</summary>
        public int Hash;
    }

    /// <summary>A chunk of entries and their links.</summary>
    private sealed class Chunk(int length)
    {
        public Entry[] Entries { get; } = new Entry[length];

        public Link[] Links { get; } = new Link[length];
    }
}
