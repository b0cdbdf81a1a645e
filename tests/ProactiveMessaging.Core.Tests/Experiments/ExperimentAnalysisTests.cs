using System.Collections.Immutable;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Experiments.Internal;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Experiments;

public sealed class ExperimentAnalysisTests
{
    private static readonly ConversionGoal Purchase = ConversionGoal.ForEvent("purchase");

    [Fact]
    public void Analyze_ListsTheVariantsInTheExperimentsOrder_ThenTheControlLast()
    {
        var results = ExperimentAnalysis.Analyze("spring", Experiment(["b", "a", "c"], holdout: 10m, Purchase), []);

        Assert.Equal(["b", "a", "c", ExperimentArms.Control], results.Arms.Select(arm => arm.ArmId));
        Assert.Equal(["b", "a", "c", null], results.Arms.Select(arm => arm.VariantId));
        Assert.Same(results.Arms[^1], results.Control);
        Assert.True(results.Control!.IsControl);
        Assert.Equal("spring", results.MessageId);
    }

    [Fact]
    public void Analyze_WithoutVariants_HasTheOneTreatmentArm()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment([], holdout: 5m, Purchase), [new(ExperimentArms.Treatment, 40, 10, 3, 4)]);

        var treatment = results.Arms[0];
        Assert.Equal(ExperimentArms.Treatment, treatment.ArmId);
        Assert.Null(treatment.VariantId);
        Assert.False(treatment.IsControl);
        Assert.Equal((40L, 10L, 3L, 4L), (treatment.Visitors, treatment.Opened, treatment.Replied, treatment.Converted));
        Assert.Equal(0.1, treatment.ConversionRate);
    }

    [Fact]
    public void Analyze_AnArmTheCountsDoNotMention_HasZeros_AndNoRate()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 10m, Purchase), [new("a", 100, 0, 0, 12), new(ExperimentArms.Control, 100, 0, 0, 10)]);

        var b = results.Arms[1];
        Assert.Equal(0, b.Visitors);
        Assert.Null(b.ConversionRate);
        Assert.Null(b.RateInterval);
        Assert.Equal(ComparisonVerdict.TooSmallToConclude, b.VersusControl!.Verdict);
        Assert.Null(b.VersusControl.Difference);
        Assert.Null(b.VersusControl.PValue);
    }

    [Fact]
    public void Analyze_CountsOfArmsTheExperimentNoLongerHas_AreFormerArms_OutsideTheComparisons()
    {
        // Variant "old" was removed, the holdout went back to 0, and "treatment" predates the variants.
        ImmutableArray<ArmCounts> counts =
        [
            new("a", 1000, 0, 0, 100),
            new(ExperimentArms.Control, 200, 0, 0, 5),
            new("old", 500, 40, 2, 60),
            new(ExperimentArms.Treatment, 10, 1, 0, 1),
            new("b", 1000, 0, 0, 90),
        ];

        var results = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 0m, Purchase), counts);

        Assert.Equal(["a", "b"], results.Arms.Select(arm => arm.ArmId));
        Assert.Null(results.Control);
        Assert.Equal([ExperimentArms.Control, "old", ExperimentArms.Treatment], results.FormerArms.Select(arm => arm.ArmId));
        Assert.Equal(new ArmCounts("old", 500, 40, 2, 60), results.FormerArms[1]);
        Assert.All(results.Arms, arm => Assert.Null(arm.VersusControl));
        Assert.Equal(ExperimentConclusion.NotCompared, results.Conclusion);
    }

    [Fact]
    public void Analyze_WithoutGoal_ReportsTheCountsWithoutRatesOrComparisons()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 10m, goal: null), [new("a", 500, 120, 30, 0), new(ExperimentArms.Control, 60, 0, 0, 0)]);

        Assert.False(results.HasGoal);
        Assert.Equal(500, results.Arms[0].Visitors);
        Assert.Equal(120, results.Arms[0].Opened);
        Assert.Equal(60, results.Control!.Visitors);
        Assert.All(results.Arms, arm => Assert.Null(arm.ConversionRate));
        Assert.All(results.Arms, arm => Assert.Null(arm.VersusControl));
        Assert.Equal(ExperimentConclusion.NotCompared, results.Conclusion);
    }

    [Fact]
    public void Analyze_WithoutControlGroup_GivesRatesButNoComparison()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 0m, Purchase), [new("a", 100, 0, 0, 12)]);

        Assert.Null(results.Control);
        Assert.Equal(0.12, results.Arms[0].ConversionRate);
        Assert.NotNull(results.Arms[0].RateInterval);
        Assert.Null(results.Arms[0].VersusControl);
        Assert.Equal(ExperimentConclusion.NotCompared, results.Conclusion);
    }

    [Fact]
    public void Analyze_ComparesTheArmWithTheControl_WithTheStatisticsFigures()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment([], holdout: 50m, Purchase), [new(ExperimentArms.Treatment, 1000, 0, 0, 120), new(ExperimentArms.Control, 1000, 0, 0, 100)]);

        var comparison = results.Arms[0].VersusControl!;
        Assert.Equal(0.02, comparison.Difference!.Value, 12);
        Assert.Equal(ProportionStatistics.NewcombeDifference(120, 1000, 100, 1000), comparison.DifferenceInterval);
        Assert.Equal(0.1529177818639462, comparison.PValue!.Value, 12); // Python, as in ProportionStatisticsTests
        Assert.Equal(comparison.PValue, comparison.AdjustedPValue); // one arm: nothing to correct
        Assert.Equal(ComparisonVerdict.NoSignificantDifference, comparison.Verdict);
        Assert.Null(results.Control!.VersusControl);
        Assert.Equal(ExperimentConclusion.NoSignificantDifference, results.Conclusion);
    }

    [Theory]
    [InlineData(150, ComparisonVerdict.Better, ExperimentConclusion.SomeArmBetter)]
    [InlineData(60, ComparisonVerdict.Worse, ExperimentConclusion.SomeArmWorse)]
    public void Analyze_ASignificantDifference_IsBetterOrWorseByItsSign(long converted, ComparisonVerdict verdict, ExperimentConclusion conclusion)
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment([], holdout: 50m, Purchase), [new(ExperimentArms.Treatment, 1000, 0, 0, converted), new(ExperimentArms.Control, 1000, 0, 0, 100)]);

        Assert.Equal(verdict, results.Arms[0].VersusControl!.Verdict);
        Assert.Equal(conclusion, results.Conclusion);
    }

    [Fact]
    public void Analyze_WhenTheCountsAreTooSmall_SaysSo_WhileStillGivingTheFigures()
    {
        // 7 conversions in 80 visitors: each arm of 40 expects 3.5, fewer than 10.
        var results = ExperimentAnalysis.Analyze("m", Experiment([], holdout: 50m, Purchase), [new(ExperimentArms.Treatment, 40, 0, 0, 5), new(ExperimentArms.Control, 40, 0, 0, 2)]);

        var comparison = results.Arms[0].VersusControl!;
        Assert.Equal(ComparisonVerdict.TooSmallToConclude, comparison.Verdict);
        Assert.NotNull(comparison.Difference);
        Assert.NotNull(comparison.DifferenceInterval);
        Assert.NotNull(comparison.PValue);
        Assert.Null(comparison.AdjustedPValue);
        Assert.Equal(ExperimentConclusion.TooSmallToConclude, results.Conclusion);
    }

    [Fact]
    public void Analyze_WithSeveralArms_CorrectsThePValues_HolmsWay()
    {
        // 32/500 against 50/500 has p ≈ 0.038 (Python): Worse alone, but not once a second arm
        // doubles it to 0.076.
        var alone = ExperimentAnalysis.Analyze("m", Experiment([], holdout: 50m, Purchase), [new(ExperimentArms.Treatment, 500, 0, 0, 32), new(ExperimentArms.Control, 500, 0, 0, 50)]);
        var withAnother = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 50m, Purchase), [new("a", 500, 0, 0, 32), new("b", 500, 0, 0, 50), new(ExperimentArms.Control, 500, 0, 0, 50)]);

        Assert.Equal(ComparisonVerdict.Worse, alone.Arms[0].VersusControl!.Verdict);
        var a = withAnother.Arms[0].VersusControl!;
        Assert.Equal(0.03801925126335723, a.PValue!.Value, 12);
        Assert.Equal(2 * a.PValue.Value, a.AdjustedPValue!.Value, 12);
        Assert.Equal(ComparisonVerdict.NoSignificantDifference, a.Verdict);
    }

    [Fact]
    public void Analyze_AnArmTooSmallToConclude_StillCountsInTheCorrection()
    {
        // Arm b has 20 visitors: too small, yet it is one of the two arms compared with the control,
        // so a's p-value is still doubled.
        var results = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 50m, Purchase), [new("a", 500, 0, 0, 32), new("b", 20, 0, 0, 0), new(ExperimentArms.Control, 500, 0, 0, 50)]);

        Assert.Equal(ComparisonVerdict.TooSmallToConclude, results.Arms[1].VersusControl!.Verdict);
        Assert.Equal(2 * results.Arms[0].VersusControl!.PValue!.Value, results.Arms[0].VersusControl!.AdjustedPValue!.Value, 12);
        Assert.Equal(ComparisonVerdict.NoSignificantDifference, results.Arms[0].VersusControl!.Verdict);
    }

    [Fact]
    public void Analyze_WhenOneArmIsBetterAndAnotherWorse_ConcludesSomeArmBetter()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment(["a", "b"], holdout: 50m, Purchase), [new("a", 2000, 0, 0, 300), new("b", 2000, 0, 0, 120), new(ExperimentArms.Control, 2000, 0, 0, 200)]);

        Assert.Equal(ComparisonVerdict.Better, results.Arms[0].VersusControl!.Verdict);
        Assert.Equal(ComparisonVerdict.Worse, results.Arms[1].VersusControl!.Verdict);
        Assert.Equal(ExperimentConclusion.SomeArmBetter, results.Conclusion);
    }

    [Fact]
    public void Analyze_ConversionsAboveTheVisitors_AreClampedForTheRate()
    {
        var results = ExperimentAnalysis.Analyze("m", Experiment([], holdout: 0m, Purchase), [new(ExperimentArms.Treatment, 10, 0, 0, 12)]);

        Assert.Equal(1.0, results.Arms[0].ConversionRate);
        Assert.Equal(10, results.Arms[0].Converted);
    }

    [Fact]
    public void Analyze_TheWorkedExampleOfTheDocs_GivesTheFiguresThePageShows()
    {
        // docs/experiments.md, "A worked example": three variants weighted 40/30/30 and a 10 % holdout.
        var experiment = Experiment(["a", "b", "c"], holdout: 10m, Purchase);
        var results = ExperimentAnalysis.Analyze("spring-sale", experiment, [new("a", 7200, 2100, 380, 612), new("b", 5400, 1700, 310, 513), new("c", 5400, 1500, 260, 405), new(ExperimentArms.Control, 2000, 0, 0, 160)]);

        string Row(ArmResult arm) => arm.VersusControl is { } versus
            ? FormattableString.Invariant($"{arm.ArmId} {arm.ConversionRate:0.0000} [{arm.RateInterval!.Value.Lower:0.0000}, {arm.RateInterval.Value.Upper:0.0000}] {versus.Difference:+0.0000;-0.0000} [{versus.DifferenceInterval!.Value.Lower:0.0000}, {versus.DifferenceInterval.Value.Upper:0.0000}] p {versus.PValue:0.0000} adjusted {versus.AdjustedPValue:0.0000} {versus.Verdict}")
            : FormattableString.Invariant($"{arm.ArmId} {arm.ConversionRate:0.0000} [{arm.RateInterval!.Value.Lower:0.0000}, {arm.RateInterval.Value.Upper:0.0000}]");

        // Each figure also computed by an independent Python 3.11 implementation of the same formulas.
        Assert.Equal(
            [
                "a 0.0850 [0.0788, 0.0917] +0.0050 [-0.0092, 0.0179] p 0.4756 adjusted 0.9439 NoSignificantDifference",
                "b 0.0950 [0.0875, 0.1031] +0.0150 [0.0002, 0.0287] p 0.0463 adjusted 0.1388 NoSignificantDifference",
                "c 0.0750 [0.0683, 0.0823] -0.0050 [-0.0194, 0.0083] p 0.4720 adjusted 0.9439 NoSignificantDifference",
                "control 0.0800 [0.0689, 0.0927]",
            ],
            results.Arms.Select(Row));
        Assert.Equal(ExperimentConclusion.NoSignificantDifference, results.Conclusion);
    }

    private static MessageExperiment Experiment(string[] variants, decimal holdout, ConversionGoal? goal) => new()
    {
        Variants = [.. variants.Select((id, i) => new MessageVariant { Id = id, Weight = i == 0 ? 100m - ((variants.Length - 1) * (100m / variants.Length)) : 100m / variants.Length })],
        HoldoutPercent = holdout,
        Goal = goal,
    };
}
