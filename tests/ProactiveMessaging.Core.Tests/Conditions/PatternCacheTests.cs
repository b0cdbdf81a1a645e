using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Model;
using static ProactiveMessaging.Tests.Model.SampleDefinitions;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class PatternCacheTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Get_SamePatternOptionsAndTimeout_ReturnsTheSameRegex()
    {
        var cache = new PatternCache(8);

        var first = cache.Get("^/p/[0-9]+$", ignoreCase: true, Timeout).Regex;

        Assert.NotNull(first);
        Assert.Same(first, cache.Get("^/p/[0-9]+$", ignoreCase: true, Timeout).Regex);
        Assert.NotSame(first, cache.Get("^/p/[0-9]+$", ignoreCase: false, Timeout).Regex);
        Assert.NotSame(first, cache.Get("^/p/[0-9]+$", ignoreCase: true, TimeSpan.FromSeconds(6)).Regex);
        Assert.Equal(Timeout, first.MatchTimeout);
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Get_ManyDistinctPatterns_KeepsAtMostTheCapacity_EvictingTheLeastRecentlyUsed()
    {
        var cache = new PatternCache(8);
        var kept = cache.Get("kept", ignoreCase: false, Timeout).Regex;

        for (var i = 0; i < 100; i++)
        {
            cache.Get($"p{i}", ignoreCase: false, Timeout);

            // Used again and again, so never the least recently used.
            Assert.Same(kept, cache.Get("kept", ignoreCase: false, Timeout).Regex);
            Assert.True(cache.Count <= cache.Capacity);
        }

        Assert.Equal(8, cache.Count);
        Assert.True(cache.Contains("p99", ignoreCase: false, Timeout));
        Assert.False(cache.Contains("p0", ignoreCase: false, Timeout));
    }

    [Fact]
    public void Get_RefusedPattern_RemembersTheRefusal()
    {
        var cache = new PatternCache(8);

        var result = cache.Get("foo(?=bar)", ignoreCase: false, Timeout);

        Assert.Null(result.Regex);
        Assert.Equal(ConditionProblemCodes.PatternUnsupported, result.Code);
        Assert.Same(result, cache.Get("foo(?=bar)", ignoreCase: false, Timeout));
        Assert.Equal(ConditionProblemCodes.PatternInvalid, cache.Get("(a", ignoreCase: false, Timeout).Code);
    }

    [Fact]
    public void Get_FromManyThreadsAtOnce_GivesEveryThreadTheSameRegex()
    {
        var cache = new PatternCache(8);
        var pattern = $"^/race/{Guid.NewGuid():N}/[a-z]+$";

        var regexes = new System.Text.RegularExpressions.Regex?[16];
        Parallel.For(0, regexes.Length, i => regexes[i] = cache.Get(pattern, ignoreCase: false, Timeout).Regex);

        Assert.All(regexes, regex => Assert.Same(regexes[0], regex));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Shared_HasTheDocumentedCapacity() => Assert.Equal(1_024, PatternCache.Shared.Capacity);

    [Fact]
    public void Compile_SamePatternInManyMessages_SharesOneRegexFromTheSharedCache()
    {
        var pattern = $"^/shared/{Guid.NewGuid():N}/[0-9]+$";
        var condition = new Condition("page.path", ConditionOperator.MatchesPattern, pattern);

        var first = ConditionCompiler.Default.Compile(ConditionGroup.All(condition, PageStartsWith())).GetValueOrThrow();
        var second = new ConditionCompiler().Compile(ConditionGroup.Any(PageStartsWith("/a"), condition)).GetValueOrThrow();

        var regex = Assert.Single(first.Patterns);
        Assert.Same(regex, Assert.Single(second.Patterns));
        Assert.Same(regex, PatternCache.Shared.Get(pattern, ignoreCase: false, ConditionDefaults.PatternMatchTimeout).Regex);
    }

    [Fact]
    public void Validate_PlainPattern_ChecksItWithoutBuildingIt()
    {
        var pattern = $"^/checked/{Guid.NewGuid():N}/[0-9]+$";

        var result = MessageValidator.Default.Validate(WithConditions(ConditionGroup.All(new Condition("page.path", ConditionOperator.MatchesPattern, pattern))));

        Assert.Empty(result.Problems);
        Assert.False(PatternCache.Shared.Contains(pattern, ignoreCase: false, ConditionDefaults.PatternMatchTimeout));
    }
}
