using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Experiments;

namespace ProactiveMessaging.Storage;

/// <summary>Placeholder replaced by the bounded store.</summary>
public sealed class InMemoryExperimentStore : IExperimentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string, string), (string Arm, Instant At, int Bits)> _exposures = [];
    private readonly Dictionary<(string, string), SortedDictionary<string, long[]>> _counts = [];

    /// <inheritdoc/>
    public ValueTask<bool> RecordExposureAsync(string workspaceId, string messageId, string armId, string visitorId, Instant now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (workspaceId, messageId, visitorId);
            var counted = !_exposures.TryGetValue(key, out var exposure) || exposure.Arm != armId;
            _exposures[key] = counted ? (armId, now, 0) : (armId, now, exposure.Bits);
            if (counted)
            {
                Counts(workspaceId, messageId, armId)[0]++;
            }

            return new ValueTask<bool>(counted);
        }
    }

    /// <inheritdoc/>
    public ValueTask<string?> RecordAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, Duration window, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (workspaceId, messageId, visitorId);
            if (!_exposures.TryGetValue(key, out var exposure) || (exposure.Bits & (1 << (int)metric)) != 0
                || (metric != ArmMetric.Converted && exposure.Arm == ExperimentArms.Control)
                || (metric == ArmMetric.Converted && now - exposure.At > window))
            {
                return new ValueTask<string?>((string?)null);
            }

            _exposures[key] = exposure with { Bits = exposure.Bits | (1 << (int)metric) };
            Counts(workspaceId, messageId, exposure.Arm)[(int)metric]++;
            return new ValueTask<string?>(exposure.Arm);
        }
    }

    /// <inheritdoc/>
    public ValueTask<ImmutableArray<ArmCounts>> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return new ValueTask<ImmutableArray<ArmCounts>>(_counts.TryGetValue((workspaceId, messageId), out var arms)
                ? [.. arms.Select(arm => new ArmCounts(arm.Key, arm.Value[0], arm.Value[1], arm.Value[2], arm.Value[3]))]
                : []);
        }
    }

    private long[] Counts(string workspaceId, string messageId, string armId)
    {
        if (!_counts.TryGetValue((workspaceId, messageId), out var arms))
        {
            _counts[(workspaceId, messageId)] = arms = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        }

        if (!arms.TryGetValue(armId, out var counts))
        {
            arms[armId] = counts = new long[4];
        }

        return counts;
    }
}
