using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Experiments.Internal;

namespace ProactiveMessaging.Tests.Experiments;

/// <summary>The invariants of <see cref="ProportionStatistics"/> over random counts and arguments.</summary>
public sealed class ProportionStatisticsProperties
{
    // Counts from tiny to large, with the edges (no success, all successes) well represented.
    private static readonly Gen<(long Successes, long Trials)> Rates =
        from trials in Gen.OneOf(Gen.Choose(1, 50), Gen.Choose(1, 100_000), Gen.Choose(1, 1_000_000_000)).Select(n => (long)n)
        from kind in Gen.Choose(0, 9)
        from share in Gen.Choose(0, 1_000_000)
        let successes = kind == 0 ? 0 : kind == 1 ? trials : (long)(trials * (share / 1_000_000.0))
        select (successes, trials);

    private static readonly Gen<((long Successes, long Trials) First, (long Successes, long Trials) Second)> Pairs =
        from first in Rates
        from second in Rates
        select (first, second);

    [FsCheck.Xunit.Property(MaxTest = 10_000)]
    public Property Wilson_LiesInZeroToOne_AndHoldsTheObservedRate() =>
        Prop.ForAll(Rates.ToArbitrary(), rate =>
        {
            var interval = ProportionStatistics.Wilson(rate.Successes, rate.Trials);
            var observed = (double)rate.Successes / rate.Trials;
            return (interval.Lower >= 0 && interval.Upper <= 1 && interval.Contains(observed))
                .Label($"{rate.Successes}/{rate.Trials}: [{interval.Lower:R}, {interval.Upper:R}]");
        });

    [FsCheck.Xunit.Property(MaxTest = 10_000)]
    public Property Wilson_OfTheFailures_IsTheMirrorImageOfTheSuccesses() =>
        Prop.ForAll(Rates.ToArbitrary(), rate =>
        {
            var successes = ProportionStatistics.Wilson(rate.Successes, rate.Trials);
            var failures = ProportionStatistics.Wilson(rate.Trials - rate.Successes, rate.Trials);
            return Math.Abs(successes.Lower - (1 - failures.Upper)) <= 1e-15 && Math.Abs(successes.Upper - (1 - failures.Lower)) <= 1e-15;
        });

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property Wilson_NarrowsAsTheSameRateGetsMoreTrials() =>
        Prop.ForAll(Rates.ToArbitrary(), Gen.Choose(2, 100).ToArbitrary(), (rate, factor) =>
        {
            var small = ProportionStatistics.Wilson(rate.Successes, rate.Trials);
            var large = ProportionStatistics.Wilson(rate.Successes * factor, rate.Trials * factor);
            return large.Width <= small.Width;
        });

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property Wilson_MovesUpWithEachSuccess() =>
        Prop.ForAll(Rates.ToArbitrary(), rate =>
        {
            var successes = Math.Min(rate.Successes, rate.Trials - 1);
            var fewer = ProportionStatistics.Wilson(successes, rate.Trials);
            var more = ProportionStatistics.Wilson(successes + 1, rate.Trials);
            return rate.Trials == 1 || (more.Lower >= fewer.Lower && more.Upper >= fewer.Upper);
        });

    [FsCheck.Xunit.Property(MaxTest = 10_000)]
    public Property NewcombeDifference_LiesInMinusOneToOne_AndHoldsTheObservedDifference() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var ((x1, n1), (x2, n2)) = pair;
            var interval = ProportionStatistics.NewcombeDifference(x1, n1, x2, n2);
            var difference = ((double)x1 / n1) - ((double)x2 / n2);
            return (interval.Lower >= -1 && interval.Upper <= 1 && interval.Contains(difference))
                .Label($"{x1}/{n1} - {x2}/{n2}: [{interval.Lower:R}, {interval.Upper:R}]");
        });

    [FsCheck.Xunit.Property(MaxTest = 10_000)]
    public Property NewcombeDifference_WithTheArmsSwapped_IsNegated() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var ((x1, n1), (x2, n2)) = pair;
            var forward = ProportionStatistics.NewcombeDifference(x1, n1, x2, n2);
            var backward = ProportionStatistics.NewcombeDifference(x2, n2, x1, n1);
            return Math.Abs(forward.Lower + backward.Upper) <= 1e-12 && Math.Abs(forward.Upper + backward.Lower) <= 1e-12;
        });

    [FsCheck.Xunit.Property(MaxTest = 10_000)]
    public Property TwoProportionZTest_WithTheArmsSwapped_HasTheSamePValue_AndTheOppositeZ() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var ((x1, n1), (x2, n2)) = pair;
            var forward = ProportionStatistics.TwoProportionZTest(x1, n1, x2, n2);
            var backward = ProportionStatistics.TwoProportionZTest(x2, n2, x1, n1);
            return (forward.PValue == backward.PValue && forward.Z == -backward.Z && forward.PValue is >= 0 and <= 1)
                .Label($"{forward} against {backward}");
        });

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property TwoProportionZTest_PValueFallsAsTheTreatmentConvertsMore() =>
        Prop.ForAll(Gen.Choose(20, 100_000).ToArbitrary(), Gen.Choose(0, 1_000).ToArbitrary(), (trials, permille) =>
        {
            // The control fixed at permille ‰; one more treatment conversion at a time from the same
            // rate upward: the evidence of a difference only grows.
            long control = trials * (long)permille / 1_000;
            var previous = 1.0;
            for (var successes = control; successes <= Math.Min(trials, control + 40); successes++)
            {
                var pValue = ProportionStatistics.TwoProportionZTest(successes, trials, control, trials).PValue;
                if (pValue > previous + 1e-15)
                {
                    return false.Label($"{successes}/{trials} against {control}/{trials}: p = {pValue:R} after {previous:R}");
                }

                previous = pValue;
            }

            return true.ToProperty();
        });

    [FsCheck.Xunit.Property(MaxTest = 5_000)]
    public Property HolmAdjust_NeverLowersAPValue_AndKeepsTheirOrder() =>
        Prop.ForAll(Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0).ArrayOf().ToArbitrary(), pValues =>
        {
            var adjusted = new double[pValues.Length];
            ProportionStatistics.HolmAdjust(pValues, adjusted);
            for (var i = 0; i < pValues.Length; i++)
            {
                for (var j = 0; j < pValues.Length; j++)
                {
                    if (pValues[i] < pValues[j] && adjusted[i] > adjusted[j])
                    {
                        return false.Label($"p {pValues[i]} < {pValues[j]} but adjusted {adjusted[i]} > {adjusted[j]}");
                    }
                }

                if (adjusted[i] < pValues[i] || adjusted[i] > 1 || adjusted[i] > Math.Min(1, pValues.Length * pValues[i]))
                {
                    return false.Label($"p {pValues[i]} adjusted to {adjusted[i]}");
                }
            }

            return true.ToProperty();
        });

    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public Property Erfc_MatchesANumericalIntegralOfTheGaussian() =>
        Prop.ForAll(Gen.Choose(0, 600_000).Select(i => i / 100_000.0).ToArbitrary(), Gen.Choose(1, 100_000).Select(i => i / 100_000.0).ToArbitrary(), (a, width) =>
        {
            // erfc(a) - erfc(b) = 2/√π ∫ₐᵇ e^(-t²) dt, here by Simpson's rule on 2,000 panels: an
            // independent computation accurate to far better than 1e-12 on an interval of width ≤ 1.
            var b = a + width;
            var expected = Simpson(a, b, 2_000);
            var actual = ProportionStatistics.Erfc(a) - ProportionStatistics.Erfc(b);
            return (Math.Abs(actual - expected) <= 1e-13 + (1e-12 * expected))
                .Label($"erfc({a}) - erfc({b}) = {actual:R}, the integral {expected:R}");
        });

    [FsCheck.Xunit.Property(MaxTest = 10_000)]
    public Property NormalCdf_IsSymmetric_AndRises() =>
        Prop.ForAll(Gen.Choose(-4_000_000, 4_000_000).Select(i => i / 100_000.0).ToArbitrary(), x =>
        {
            var at = ProportionStatistics.NormalCdf(x);
            var mirrored = ProportionStatistics.NormalCdf(-x);
            var further = ProportionStatistics.NormalCdf(x + 0.001);
            return (Math.Abs(at + mirrored - 1) <= 1e-15 && further >= at && at is >= 0 and <= 1)
                .Label($"Φ({x}) = {at:R}, Φ({-x}) = {mirrored:R}, Φ({x + 0.001}) = {further:R}");
        });

    private static double Simpson(double a, double b, int panels)
    {
        var h = (b - a) / panels;
        var sum = Gaussian(a) + Gaussian(b);
        for (var i = 1; i < panels; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Gaussian(a + (i * h));
        }

        return sum * h / 3 * 2 / Math.Sqrt(Math.PI);
    }

    private static double Gaussian(double t) => Math.Exp(-t * t);
}
