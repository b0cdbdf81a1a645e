using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// Version precedence is a total order consistent with equality: antisymmetric, transitive,
/// reflexive, zero exactly for versions equal but for build metadata (and short forms), and the
/// same as the reference interpreter's reading of the rules.
/// </summary>
public sealed class SemanticVersionProperties
{
    [Property(MaxTest = 5000, Arbitrary = [typeof(VersionArbitraries)])]
    public Property Compare_IsATotalOrder(VersionText a, VersionText b, VersionText c)
    {
        var ab = SemanticVersionTests.Compare(a.Text, b.Text);
        var ba = SemanticVersionTests.Compare(b.Text, a.Text);
        var bc = SemanticVersionTests.Compare(b.Text, c.Text);
        var ac = SemanticVersionTests.Compare(a.Text, c.Text);
        var transitive = !(ab <= 0 && bc <= 0) || ac <= 0;
        return (Math.Sign(ab) == -Math.Sign(ba)).Label("antisymmetric")
            .And(transitive).Label("transitive")
            .And(SemanticVersionTests.Compare(a.Text, a.Text) == 0).Label("reflexive")
            .And(ab is -1 or 0 or 1).Label("a sign");
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(VersionArbitraries)])]
    public Property Compare_IsZero_ExactlyForTheSameVersionButBuildMetadata(VersionText a, VersionText b)
    {
        var equal = SemanticVersionTests.Compare(a.Text, b.Text) == 0;
        return (equal == (a.Canonical == b.Canonical)).Label($"compare zero {equal}, canonical {a.Canonical} / {b.Canonical}");
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(VersionArbitraries)])]
    public Property Compare_AgreesWith_TheReferenceReading(VersionText a, VersionText b)
    {
        var fast = SemanticVersionTests.Compare(a.Text, b.Text);
        var reference = ReferenceInterpreter.CompareVersions(a.Text, b.Text);
        return (fast == reference).Label($"compiled {fast}, reference {reference}");
    }
}

/// <summary>A version as written, and its canonical form (full numbers, no v, no build metadata) that equal versions share.</summary>
public sealed record VersionText(string Text, string Canonical)
{
    public override string ToString() => Text;
}

/// <summary>Versions drawn from few numbers and identifiers, so that ties and shared prefixes are common.</summary>
public static class VersionArbitraries
{
    private static readonly string[] Identifiers = ["0", "1", "2", "10", "11", "alpha", "beta", "rc", "a-b", "-", "0a", "Alpha", "99999999999999999999"];

    public static Arbitrary<VersionText> Versions() => Arb.From(
        from major in Gen.Elements(0, 1, 2, 10)
        from minor in Gen.Elements(0, 1, 9, 10)
        from patch in Gen.Elements(0, 1, 2)
        from shortForm in Gen.Elements(0, 0, 1, 2)
        from v in Gen.Elements(string.Empty, string.Empty, "v", "V")
        from preCount in Gen.Elements(0, 0, 1, 2, 3)
        from pre in Gen.ArrayOf(Gen.Elements(Identifiers), preCount)
        from build in Gen.Elements(string.Empty, string.Empty, "+001", "+exp.sha.5114f85", "+a-b")
        select Make(major, minor, patch, shortForm, v, pre, build));

    private static VersionText Make(int major, int minor, int patch, int shortForm, string v, string[] pre, string build)
    {
        // A short form drops trailing zero numbers only, so that it means the same version.
        var core = (shortForm, minor, patch) switch
        {
            (2, 0, 0) => $"{major}",
            ( >= 1, _, 0) => $"{major}.{minor}",
            _ => $"{major}.{minor}.{patch}",
        };
        var preRelease = pre.Length == 0 ? string.Empty : "-" + string.Join('.', pre);
        return new VersionText(v + core + preRelease + build, $"{major}.{minor}.{patch}{preRelease}");
    }
}
