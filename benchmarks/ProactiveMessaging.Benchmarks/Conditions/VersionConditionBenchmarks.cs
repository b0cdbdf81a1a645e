using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Benchmarks.Conditions;

/// <summary>
/// Version conditions on <c>app.version</c> beside a hand-written check of the same rule
/// ("4.2.0 up to, not including, 5.0.0") over versions parsed in advance, on eight visitors of
/// varied versions (releases, pre-releases, build metadata, short forms). Each operation evaluates all eight.
/// </summary>
[MemoryDiagnoser]
public class VersionConditionBenchmarks
{
    private static readonly string[] AppVersions = ["4.2.0", "4.1.9", "5.0.0-rc.1", "4.2.0-beta.11", "10.0.0", "4.3.7+build.5", "v4.2", "3.9.0"];

    private (ulong Major, ulong Minor, ulong Patch, bool PreRelease)[] _parsed = null!;
    private VisitorContext[] _visitors = null!;
    private CompiledConditions _range = null!;
    private CompiledConditions _between = null!;
    private CompiledConditions _preReleases = null!;
    private CompiledConditions _isOneOf = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parsed = Array.ConvertAll(AppVersions, HandParse);
        _visitors = Array.ConvertAll(AppVersions, version =>
        {
            var visitor = new VisitorContext();
            visitor.SetAppVersion(version);
            return visitor;
        });
        _range = Compile(
            new Condition("app.version", ConditionOperator.AtLeast, "4.2"),
            new Condition("app.version", ConditionOperator.LessThan, "5.0.0-0"));
        _between = Compile(new Condition("app.version", ConditionOperator.Between, ConditionValue.FromRange("4.2", "5.0.0-0")));
        _preReleases = Compile(new Condition("app.version", ConditionOperator.Between, ConditionValue.FromRange("4.2.0-beta.2", "4.2.0-rc.1")));
        _isOneOf = Compile(new Condition("app.version", ConditionOperator.IsOneOf, ConditionValue.FromList("4.2.1", "4.3.7", "v4.2", "5.0.0")));
        if (HandWritten() != ConditionRange() || ConditionRange() != ConditionBetween() || HandWritten() != 3)
        {
            throw new InvalidOperationException("The checks disagree.");
        }
    }

    /// <summary>What a host would write for a rule it knows in advance: tuple comparisons over numbers it parsed itself.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int HandWritten()
    {
        var count = 0;
        foreach (var (major, minor, patch, preRelease) in _parsed)
        {
            // At least 4.2.0 (a 4.2.0 pre-release is below it), and below every 5.0.0 version.
            var atLeast = major > 4 || (major == 4 && (minor > 2 || (minor == 2 && (patch > 0 || !preRelease))));
            if (atLeast && major < 5)
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionRange() => Count(_range);

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionBetween() => Count(_between);

    /// <summary>Bounds that are pre-releases of the visitors' version: the comparison walks the identifiers.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionBetweenPreReleases() => Count(_preReleases);

    [Benchmark(OperationsPerInvoke = 8)]
    public int ConditionIsOneOf() => Count(_isOneOf);

    /// <summary>The per-event work of the setter (reading the version) and one evaluation.</summary>
    [Benchmark(OperationsPerInvoke = 8)]
    public int SetAndConditionRange()
    {
        var count = 0;
        for (var i = 0; i < _visitors.Length; i++)
        {
            _visitors[i].SetAppVersion(AppVersions[i]);
            if (_range.Evaluate(_visitors[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static CompiledConditions Compile(params Condition[] conditions) =>
        ConditionCompiler.Default.Compile(ConditionGroup.All(conditions)).GetValueOrThrow();

    private static (ulong, ulong, ulong, bool) HandParse(string version)
    {
        var text = version.TrimStart('v').Split('+')[0];
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var numbers = (dash < 0 ? text : text[..dash]).Split('.').Select(n => ulong.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).Concat([0UL, 0UL]).ToArray();
        return (numbers[0], numbers[1], numbers[2], dash >= 0);
    }

    private int Count(CompiledConditions conditions) => Visitors.CountMet(conditions, _visitors);
}
