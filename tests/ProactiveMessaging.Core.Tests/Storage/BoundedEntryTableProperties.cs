using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Storage.Internal;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// The compact table under random additions and updates past its capacity, evicting in a random
/// order (so that any entry of a chain, and any reused room, may go): what it says it holds is what
/// was last written, it stays within its capacity, and the count matches the entries found (a
/// broken chain or free list would lose some).
/// </summary>
public sealed class BoundedEntryTableProperties
{
    [Property(MaxTest = 2000)]
    public Property Table_FindsWhatWasLastWritten_AndStaysWithinItsCapacity(PositiveInt capacitySeed, int[] keySeeds)
    {
        var capacity = 1 + (capacitySeed.Get % 40);
        var table = new BoundedEntryTable<VisitorKey, Payload>(capacity, timeToLive: null);
        var written = new Dictionary<string, int>();
        var clock = 0L;
        foreach (var seed in keySeeds)
        {
            // A small pool of keys, so that keys come back after being evicted and chains and free entries are reused.
            var visitor = "v" + (Math.Abs(seed % 97)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var key = new VisitorKey("ws", visitor);
            var shard = table.ShardOf(key, out var hash);
            bool added;
            lock (shard.Lock)
            {
                ref var payload = ref table.GetOrAdd(shard, key, hash, out added);
                payload.Value = seed;

                // A random eviction order: the entries of a chain leave in any order.
                payload.Order = (seed * 7919L) % 1009;
            }

            written[visitor] = seed;
            if (added)
            {
                table.OnAdded(++clock);
            }

            var found = 0;
            foreach (var (id, value) in written)
            {
                var probe = new VisitorKey("ws", id);
                var probeShard = table.ShardOf(probe, out var probeHash);
                lock (probeShard.Lock)
                {
                    ref var payload = ref probeShard.Find(probe, probeHash);
                    if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref payload))
                    {
                        continue;
                    }

                    if (payload.Value != value)
                    {
                        return false.Label($"{id} holds {payload.Value}, written {value}");
                    }

                    found++;
                }
            }

            if (found != table.Count || table.Count > capacity)
            {
                return false.Label($"found {found}, count {table.Count}, capacity {capacity}");
            }
        }

        return true.ToProperty();
    }

    private struct Payload : ITrackedValue
    {
        public int Value;
        public long Order;

        public readonly long EvictionOrder => Order;

        public readonly long LastSeenTicks => 0;

        public readonly bool ExpireIdle() => true;
    }
}
