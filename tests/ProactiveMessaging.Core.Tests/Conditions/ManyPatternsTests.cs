using System.Diagnostics;
using System.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// Regression cases for catalogs within every limit that once took a minute: each pattern was built
/// and warmed by validation on every read, and built again by compilation. The bounds are generous,
/// several times what a loaded two-core machine takes, and only catch a return of the old cost.
/// </summary>
[Collection(nameof(Fuzzing.TimeBoundTests))]
public sealed class ManyPatternsTests
{
    private const int Messages = 10_000;

    [Fact]
    public void ReadCatalog_TenThousandMessagesWithTwoDistinctPatternsEach_ReadsWithinTheBound()
    {
        // 20,000 patterns, no two alike: nothing for a cache to share, so reading must not build them.
        var json = Catalog(index => ($"^/products/{index}-a/[a-z0-9-]+$", $"^/offers/{index}/(new|sale)/[0-9]{{1,6}}$"));

        var watch = Stopwatch.StartNew();
        var result = MessageJson.ReadCatalog(json);
        watch.Stop();

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
        Assert.Equal(Messages, result.Value.Messages.Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"reading took {watch.Elapsed}");
    }

    [Fact]
    public void Compile_TenThousandMessagesSharingTwoPatterns_BuildsEachPatternOnce()
    {
        var shared = Guid.NewGuid().ToString("N");
        var compiler = new ConditionCompiler();

        var watch = Stopwatch.StartNew();
        var compiled = Enumerable.Range(0, Messages)
            .Select(index => compiler.Compile(ConditionGroup.All(
                new Condition("page.path", ConditionOperator.MatchesPattern, $"^/products/{shared}/[a-z0-9-]+$"),
                new Condition("page.title", ConditionOperator.MatchesPattern, $"{shared}|sale"),
                new Condition("page.path", ConditionOperator.StartsWith, $"/{index}"))).GetValueOrThrow())
            .ToList();
        watch.Stop();

        Assert.Single(compiled.Select(conditions => conditions.Patterns.First()).Distinct());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"compiling took {watch.Elapsed}");
    }

    /// <summary>A catalog of Draft agent messages, each with the two <c>matchesPattern</c> conditions given for its index.</summary>
    private static string Catalog(Func<int, (string First, string Second)> patterns)
    {
        var json = new StringBuilder("""{"formatVersion":1,"workspace":{"id":"acme","name":"Acme"},"messages":[""");
        for (var index = 0; index < Messages; index++)
        {
            var (first, second) = patterns(index);
            json.Append(index == 0 ? string.Empty : ",").Append(System.Globalization.CultureInfo.InvariantCulture, $$$"""
                {"id":"m{{{index}}}","name":"Message {{{index}}}","channelId":"web-main",
                "reply":{"type":"agent","text":{"default":"Need help?"},"askForName":false,"askForEmail":false},
                "rules":{"conditions":{"all":[
                {"field":"page.path","operator":"matchesPattern","value":"{{{first}}}"},
                {"field":"page.path","operator":"matchesPattern","value":"{{{second}}}"}]}},
                "timing":"anytime","frequency":"once","priority":0,"status":"draft",
                "metrics":{"sent":0,"opened":0,"replied":0},"updatedAt":"2026-11-25T08:00:00Z","version":1}
                """);
        }

        return json.Append("]}").ToString();
    }
}
