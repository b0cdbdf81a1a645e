using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// Reading versions and their precedence, held to the examples of the Semantic Versioning 2.0
/// specification (as data) and to the reference interpreter's separate reading of the rules.
/// </summary>
public sealed class SemanticVersionTests
{
    /// <summary>The precedence chains of the specification, each ascending.</summary>
    public static TheoryData<string> SpecificationChains() =>
    [
        // Numbers compare numerically, major, then minor, then patch.
        "1.0.0 < 2.0.0 < 2.1.0 < 2.1.1",

        // A pre-release is below its release.
        "1.0.0-alpha < 1.0.0",

        // Pre-release identifiers: numeric numerically, alphanumeric in ASCII order, numeric below alphanumeric, more identifiers above fewer.
        "1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0",

        // Versions the specification lists as valid, in numeric order (not text order).
        "1.9.0 < 1.10.0 < 1.11.0",
    ];

    /// <summary>Pairs of equal precedence: build metadata is ignored, and the short forms read as the full one.</summary>
    public static TheoryData<string, string> EqualPairs() => new()
    {
        // Build metadata (the specification's examples).
        { "1.0.0-alpha+001", "1.0.0-alpha" },
        { "1.0.0+20130313144700", "1.0.0" },
        { "1.0.0-beta+exp.sha.5114f85", "1.0.0-beta" },
        { "1.0.0+21AF26D3----117B344092BD", "1.0.0" },
        { "1.0.0+a", "1.0.0+b" },

        // Our short forms and leading v.
        { "3.2", "3.2.0" },
        { "3", "3.0.0" },
        { "v3.2.1", "3.2.1" },
        { "V3.2.1", "3.2.1" },
        { "3.2-beta", "3.2.0-beta" },
        { "v1", "1.0.0" },
    };

    public static TheoryData<string> Valid() =>
    [
        "0.0.0", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0-x-y-z.--", "1.0.0-alpha+001", "1.0.0+21AF26D3----117B344092BD",
        "1.0.0-0A.is.legal", "18446744073709551615.0.0", "1.0.0-99999999999999999999999", "1.0.0+0001",
    ];

    public static TheoryData<string, string> Invalid() => new()
    {
        { "", nameof(VersionError.Empty) },
        { "v", nameof(VersionError.NumberExpected) },
        { "latest", nameof(VersionError.NumberExpected) },
        { "1.", nameof(VersionError.NumberExpected) },
        { "1..0", nameof(VersionError.NumberExpected) },
        { "-1.0.0", nameof(VersionError.NumberExpected) },
        { "01.0.0", nameof(VersionError.LeadingZero) },
        { "1.02.0", nameof(VersionError.LeadingZero) },
        { "1.0.0-01", nameof(VersionError.LeadingZero) },
        { "18446744073709551616.0.0", nameof(VersionError.NumberTooLarge) },
        { "1.0.0-", nameof(VersionError.EmptyIdentifier) },
        { "1.0.0-alpha..1", nameof(VersionError.EmptyIdentifier) },
        { "1.0.0+", nameof(VersionError.EmptyIdentifier) },
        { "1.0.0+a.", nameof(VersionError.EmptyIdentifier) },
        { "1.2.3.4", nameof(VersionError.UnexpectedCharacter) },
        { "1.0.0 ", nameof(VersionError.UnexpectedCharacter) },
        { " 1.0.0", nameof(VersionError.NumberExpected) },
        { "1.0.0-al pha", nameof(VersionError.UnexpectedCharacter) },
        { "1.0.0-é", nameof(VersionError.EmptyIdentifier) },
        { "1.0.0_beta", nameof(VersionError.UnexpectedCharacter) },
        { "vv1.0.0", nameof(VersionError.NumberExpected) },
    };

    [Theory]
    [MemberData(nameof(SpecificationChains))]
    public void Compare_OrdersTheSpecificationsExamples(string chain)
    {
        var ascending = chain.Split(" < ");
        for (var i = 0; i < ascending.Length; i++)
        {
            for (var j = 0; j < ascending.Length; j++)
            {
                var expected = i.CompareTo(j);
                Assert.True(Math.Sign(Compare(ascending[i], ascending[j])) == expected, $"{ascending[i]} against {ascending[j]}: expected {expected}");
                Assert.Equal(expected, ReferenceInterpreter.CompareVersions(ascending[i], ascending[j]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(EqualPairs))]
    public void Compare_IgnoresBuildMetadata_AndReadsShortForms(string left, string right)
    {
        Assert.Equal(0, Compare(left, right));
        Assert.Equal(0, Compare(right, left));
        Assert.Equal(0, ReferenceInterpreter.CompareVersions(left, right));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_AcceptsTheSpecificationsValidForms(string text)
    {
        Assert.Equal(VersionError.None, SemanticVersion.Parse(text, out _));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_RefusesWhatIsNotAVersion_SayingWhy(string text, string expected)
    {
        Assert.Equal(expected, SemanticVersion.Parse(text, out _).ToString());
    }

    [Fact]
    public void Compare_OfLongNumericIdentifiers_IsNumeric_BeyondSixtyFourBits()
    {
        Assert.True(Compare("1.0.0-99999999999999999999999", "1.0.0-100000000000000000000000") < 0);
        Assert.True(Compare("1.0.0-99999999999999999999999", "1.0.0-99999999999999999999998") > 0);
    }

    [Fact]
    public void Compare_AllocatesNothing()
    {
        const string Left = "1.0.0-alpha.beta.11";
        const string Right = "1.0.0-alpha.beta.2+build";
        Assert.True(SemanticVersion.TryParse(Left, out var left));
        Assert.True(SemanticVersion.TryParse(Right, out var right));

        AllocationAssert.ZeroPerCall(() => SemanticVersion.Compare(in left, Left, in right, Right) > 0 && SemanticVersion.TryParse(Right, out _));
    }

    internal static int Compare(string left, string right)
    {
        Assert.True(SemanticVersion.TryParse(left, out var a), left);
        Assert.True(SemanticVersion.TryParse(right, out var b), right);
        return SemanticVersion.Compare(in a, left, in b, right);
    }
}
