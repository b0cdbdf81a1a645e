using ProactiveMessaging.Experiments;
using ProactiveMessaging.Experiments.Internal;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// A Live message's experiment ready for the hot path: the seed of its assignment hash, its
/// percentages in basis points, and one <see cref="ShownMessage"/> per variant.
/// </summary>
/// <remarks>Immutable once built.</remarks>
internal sealed class PlannedExperiment
{
    private readonly int _rollout;
    private readonly int _holdout;
    private readonly int[] _cumulativeWeights;
    private readonly ShownMessage[] _variants;

    public PlannedExperiment(string workspaceId, MessageExperiment experiment, ShownMessage shown, Func<MessageVariant, ShownMessage> variantShown)
    {
        Experiment = experiment;
        Seed = ExperimentPositions.Seed(workspaceId, shown.MessageId, experiment.Salt);
        _rollout = BasisPoints(experiment.RolloutPercent);
        _holdout = BasisPoints(experiment.HoldoutPercent);
        HasArms = experiment.HasArms;
        var variants = experiment.Variants;
        _variants = new ShownMessage[variants.Length];
        _cumulativeWeights = new int[variants.Length];
        var total = 0;
        for (var i = 0; i < variants.Length; i++)
        {
            _variants[i] = variantShown(variants[i]);
            total += BasisPoints(variants[i].Weight);
            _cumulativeWeights[i] = total;
        }

        // Validation makes the weights sum to 100 %; should they not, the last variant takes the rest.
        if (variants.Length > 0)
        {
            _cumulativeWeights[^1] = ExperimentPositions.Scale;
        }
    }

    public MessageExperiment Experiment { get; }

    /// <summary>Gets the seed of the assignment hash (the workspace, the message and the salt).</summary>
    public ulong Seed { get; }

    /// <summary>Gets a value indicating whether the visitors are counted per arm.</summary>
    public bool HasArms { get; }

    /// <summary>Gets a value indicating whether the rollout leaves anyone out.</summary>
    public bool HasRollout => _rollout < ExperimentPositions.Scale;

    /// <summary>Gets a value indicating whether anyone is held out.</summary>
    public bool HasHoldout => _holdout > 0;

    /// <summary>Gets a value indicating whether the message shows variants.</summary>
    public bool HasVariants => _variants.Length > 0;

    /// <summary>Gets a value indicating whether the assignment decides anything before the send (rollout or holdout).</summary>
    public bool DecidesCandidates => HasRollout || HasHoldout;

    public ExperimentPositions PositionsOf(string visitorId) => ExperimentPositions.Of(Seed, visitorId);

    public bool InRollout(ExperimentPositions positions) => positions.Rollout < _rollout;

    public bool HeldOut(ExperimentPositions positions) => positions.Holdout < _holdout;

    /// <summary>The index of the variant a position falls in; -1 without variants.</summary>
    public int VariantIndex(ExperimentPositions positions)
    {
        var weights = _cumulativeWeights;
        for (var i = 0; i < weights.Length; i++)
        {
            if (positions.Variant < weights[i])
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>What a visitor is shown: its variant's message, or <paramref name="shown"/> without variants.</summary>
    public ShownMessage ShownTo(ExperimentPositions positions, ShownMessage shown) =>
        _variants.Length == 0 ? shown : _variants[VariantIndex(positions)];

    /// <summary>The arm a sent visitor is counted in: its variant's id, or <see cref="ExperimentArms.Treatment"/>.</summary>
    public static string ArmOf(ShownMessage shown) => shown.VariantId ?? ExperimentArms.Treatment;

    /// <summary>A percentage in basis points (validation allows two decimals; anything finer is truncated).</summary>
    private static int BasisPoints(decimal percent) =>
        percent <= 0m ? 0 : percent >= 100m ? ExperimentPositions.Scale : (int)decimal.Truncate(percent * 100m);
}
