using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Storage.Internal;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>
/// The hash the table keeps beside each key: keys whose hashes collide (whole, or only in the bits
/// that pick the shard and the bucket) are still told apart, entries keep their place through growth,
/// expiry and eviction, and a key is hashed only when the caller asks for its shard.
/// </summary>
public sealed class BoundedEntryTableHashTests
{
    /// <summary>How the test keys' hashes are chosen from their ids.</summary>
    public enum Collisions
    {
        /// <summary>Every key has the same hash: one chain, told apart by the keys' equality alone.</summary>
        SameHash,

        /// <summary>Seven hashes differing only above the bucket bits and below the shard bits: one chain per shard, told apart mostly by the stored hashes.</summary>
        SameBucket,

        /// <summary>Hashes spread over the shards and buckets.</summary>
        Spread,
    }

    [Theory]
    [InlineData(Collisions.SameHash)]
    [InlineData(Collisions.SameBucket)]
    [InlineData(Collisions.Spread)]
    public void Find_WhenHashesCollide_TellsTheKeysApart_ThroughGrowth(Collisions collisions)
    {
        // Past a chunk of 64 and several doublings of the buckets.
        const int Keys = 500;
        var table = new BoundedEntryTable<ChosenHashKey, Payload>(capacity: 10_000, timeToLive: null);
        for (var id = 0; id < Keys; id++)
        {
            Write(table, new ChosenHashKey(id, collisions), value: id * 10, nowTicks: id);
        }

        Assert.Equal(Keys, table.Count);
        for (var id = 0; id < Keys; id++)
        {
            Assert.Equal(id * 10, Read(table, new ChosenHashKey(id, collisions)));
        }

        Assert.Null(Read(table, new ChosenHashKey(Keys, collisions)));
    }

    [Theory]
    [InlineData(Collisions.SameHash)]
    [InlineData(Collisions.SameBucket)]
    [InlineData(Collisions.Spread)]
    public void Sweep_WhenHashesCollide_RemovesTheIdleAndKeepsTheOthersFindable(Collisions collisions)
    {
        var table = new BoundedEntryTable<ChosenHashKey, Payload>(capacity: 10_000, timeToLive: TimeSpan.FromTicks(100));

        // Even ids go idle, odd ids are written again just before the sweep: removals unlink
        // entries from the middle, the head and the end of shared chains.
        for (var id = 0; id < 300; id++)
        {
            Write(table, new ChosenHashKey(id, collisions), value: id, nowTicks: 0);
        }

        for (var id = 1; id < 300; id += 2)
        {
            Write(table, new ChosenHashKey(id, collisions), value: -id, nowTicks: 150);
        }

        // Past the time to live of the even ids only; the addition runs the expiry sweep.
        Write(table, new ChosenHashKey(1_000, collisions), value: 1, nowTicks: 150);
        Assert.Equal(151, table.Count);
        for (var id = 0; id < 300; id++)
        {
            Assert.Equal(id % 2 == 0 ? null : -id, Read(table, new ChosenHashKey(id, collisions)));
        }

        // The room of the removed entries is reused, in the same chains.
        for (var id = 0; id < 300; id += 2)
        {
            Write(table, new ChosenHashKey(id, collisions), value: id + 7, nowTicks: 160);
        }

        Assert.Equal(301, table.Count);
        for (var id = 0; id < 300; id++)
        {
            Assert.Equal(id % 2 == 0 ? id + 7 : -id, Read(table, new ChosenHashKey(id, collisions)));
        }
    }

    [Fact]
    public void Table_HashesAKeyOnlyInShardOf_WhenGrowingEvictingAndExpiring()
    {
        var counter = new HashCounter();
        var table = new BoundedEntryTable<CountingKey, Payload>(capacity: 200, timeToLive: TimeSpan.FromTicks(1_000));
        var shardCalls = 0;
        for (var id = 0; id < 2_000; id++)
        {
            // Over the capacity many times (evictions), with a clock that lets entries expire.
            var key = new CountingKey(id, counter);
            var shard = table.ShardOf(key, out var hash);
            shardCalls++;
            bool added;
            lock (shard.Lock)
            {
                ref var payload = ref table.GetOrAdd(shard, key, hash, out added);
                payload.Value = id;
                payload.LastSeen = id;
                payload.Order = id;
            }

            if (added)
            {
                table.OnAdded(id);
            }
        }

        Assert.InRange(table.Count, 1, 200);
        Assert.Equal(shardCalls, counter.Calls);
    }

    /// <summary>
    /// The table against a dictionary under random writes, reads and clock advances with a time to
    /// live (so that sweeps remove entries and later writes reuse their room) and keys whose hashes
    /// collide: a key found holds what was last written, a key written within the time to live is
    /// found, and the count is the number of keys found.
    /// </summary>
    [Property(MaxTest = 3000)]
    public Property Table_AgreesWithADictionary_UnderWritesReadsAndExpiry(int[] steps, byte collisionsSeed)
    {
        const long TimeToLive = 40;
        var collisions = (Collisions)(collisionsSeed % 3);
        var table = new BoundedEntryTable<ChosenHashKey, Payload>(capacity: 1_000, timeToLive: TimeSpan.FromTicks(TimeToLive));
        var model = new Dictionary<int, (int Value, long LastSeen)>();
        var now = 0L;
        for (var position = 0; position < steps.Length; position++)
        {
            // The generated numbers are small: mixed with their position, they pick the operation,
            // the key and the clock's advance over the whole range (and the same way on a replay).
            var step = steps[position];
            var bits = unchecked(((uint)step * 0x9E3779B1u) + ((uint)position * 0x85EBCA6Bu));
            bits = unchecked((bits ^ (bits >> 15)) * 0x2C1B3C6Du);
            bits ^= bits >> 12;

            // A pool of 60 keys, so that keys come back after they expired; the clock moves about
            // one tick a step, so that a key lives some 40 steps unless written again.
            var id = (int)((bits >> 4) % 60);
            switch (bits & 3)
            {
                case 0:
                case 1:
                    Write(table, new ChosenHashKey(id, collisions), step, now);
                    model[id] = (step, now);
                    break;
                case 2:
                    now += (bits >> 20) % 8;
                    break;
                default:
                    var read = Read(table, new ChosenHashKey(id, collisions));
                    if (read is { } value && (!model.TryGetValue(id, out var written) || written.Value != value))
                    {
                        return false.Label($"key {id} holds {value}, not what was last written");
                    }

                    break;
            }

            var found = 0;
            foreach (var (key, written) in model)
            {
                var read = Read(table, new ChosenHashKey(key, collisions));
                if (read is null)
                {
                    if (now - written.LastSeen <= TimeToLive)
                    {
                        return false.Label($"key {key} written at {written.LastSeen} is lost at {now}");
                    }

                    continue;
                }

                if (read != written.Value)
                {
                    return false.Label($"key {key} holds {read}, written {written.Value}");
                }

                found++;
            }

            if (found != table.Count)
            {
                return false.Label($"found {found}, count {table.Count}");
            }
        }

        return true.ToProperty();
    }

    private static void Write<TKey>(BoundedEntryTable<TKey, Payload> table, TKey key, int value, long nowTicks)
        where TKey : struct, IEquatable<TKey>
    {
        var shard = table.ShardOf(key, out var hash);
        bool added;
        lock (shard.Lock)
        {
            ref var payload = ref table.GetOrAdd(shard, key, hash, out added);
            payload.Value = value;
            payload.LastSeen = nowTicks;
            payload.Order = nowTicks;
        }

        if (added)
        {
            table.OnAdded(nowTicks);
        }
    }

    private static int? Read<TKey>(BoundedEntryTable<TKey, Payload> table, TKey key)
        where TKey : struct, IEquatable<TKey>
    {
        var shard = table.ShardOf(key, out var hash);
        lock (shard.Lock)
        {
            ref var payload = ref shard.Find(key, hash);
            return Unsafe.IsNullRef(ref payload) ? null : payload.Value;
        }
    }

    /// <summary>A key whose hash the test chooses; equal by id alone, as a key whose equality does not look at the hash.</summary>
    private readonly struct ChosenHashKey(int id, Collisions collisions) : IEquatable<ChosenHashKey>
    {
        public int Id { get; } = id;

        public bool Equals(ChosenHashKey other) => Id == other.Id;

        public override bool Equals(object? obj) => obj is ChosenHashKey other && Equals(other);

        public override int GetHashCode() => collisions switch
        {
            Collisions.SameHash => 0x5A5A5A5A,

            // Bits 16 to 18: above any bucket mask of these tests, below the shard bits.
            Collisions.SameBucket => (Id % 7) << 16,
            _ => unchecked(Id * (int)0x9E3779B1),
        };
    }

    private sealed class HashCounter
    {
        public int Calls { get; set; }
    }

    /// <summary>A key that counts how often it is hashed.</summary>
    private readonly struct CountingKey(int id, HashCounter counter) : IEquatable<CountingKey>
    {
        public int Id { get; } = id;

        public bool Equals(CountingKey other) => Id == other.Id;

        public override bool Equals(object? obj) => obj is CountingKey other && Equals(other);

        public override int GetHashCode()
        {
            counter.Calls++;
            return unchecked(Id * (int)0x9E3779B1);
        }
    }

    private struct Payload : ITrackedValue
    {
        public int Value;
        public long LastSeen;
        public long Order;

        public readonly long EvictionOrder => Order;

        public readonly long LastSeenTicks => LastSeen;

        public readonly bool ExpireIdle() => true;
    }
}
