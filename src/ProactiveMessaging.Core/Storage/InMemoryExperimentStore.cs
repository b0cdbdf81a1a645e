using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Storage.Internal;

namespace ProactiveMessaging.Storage;

/// <summary>
/// The default <see cref="IExperimentStore"/>: counts each arm's visitors in this process's memory.
/// Serves one node; hosts on many nodes plug in a shared store.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe. Counting is exact under any concurrency while the exposure is remembered: each
/// (message, visitor) exposure is read, checked and counted under the lock of the part of the table
/// that holds it (the exposures are spread over a few locks per core), and a visitor is counted in
/// an arm before anything it did there, so a read never shows an arm with more opened, replied or
/// converted than visitors.
/// </para>
/// <para>
/// The exposures are bounded by <see cref="InMemoryExperimentStoreOptions.MaxExposures"/> and
/// <see cref="InMemoryExperimentStoreOptions.ExposureTimeToLive"/> (by default the longest conversion
/// window), both measured from each visitor's latest exposure: a forgotten visitor counts nothing
/// more until it is exposed again, and is then counted again in its arm. The counts themselves are
/// kept for every message ever counted.
/// </para>
/// <para>
/// Every call completes synchronously. Recording an exposure or a metric for a visitor whose
/// exposure is remembered, in an arm already counted, allocates nothing; a new exposure is a
/// 32-byte record in the table's arrays (about 69 bytes with its key and link), which allocates
/// only when the table grows. Instants and windows are compared in ticks (100 ns).
/// </para>
/// </remarks>
public sealed class InMemoryExperimentStore : IExperimentStore
{
    private readonly BoundedEntryTable<MetricPairKey, Exposure> _exposures;
    private readonly ConcurrentDictionary<MessageKey, MessageArms> _messages = new();

    /// <summary>Creates a store with the default bounds.</summary>
    public InMemoryExperimentStore()
        : this(new InMemoryExperimentStoreOptions())
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="options">The bounds; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive.</exception>
    public InMemoryExperimentStore(InMemoryExperimentStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxExposures, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ExposureTimeToLive, TimeSpan.Zero, nameof(options));
        _exposures = new BoundedEntryTable<MetricPairKey, Exposure>(options.MaxExposures, options.ExposureTimeToLive);
    }

    /// <summary>Gets the number of (message, visitor) exposures remembered now.</summary>
    public int ExposureCount => _exposures.Count;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    public ValueTask<bool> RecordExposureAsync(string workspaceId, string messageId, string armId, string visitorId, Instant now, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        IdRule.ThrowIfInvalid(armId);
        IdRule.ThrowIfInvalidVisitorId(visitorId);
        cancellationToken.ThrowIfCancellationRequested();

        var arm = GetArms(workspaceId, messageId).GetOrAdd(armId);
        var nowTicks = now.ToUnixTimeTicks();
        var key = new MetricPairKey(workspaceId, messageId, visitorId);
        var shard = _exposures.ShardOf(key, out var hash);
        bool added;
        bool counted;
        lock (shard.Lock)
        {
            ref var exposure = ref _exposures.GetOrAdd(shard, key, hash, out added);
            if (added || IsForgotten(exposure, nowTicks))
            {
                exposure.Start(arm, nowTicks);
            }
            else
            {
                exposure.Expose(arm, nowTicks);
            }

            counted = !exposure.Has(arm.Index, Exposure.ExposedBit);
            if (counted)
            {
                exposure.Set(arm.Index, Exposure.ExposedBit);

                // Under the exposure's lock, before anything the visitor does in the arm can count.
                Interlocked.Increment(ref arm.Visitors);
            }
        }

        if (added)
        {
            _exposures.OnAdded(nowTicks);
        }

        return new ValueTask<bool>(counted);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined value, or it is <see cref="ArmMetric.Converted"/> and <paramref name="window"/> is not positive.</exception>
    public ValueTask<string?> RecordAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, Duration window, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        IdRule.ThrowIfInvalidVisitorId(visitorId);
        var windowTicks = ConversionWindowTicks(metric, window);
        cancellationToken.ThrowIfCancellationRequested();

        var nowTicks = now.ToUnixTimeTicks();
        var key = new MetricPairKey(workspaceId, messageId, visitorId);
        var bit = 1 << (int)metric;
        var shard = _exposures.ShardOf(key, out var hash);
        lock (shard.Lock)
        {
            ref var exposure = ref shard.Find(key, hash);
            if (Unsafe.IsNullRef(ref exposure) || IsForgotten(exposure, nowTicks))
            {
                return new ValueTask<string?>((string?)null);
            }

            var arm = exposure.Arm;
            if ((metric != ArmMetric.Converted && arm.IsControl)
                || nowTicks - exposure.Ticks > windowTicks
                || exposure.Has(arm.Index, bit))
            {
                return new ValueTask<string?>((string?)null);
            }

            exposure.Set(arm.Index, bit);
            switch (metric)
            {
                case ArmMetric.Opened:
                    Interlocked.Increment(ref arm.Opened);
                    break;
                case ArmMetric.Replied:
                    Interlocked.Increment(ref arm.Replied);
                    break;
                default:
                    Interlocked.Increment(ref arm.Converted);
                    break;
            }

            return new ValueTask<string?>(arm.ArmId);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    public ValueTask<ImmutableArray<ArmCounts>> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken)
    {
        IdRule.ThrowIfInvalid(workspaceId);
        IdRule.ThrowIfInvalid(messageId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_messages.TryGetValue(new MessageKey(workspaceId, messageId), out var message))
        {
            return new ValueTask<ImmutableArray<ArmCounts>>(ImmutableArray<ArmCounts>.Empty);
        }

        var arms = message.Arms;
        var counts = ImmutableArray.CreateBuilder<ArmCounts>(arms.Length);
        foreach (var arm in arms)
        {
            // Read in the reverse order of counting, so that no measure exceeds the visitors.
            var converted = Interlocked.Read(ref arm.Converted);
            var replied = Interlocked.Read(ref arm.Replied);
            var opened = Interlocked.Read(ref arm.Opened);
            var visitors = Interlocked.Read(ref arm.Visitors);
            if (visitors > 0)
            {
                counts.Add(new ArmCounts(arm.ArmId, visitors, opened, replied, converted));
            }
        }

        counts.Sort(static (a, b) => string.CompareOrdinal(a.ArmId, b.ArmId));
        return new ValueTask<ImmutableArray<ArmCounts>>(counts.ToImmutable());
    }

    /// <summary>
    /// Checks the metric and, for a conversion, the window; returns the window in ticks (the
    /// longest when it does not fit), or <see cref="long.MaxValue"/> for the metrics it does not limit.
    /// </summary>
    private static long ConversionWindowTicks(ArmMetric metric, Duration window)
    {
        if (metric is < ArmMetric.Opened or > ArmMetric.Converted)
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "The metric is not a defined value.");
        }

        if (metric != ArmMetric.Converted)
        {
            return long.MaxValue;
        }

        if (window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A conversion's window must be positive.");
        }

        // Longer than any two instants apart (about 29,000 years): every conversion is within it.
        return window >= Duration.FromTicks(long.MaxValue) ? long.MaxValue : window.BclCompatibleTicks;
    }

    private bool IsForgotten(in Exposure exposure, long nowTicks) => nowTicks - exposure.Ticks > _exposures.TimeToLiveTicks;

    private MessageArms GetArms(string workspaceId, string messageId)
    {
        var key = new MessageKey(workspaceId, messageId);
        return _messages.TryGetValue(key, out var arms)
            ? arms
            : _messages.GetOrAdd(key, static _ => new MessageArms());
    }
}
