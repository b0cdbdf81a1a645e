using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage.Internal;

namespace ProactiveMessaging.Storage;

/// <summary>
/// The default <see cref="IMetricsStore"/>: counts each message's visitors in this process's
/// memory. Serves one node; hosts on many nodes plug in a shared store.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Counting is exact under any concurrency while the visitor is remembered: each
/// (message, visitor) pair is checked and counted under the lock of the part of the table that
/// holds it (the pairs are spread over a few locks per core), and opened and replied only
/// count a visitor already counted as sent. The pairs are bounded by
/// <see cref="InMemoryMetricsStoreOptions.MaxPairs"/> and
/// <see cref="InMemoryMetricsStoreOptions.PairTimeToLive"/>: a forgotten visitor sent the message
/// again counts as sent again, and its opened or replied no longer count until then. The counts
/// themselves are kept for every message ever counted.
/// </para>
/// <para>
/// Every call completes synchronously. Counting a pair already remembered allocates nothing; a new
/// pair is a 16-byte record in the table's arrays (about 48 bytes with its key and link), which
/// allocates only when the table grows. The time to live is measured with the instants the callers pass
/// (the engine's clock); the store reads no clock.
/// </para>
/// </remarks>
public sealed class InMemoryMetricsStore : IMetricsStore
{
    private readonly BoundedEntryTable<MetricPairKey, MetricPair> _pairs;
    private readonly ConcurrentDictionary<MessageKey, MessageCounters> _counters = new();

    /// <summary>Creates a store with the default bounds.</summary>
    public InMemoryMetricsStore()
        : this(new InMemoryMetricsStoreOptions())
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="options">The bounds; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive.</exception>
    public InMemoryMetricsStore(InMemoryMetricsStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPairs, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PairTimeToLive, TimeSpan.Zero, nameof(options));
        _pairs = new BoundedEntryTable<MetricPairKey, MetricPair>(options.MaxPairs, options.PairTimeToLive);
    }

    /// <summary>Gets the number of (message, visitor) pairs remembered now.</summary>
    public int PairCount => _pairs.Count;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined value.</exception>
    public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        IdRule.ThrowIfInvalidVisitorId(visitorId);
        if (metric is < MessageMetric.Sent or > MessageMetric.Replied)
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "The metric is not a defined value.");
        }

        cancellationToken.ThrowIfCancellationRequested();

        var nowTicks = now.ToUnixTimeTicks();
        var key = new MetricPairKey(workspaceId, messageId, visitorId);
        var bit = 1 << (int)metric;
        var shard = _pairs.ShardOf(key, out var hash);
        bool added;
        bool counted;
        lock (shard.Lock)
        {
            ref var pair = ref shard.Find(key, hash);
            added = Unsafe.IsNullRef(ref pair);
            if (added)
            {
                if (metric != MessageMetric.Sent)
                {
                    // Never counted as sent (or forgotten): opened and replied do not count.
                    return new ValueTask<bool>(false);
                }

                pair = ref _pairs.GetOrAdd(shard, key, hash, out _);
                pair.Initialize(_pairs.NextUse(), nowTicks);
            }
            else
            {
                pair.Touch(_pairs.NextUse(), nowTicks, _pairs.TimeToLiveTicks);
            }

            counted = (pair.Counted & bit) == 0
                && (metric == MessageMetric.Sent || (pair.Counted & (1 << (int)MessageMetric.Sent)) != 0);
            if (counted)
            {
                pair.Count(bit);

                // Incremented under the pair's shard lock, so a visitor's sent is counted before
                // its opened or replied can be: a reader sees Opened and Replied at most Sent.
                var counters = GetCounters(workspaceId, messageId);
                switch (metric)
                {
                    case MessageMetric.Sent:
                        Interlocked.Increment(ref counters.Sent);
                        break;
                    case MessageMetric.Opened:
                        Interlocked.Increment(ref counters.Opened);
                        break;
                    default:
                        Interlocked.Increment(ref counters.Replied);
                        break;
                }
            }
        }

        if (added)
        {
            _pairs.OnAdded(nowTicks);
        }

        return new ValueTask<bool>(counted);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<MessageMetrics>(Read(workspaceId, messageId));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    public ValueTask<ImmutableArray<MessageMetrics>> GetManyAsync(string workspaceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        ArgumentNullException.ThrowIfNull(messageIds);
        var counts = ImmutableArray.CreateBuilder<MessageMetrics>(messageIds.Count);
        foreach (var messageId in messageIds)
        {
            IdRule.ThrowIfInvalid(messageId, nameof(messageIds));
            counts.Add(Read(workspaceId, messageId));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<ImmutableArray<MessageMetrics>>(counts.MoveToImmutable());
    }

    private MessageMetrics Read(string workspaceId, string messageId)
    {
        if (!_counters.TryGetValue(new MessageKey(workspaceId, messageId), out var counters))
        {
            return MessageMetrics.Zero;
        }

        // Read in the reverse order of counting, so that Opened and Replied never exceed Sent.
        var replied = Interlocked.Read(ref counters.Replied);
        var opened = Interlocked.Read(ref counters.Opened);
        var sent = Interlocked.Read(ref counters.Sent);
        return new MessageMetrics(sent, opened, replied);
    }

    private MessageCounters GetCounters(string workspaceId, string messageId)
    {
        var key = new MessageKey(workspaceId, messageId);
        return _counters.TryGetValue(key, out var counters)
            ? counters
            : _counters.GetOrAdd(key, static _ => new MessageCounters());
    }
}
