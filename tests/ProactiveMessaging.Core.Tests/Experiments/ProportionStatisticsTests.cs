using ProactiveMessaging.Experiments;
using ProactiveMessaging.Experiments.Internal;

namespace ProactiveMessaging.Tests.Experiments;

/// <summary>
/// <see cref="ProportionStatistics"/> against figures computed elsewhere: the worked examples of the
/// published papers (to their four printed decimals) and Python 3.11's <c>math.erfc</c> (the C
/// library's, to near double precision).
/// </summary>
public sealed class ProportionStatisticsTests
{
    // Python 3.11: [(x, math.erfc(x)) for x in ...], printed with repr.
    [Theory]
    [InlineData(-3.0, 1.9999779095030015)]
    [InlineData(-1.0, 1.842700792949715)]
    [InlineData(-0.5, 1.5204998778130465)]
    [InlineData(0.0, 1.0)]
    [InlineData(1e-10, 0.999999999887162)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(0.99, 0.1614919304446302)]
    [InlineData(1.0, 0.15729920705028513)] // the switch from the series to the continued fraction
    [InlineData(1.5, 0.033894853524689274)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    [InlineData(20.0, 5.3958656116079005e-176)]
    [InlineData(26.0, 5.663192408856143e-296)]
    public void Erfc_MatchesPythonsMathErfc_ToTheDocumentedAccuracy(double x, double expected) =>
        AssertRelative(expected, ProportionStatistics.Erfc(x), 1e-14);

    [Theory]
    [InlineData(27.3)]
    [InlineData(1e6)]
    [InlineData(double.PositiveInfinity)]
    public void Erfc_PastTheSmallestDouble_IsZero(double x) => Assert.Equal(0, ProportionStatistics.Erfc(x));

    [Fact]
    public void Erfc_OfMinusInfinity_IsTwo_AndOfNaN_IsNaN()
    {
        Assert.Equal(2, ProportionStatistics.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(ProportionStatistics.Erfc(double.NaN)));
    }

    // Python 3.11: 0.5 * math.erfc(-x / math.sqrt(2)).
    [Theory]
    [InlineData(-6.0, 9.865876450377012e-10)]
    [InlineData(-1.959963984540054, 0.02500000000000002)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(1.6448536269514722, 0.95)]
    [InlineData(3.0, 0.9986501019683699)]
    [InlineData(8.0, 0.9999999999999993)]
    public void NormalCdf_MatchesPython(double x, double expected) =>
        AssertRelative(expected, ProportionStatistics.NormalCdf(x), 1e-14);

    [Fact]
    public void Z95_IsTheNormalQuantileOf0975() =>
        AssertRelative(0.975, ProportionStatistics.NormalCdf(ProportionStatistics.Z95), 1e-15);

    // Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
    // methods", Statistics in Medicine 17:857-872, Table I, method 3 (Wilson's score interval
    // without continuity correction), printed to four decimals.
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_GivesTheIntervalsNewcombePublished(long successes, long trials, double lower, double upper)
    {
        var interval = ProportionStatistics.Wilson(successes, trials);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Fact]
    public void Wilson_WithNoSuccess_StartsAtExactlyZero_AndWithAll_EndsAtExactlyOne()
    {
        Assert.Equal(0, ProportionStatistics.Wilson(0, 20).Lower);
        Assert.Equal(1, ProportionStatistics.Wilson(20, 20).Upper);

        // Python 3.11, the textbook formula: the interval of 81/263 to full precision.
        AssertRelative(0.2552885198782743, ProportionStatistics.Wilson(81, 263).Lower, 1e-13);
        AssertRelative(0.36620957698280016, ProportionStatistics.Wilson(81, 263).Upper, 1e-13);
    }

    // Newcombe (1998), "Interval estimation for the difference between independent proportions:
    // comparison of eleven methods", Statistics in Medicine 17:873-890, Table II, method 10 (the
    // hybrid score interval without continuity correction), printed to four decimals.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void NewcombeDifference_GivesTheIntervalsNewcombePublished(long x1, long n1, long x2, long n2, double lower, double upper)
    {
        var interval = ProportionStatistics.NewcombeDifference(x1, n1, x2, n2);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    // Python 3.11: p = (x1 + x2) / (n1 + n2); z = (x1/n1 - x2/n2) / sqrt(p(1 - p)(1/n1 + 1/n2));
    // p-value = math.erfc(abs(z) / sqrt(2)).
    [Theory]
    [InlineData(56, 70, 48, 80, 2.6501719512585336, 0.008045081368196568)]
    [InlineData(120, 1000, 100, 1000, 1.4293008498232314, 0.1529177818639462)]
    [InlineData(30, 500, 50, 500, -2.331262020600785, 0.019739547569938138)]
    [InlineData(500, 10000, 450, 10000, 1.6621710330675814, 0.09647848627673525)]
    public void TwoProportionZTest_MatchesPython(long x1, long n1, long x2, long n2, double z, double pValue)
    {
        var result = ProportionStatistics.TwoProportionZTest(x1, n1, x2, n2);

        AssertRelative(z, result.Z, 1e-12);
        AssertRelative(pValue, result.PValue, 1e-12);
    }

    [Theory]
    [InlineData(0, 10, 0, 30)]
    [InlineData(10, 10, 30, 30)]
    public void TwoProportionZTest_WhenNothingVaries_FindsNoDifference(long x1, long n1, long x2, long n2) =>
        Assert.Equal((0.0, 1.0), ProportionStatistics.TwoProportionZTest(x1, n1, x2, n2));

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, 0)]
    public void Wilson_WithCountsOutOfRange_Throws(long successes, long trials) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionStatistics.Wilson(successes, trials));

    // 20 conversions in 200 visitors: each arm of 100 expects exactly 10 at the pooled rate.
    [Theory]
    [InlineData(12, 100, 8, 100, true)]
    [InlineData(12, 100, 7, 100, false)]
    [InlineData(95, 100, 95, 100, false)] // 10 non-conversions in all: 5 expected in each
    [InlineData(90, 100, 90, 100, true)]
    [InlineData(0, 1000, 100, 1000, true)] // no conversion in one arm, yet 50 expected there
    [InlineData(5, 19, 95, 1000, false)] // the small arm expects under 2
    [InlineData(0, 0, 10, 100, false)]
    public void IsLargeEnough_NeedsTenExpectedConversionsAndNonConversionsInEachArm(long x1, long n1, long x2, long n2, bool expected) =>
        Assert.Equal(expected, ProportionStatistics.IsLargeEnough(x1, n1, x2, n2));

    [Fact]
    public void HolmAdjust_MultipliesTheSortedPValuesByTheirRemainingCount_KeepingTheOrder()
    {
        // Sorted: 0.005 × 4 = 0.02, 0.01 × 3 = 0.03, 0.03 × 2 = 0.06, then 0.04 × 1 raised to 0.06.
        var adjusted = new double[4];
        ProportionStatistics.HolmAdjust([0.01, 0.04, 0.03, 0.005], adjusted);

        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void HolmAdjust_CapsAtOne_AndLeavesASinglePValueAsItIs()
    {
        var adjusted = new double[2];
        ProportionStatistics.HolmAdjust([0.7, 0.6], adjusted);
        Assert.Equal([1.0, 1.0], adjusted);

        var single = new double[1];
        ProportionStatistics.HolmAdjust([0.0371], single);
        Assert.Equal([0.0371], single);
    }

    private static void AssertRelative(double expected, double actual, double tolerance)
    {
        var error = expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"expected {expected:R}, got {actual:R} (relative error {error:E2}, allowed {tolerance:E0})");
    }
}
