namespace ProactiveMessaging.Experiments.Internal;

/// <summary>
/// The statistics of conversion rates: the complementary error function and the normal
/// distribution, Wilson's score interval for one rate, Newcombe's hybrid score interval for a
/// difference of two, the pooled two-proportion z-test, Holm's correction, and the rule that says
/// when a comparison has too few visitors to conclude. docs/experiments.md explains the choices.
/// </summary>
/// <remarks>Pure functions of their arguments; thread-safe.</remarks>
internal static class ProportionStatistics
{
    /// <summary>
    /// The standard normal quantile for a two-sided 95 % level, Φ⁻¹(0.975), as Python's
    /// <c>statistics.NormalDist().inv_cdf(0.975)</c> gives it (the shortest round-trip form).
    /// </summary>
    public const double Z95 = 1.9599639845400536;

    /// <summary>The significance level of the verdicts, family-wise across a message's arms.</summary>
    public const double Alpha = ExperimentResults.SignificanceLevel;

    /// <summary>
    /// The fewest conversions, and the fewest non-conversions, each arm of a comparison must expect
    /// at the two arms' pooled rate for the z-test's normal approximation to be trusted.
    /// </summary>
    public const long MinExpectedCount = 10;

    // Below 1 the series' final subtraction 1 - erf loses at most a digit or two (erfc(1) ≈ 0.16);
    // from 1 on the continued fraction converges (within 400 steps at 1, fewer than 100 from 1.5) to
    // about 4e-15 relative, where the series would lose ten times that and more as x grows.
    private const double SeriesLimit = 1.0;

    // erfc(27.3) is about 1e-326, below the smallest double (4.9e-324): exp(-x²) is 0 from here on.
    private const double UnderflowLimit = 27.3;

    private const double TwoOverSqrtPi = 1.1283791670955126;

    private const double OneOverSqrtPi = 0.5641895835477563;

    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// The complementary error function, erfc(x) = 2/√π ∫ₓ^∞ e^(-t²) dt, with a relative error below
    /// 1e-14 for x up to 26 (results down to 1e-296; beyond, the result is a subnormal double or 0
    /// and keeps fewer digits), and between 0 and 2 everywhere.
    /// </summary>
    /// <param name="x">The argument.</param>
    /// <returns>erfc(x); NaN for NaN.</returns>
    /// <remarks>
    /// <para>
    /// Two classical expansions, each used where it is accurate. For |x| below 1, erf by its
    /// series of positive terms, erf(x) = 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), then
    /// erfc = 1 - erf: no term cancels another, so only the final subtraction loses digits, few
    /// while erfc(x) stays above 0.15. From 1 on, the continued fraction
    /// erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) evaluated by the modified Lentz
    /// method. Negative arguments use erfc(-x) = 2 - erfc(x).
    /// </para>
    /// <para>
    /// The tests compare it with Python's <c>math.erfc</c> (the C library's) at points across the
    /// range, and with a numerical integral of e^(-t²) at random points.
    /// </para>
    /// </remarks>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < SeriesLimit)
        {
            return 1 - Erf(x);
        }

        return x >= UnderflowLimit ? 0 : ErfcContinuedFraction(x);
    }

    /// <summary>The standard normal distribution function Φ(x) = P(Z ≤ x), with the accuracy of <see cref="Erfc"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Φ(x), between 0 and 1.</returns>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Sqrt2);

    /// <summary>The two-sided tail probability of the standard normal distribution: P(|Z| ≥ |z|) = erfc(|z|/√2).</summary>
    /// <param name="z">The statistic.</param>
    /// <returns>The probability, between 0 and 1.</returns>
    public static double TwoSidedPValue(double z) => Math.Min(1, Erfc(Math.Abs(z) / Sqrt2));

    /// <summary>
    /// Wilson's score interval at 95 % for a rate of <paramref name="successes"/> in
    /// <paramref name="trials"/> (without continuity correction).
    /// </summary>
    /// <param name="successes">The successes, 0 to <paramref name="trials"/>.</param>
    /// <param name="trials">The trials, at least 1.</param>
    /// <returns>The interval, within 0 to 1, holding the observed rate; exactly 0 below for no success and exactly 1 above for all.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are out of range.</exception>
    public static ConfidenceInterval Wilson(long successes, long trials)
    {
        CheckCounts(successes, trials);

        // Each end is the other's mirror image (the upper end of x in n is 1 minus the lower end of
        // n - x in n), and the lower end is computed in a form without cancellation, so no success
        // gives exactly 0 and all successes exactly 1.
        var lower = WilsonLower(successes, trials);
        var upper = 1 - WilsonLower(trials - successes, trials);
        var rate = (double)successes / trials;

        // Rounding must not leave the observed rate outside its own interval.
        return new(Math.Min(lower, rate), Math.Max(upper, rate));
    }

    /// <summary>
    /// Newcombe's hybrid score interval at 95 % for the difference of two rates, p₁ - p₂
    /// (his method 10, from each rate's Wilson interval, without continuity correction).
    /// </summary>
    /// <param name="successes1">The first rate's successes.</param>
    /// <param name="trials1">The first rate's trials, at least 1.</param>
    /// <param name="successes2">The second rate's successes.</param>
    /// <param name="trials2">The second rate's trials, at least 1.</param>
    /// <returns>The interval, within -1 to 1, holding the observed difference.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are out of range.</exception>
    public static ConfidenceInterval NewcombeDifference(long successes1, long trials1, long successes2, long trials2)
    {
        var first = Wilson(successes1, trials1);
        var second = Wilson(successes2, trials2);
        var p1 = (double)successes1 / trials1;
        var p2 = (double)successes2 / trials2;
        var difference = p1 - p2;

        // The difference is low when the first rate sits at its lower end and the second at its upper
        // end; the two distances combine like independent errors.
        var lower = difference - Math.Sqrt(Square(p1 - first.Lower) + Square(second.Upper - p2));
        var upper = difference + Math.Sqrt(Square(first.Upper - p1) + Square(p2 - second.Lower));
        return new(Math.Max(-1, Math.Min(lower, difference)), Math.Min(1, Math.Max(upper, difference)));
    }

    /// <summary>
    /// The pooled two-proportion z-test of p₁ = p₂: z = (p₁ - p₂) / √(p̄(1 - p̄)(1/n₁ + 1/n₂)) with
    /// the pooled rate p̄ = (x₁ + x₂) / (n₁ + n₂), and its two-sided p-value.
    /// </summary>
    /// <param name="successes1">The first rate's successes.</param>
    /// <param name="trials1">The first rate's trials, at least 1.</param>
    /// <param name="successes2">The second rate's successes.</param>
    /// <param name="trials2">The second rate's trials, at least 1.</param>
    /// <returns>z (positive when the first rate is higher) and the p-value; z = 0 and p = 1 when the pooled rate is 0 or 1 (both rates equal, nothing varies).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The counts are out of range.</exception>
    public static (double Z, double PValue) TwoProportionZTest(long successes1, long trials1, long successes2, long trials2)
    {
        CheckCounts(successes1, trials1);
        CheckCounts(successes2, trials2);
        var pooled = ((double)successes1 + successes2) / ((double)trials1 + trials2);
        var variance = pooled * (1 - pooled) * ((1.0 / trials1) + (1.0 / trials2));
        if (variance <= 0)
        {
            return (0, 1);
        }

        var z = (((double)successes1 / trials1) - ((double)successes2 / trials2)) / Math.Sqrt(variance);
        return (z, TwoSidedPValue(z));
    }

    /// <summary>
    /// Whether two rates have enough counts for the z-test's normal approximation: at the pooled rate,
    /// each expects at least <see cref="MinExpectedCount"/> successes and as many failures.
    /// </summary>
    /// <param name="successes1">The first rate's successes.</param>
    /// <param name="trials1">The first rate's trials.</param>
    /// <param name="successes2">The second rate's successes.</param>
    /// <param name="trials2">The second rate's trials.</param>
    /// <returns><see langword="true"/> when the test can be trusted.</returns>
    public static bool IsLargeEnough(long successes1, long trials1, long successes2, long trials2)
    {
        // Exact in integers: nᵢ · x / N ≥ 10 is nᵢ · x ≥ 10 · N (128 bits hold any product of counts).
        Int128 total = (Int128)trials1 + trials2;
        Int128 successes = (Int128)successes1 + successes2;
        var failures = total - successes;
        var smaller = Math.Min(trials1, trials2);
        return total > 0 && smaller * successes >= MinExpectedCount * total && smaller * failures >= MinExpectedCount * total;
    }

    /// <summary>
    /// Holm's step-down correction of p-values for several tests at once: sorted ascending, the k-th
    /// smallest (from 1) of m is multiplied by m - k + 1, made no smaller than the ones before it, and
    /// capped at 1. A test whose adjusted p-value is below α is rejected, with a family-wise error rate
    /// of at most α whatever the dependence between the tests.
    /// </summary>
    /// <param name="pValues">The p-values, in any order (NaN counts as 1).</param>
    /// <param name="adjusted">Receives the adjusted p-values, in the same order; as long as <paramref name="pValues"/>.</param>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    public static void HolmAdjust(ReadOnlySpan<double> pValues, Span<double> adjusted)
    {
        if (adjusted.Length != pValues.Length)
        {
            throw new ArgumentException("The adjusted p-values need a span as long as the p-values.", nameof(adjusted));
        }

        var count = pValues.Length;
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var sortKeys = new double[count];
        for (var i = 0; i < count; i++)
        {
            sortKeys[i] = double.IsNaN(pValues[i]) ? 1 : pValues[i];
        }

        // A stable order (ties by position) keeps the result independent of the sort's internals.
        Array.Sort(order, (a, b) => sortKeys[a] != sortKeys[b] ? sortKeys[a].CompareTo(sortKeys[b]) : a.CompareTo(b));
        var running = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            var index = order[rank];
            running = Math.Max(running, Math.Min(1, (count - rank) * sortKeys[index]));
            adjusted[index] = running;
        }
    }

    private static double WilsonLower(long successes, long trials)
    {
        // The textbook form, (p + z²/2n - z√(p(1-p)/n + z²/4n²)) / (1 + z²/n), subtracts two nearly
        // equal numbers when p is small. Multiplying by the conjugate turns it into
        // p² / (p + z²/2n + z√(p(1-p)/n + z²/4n²)), a quotient of positive numbers.
        var n = (double)trials;
        var p = successes / n;
        var z2 = Z95 * Z95;
        var spread = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return p * p / (p + (z2 / (2 * n)) + spread);
    }

    private static double Erf(double x)
    {
        // term(n + 1) = term(n) · 2x² / (2n + 3); every term is positive, so the sum stops once a
        // term no longer changes it.
        var x2 = x * x;
        var term = x;
        var sum = x;
        for (var n = 0; term > sum * 1e-17; n++)
        {
            term *= 2 * x2 / ((2 * n) + 3);
            sum += term;
        }

        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    private static double ErfcContinuedFraction(double x)
    {
        // The modified Lentz method for f = x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …))): the partial
        // numerators are k/2 and every partial denominator is x. erfc(x) = e^(-x²) / (√π f).
        const double Tiny = 1e-300;
        var f = x;
        var c = f;
        var d = 0.0;
        for (var k = 1; k < 10_000; k++)
        {
            var a = k / 2.0;
            d = x + (a * d);
            d = d == 0 ? Tiny : d;
            d = 1 / d;
            c = x + (a / c);
            c = c == 0 ? Tiny : c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        // x² rounded to a double is off by up to half an ulp, which e^(-x²) would multiply by x²
        // (a relative error near 1e-13 at x = 26); the rounding error, recovered exactly with a fused
        // multiply-add, corrects it: e^(-(x² + ε)) ≈ e^(-x²)(1 - ε).
        var square = x * x;
        var roundingError = Math.FusedMultiplyAdd(x, x, -square);
        return Math.Exp(-square) * (1 - roundingError) * OneOverSqrtPi / f;
    }

    private static double Square(double value) => value * value;

    private static void CheckCounts(long successes, long trials)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
    }
}
