using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Experiments.Internal;

/// <summary>
/// Computes a message's <see cref="ExperimentResults"/> from the experiment store's counts and the
/// message's current experiment.
/// </summary>
/// <remarks>
/// <para>
/// The arms are the experiment's: its variants in order (or the treatment of a message without
/// variants), then the control when it holds visitors out. An arm the counts do not mention has
/// zeros. Counts for an arm the experiment no longer has (a variant removed or renamed, the
/// treatment after variants were added, the control after the holdout went back to 0) are
/// reported in <see cref="ExperimentResults.FormerArms"/> and take no part in the statistics:
/// their visitors saw something the experiment no longer offers.
/// </para>
/// <para>Thread-safe: a pure function of its arguments.</para>
/// </remarks>
internal static class ExperimentAnalysis
{
    /// <summary>Computes the results of a message's experiment.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="experiment">The message's current experiment.</param>
    /// <param name="counts">The store's counts for the message (<see cref="Storage.IExperimentStore.GetAsync"/>); default counts as empty.</param>
    /// <returns>The results.</returns>
    public static ExperimentResults Analyze(string messageId, MessageExperiment experiment, ImmutableArray<ArmCounts> counts)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(experiment);

        var hasGoal = experiment.Goal is not null;
        var hasControl = experiment.HoldoutPercent > 0m;
        var armIds = ArmIds(experiment, hasControl);
        var byArm = Sum(counts);

        var treatments = armIds.Length - (hasControl ? 1 : 0);
        var control = hasControl ? CountsOf(byArm, ExperimentArms.Control) : default;
        var comparisons = hasGoal && hasControl ? Compare(armIds, treatments, byArm, control) : null;

        var arms = ImmutableArray.CreateBuilder<ArmResult>(armIds.Length);
        for (var i = 0; i < armIds.Length; i++)
        {
            var arm = CountsOf(byArm, armIds[i]);
            double? rate = null;
            ConfidenceInterval? interval = null;
            if (hasGoal && arm.Visitors > 0)
            {
                rate = (double)arm.Converted / arm.Visitors;
                interval = ProportionStatistics.Wilson(arm.Converted, arm.Visitors);
            }

            arms.Add(new ArmResult(armIds[i], arm.Visitors, arm.Opened, arm.Replied, arm.Converted, rate, interval, i < treatments ? comparisons?[i] : null));
        }

        var former = byArm.Keys
            .Where(id => !armIds.Contains(id, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(id => byArm[id])
            .ToImmutableArray();

        return new ExperimentResults(messageId, hasGoal, arms.MoveToImmutable(), former, Conclude(comparisons));
    }

    private static ImmutableArray<string> ArmIds(MessageExperiment experiment, bool hasControl)
    {
        var ids = ImmutableArray.CreateBuilder<string>();
        if (experiment.Variants.IsEmpty)
        {
            ids.Add(ExperimentArms.Treatment);
        }
        else
        {
            foreach (var variant in experiment.Variants)
            {
                ids.Add(variant.Id);
            }
        }

        if (hasControl)
        {
            ids.Add(ExperimentArms.Control);
        }

        return ids.ToImmutable();
    }

    private static Dictionary<string, ArmCounts> Sum(ImmutableArray<ArmCounts> counts)
    {
        // A store gives one entry per arm; should one give two, they are added rather than one lost.
        var byArm = new Dictionary<string, ArmCounts>(StringComparer.Ordinal);
        foreach (var entry in counts.IsDefault ? [] : counts)
        {
            byArm[entry.ArmId] = byArm.TryGetValue(entry.ArmId, out var seen)
                ? seen with
                {
                    Visitors = seen.Visitors + entry.Visitors,
                    Opened = seen.Opened + entry.Opened,
                    Replied = seen.Replied + entry.Replied,
                    Converted = seen.Converted + entry.Converted,
                }
                : entry;
        }

        return byArm;
    }

    private static ArmCounts CountsOf(Dictionary<string, ArmCounts> byArm, string armId)
    {
        if (!byArm.TryGetValue(armId, out var counts))
        {
            return new ArmCounts(armId, 0, 0, 0, 0);
        }

        // A store counts a conversion only after an exposure in the arm, so 0 ≤ converted ≤ visitors;
        // counts that break it (a faulty store) are clamped rather than turned into a rate above 1.
        var visitors = Math.Max(0, counts.Visitors);
        return counts with { Visitors = visitors, Converted = Math.Clamp(counts.Converted, 0, visitors) };
    }

    private static ArmComparison[] Compare(ImmutableArray<string> armIds, int treatments, Dictionary<string, ArmCounts> byArm, ArmCounts control)
    {
        // The family is every treatment arm against the one control. An arm too small to conclude
        // stays in it as a test that rejects nothing (p = 1): it cannot make the others' correction
        // milder, whatever its own unreliable p-value.
        var pValues = new double[treatments];
        var raw = new (double? Difference, ConfidenceInterval? Interval, double? PValue, bool Testable)[treatments];
        for (var i = 0; i < treatments; i++)
        {
            var arm = CountsOf(byArm, armIds[i]);
            pValues[i] = 1;
            if (arm.Visitors == 0 || control.Visitors == 0)
            {
                continue;
            }

            var difference = ((double)arm.Converted / arm.Visitors) - ((double)control.Converted / control.Visitors);
            var interval = ProportionStatistics.NewcombeDifference(arm.Converted, arm.Visitors, control.Converted, control.Visitors);
            var (_, pValue) = ProportionStatistics.TwoProportionZTest(arm.Converted, arm.Visitors, control.Converted, control.Visitors);
            var testable = ProportionStatistics.IsLargeEnough(arm.Converted, arm.Visitors, control.Converted, control.Visitors);
            raw[i] = (difference, interval, pValue, testable);
            if (testable)
            {
                pValues[i] = pValue;
            }
        }

        var adjusted = new double[treatments];
        ProportionStatistics.HolmAdjust(pValues, adjusted);

        var comparisons = new ArmComparison[treatments];
        for (var i = 0; i < treatments; i++)
        {
            var (difference, interval, pValue, testable) = raw[i];
            var verdict = !testable ? ComparisonVerdict.TooSmallToConclude
                : adjusted[i] >= ProportionStatistics.Alpha ? ComparisonVerdict.NoSignificantDifference
                : difference > 0 ? ComparisonVerdict.Better
                : ComparisonVerdict.Worse;
            comparisons[i] = new ArmComparison(difference, interval, pValue, testable ? adjusted[i] : null, verdict);
        }

        return comparisons;
    }

    private static ExperimentConclusion Conclude(ArmComparison[]? comparisons)
    {
        if (comparisons is null)
        {
            return ExperimentConclusion.NotCompared;
        }

        var conclusion = ExperimentConclusion.TooSmallToConclude;
        foreach (var comparison in comparisons)
        {
            var next = comparison.Verdict switch
            {
                ComparisonVerdict.Better => ExperimentConclusion.SomeArmBetter,
                ComparisonVerdict.Worse => ExperimentConclusion.SomeArmWorse,
                ComparisonVerdict.NoSignificantDifference => ExperimentConclusion.NoSignificantDifference,
                _ => ExperimentConclusion.TooSmallToConclude,
            };

            // The enum's order is the precedence: better over worse over no difference over too small.
            conclusion = next > conclusion ? next : conclusion;
        }

        return conclusion;
    }
}
