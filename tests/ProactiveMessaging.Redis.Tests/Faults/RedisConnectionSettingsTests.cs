using ProactiveMessaging.Redis.Internal;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests.Faults;

/// <summary>What <see cref="RedisConnectionSettings.ForEngine"/> sets, and what it keeps of the host's string.</summary>
public sealed class RedisConnectionSettingsTests
{
    [Fact]
    public void ForEngine_FailsFastWhileTheServerIsAway_AndReconnectsByItself()
    {
        var options = RedisConnectionSettings.ForEngine("redis1:6379,redis2:6380");

        Assert.False(options.BacklogPolicy.QueueWhileDisconnected);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(RedisConnectionSettings.ConnectTimeoutMilliseconds, options.ConnectTimeout);
        Assert.Equal(RedisConnectionSettings.AsyncTimeoutMilliseconds, options.AsyncTimeout);
        Assert.Equal(2, options.EndPoints.Count);
    }

    [Fact]
    public void ForEngine_ReconnectAttempts_BackOffToTheShortCap()
    {
        var policy = RedisConnectionSettings.ForEngine("localhost").ReconnectRetryPolicy!;

        // Right after a failure the next attempt waits at least the first delay; however many
        // attempts failed, one is always made within the cap.
        Assert.False(policy.ShouldRetry(currentRetryCount: 0, timeElapsedMillisecondsSinceLastRetry: 0));
        foreach (var failed in new long[] { 1, 5, 20, 1_000 })
        {
            Assert.True(policy.ShouldRetry(failed, RedisConnectionSettings.ReconnectMaxDelayMilliseconds), $"after {failed} failed attempts");
        }
    }

    [Fact]
    public void ForEngine_KeepsTheTimeOutsTheStringSets()
    {
        var options = RedisConnectionSettings.ForEngine("localhost,connectTimeout=750,ASYNCTIMEOUT=12000,password=secret,ssl=true");

        Assert.Equal(750, options.ConnectTimeout);
        Assert.Equal(12_000, options.AsyncTimeout);
        Assert.Equal("secret", options.Password);
        Assert.True(options.Ssl);
    }

    [Fact]
    public void ForEngine_TurnsAbortOnConnectFailOff_EvenWhenTheStringSetsIt()
    {
        // A node must start while Redis is down and connect by itself later.
        Assert.False(RedisConnectionSettings.ForEngine("localhost,abortConnect=true").AbortOnConnectFail);
    }

    [Theory]
    [InlineData("localhost", "connectTimeout", false)]
    [InlineData("localhost,connectTimeout=10", "connectTimeout", true)]
    [InlineData("localhost, ConnectTimeout = 10 ", "connectTimeout", true)]
    [InlineData("localhost,syncTimeout=10", "asyncTimeout", false)]
    [InlineData("localhost,password=connectTimeout", "connectTimeout", false)]
    public void Sets_FindsAKeyOfTheString(string configuration, string key, bool expected) =>
        Assert.Equal(expected, RedisConnectionSettings.Sets(configuration, key));

    [Fact]
    public void ForEngine_RefusesAStringTheClientCannotParse() =>
        Assert.ThrowsAny<ArgumentException>(() => RedisConnectionSettings.ForEngine("localhost,connectTimeout=soon"));
}
