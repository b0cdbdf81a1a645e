using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>What the in-memory metrics store adds to the contract: bounds and eviction.</summary>
public sealed class InMemoryMetricsStoreTests
{
    [Fact]
    public void Pair_IdleLongerThanTheTimeToLive_IsForgotten_AndCountsAgainWhenSentAgain()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { PairTimeToLive = TimeSpan.FromHours(1) }, time);
        Assert.True(RecordNow(store, "visitor", MessageMetric.Sent));
        time.Advance(TimeSpan.FromHours(2));

        Assert.False(RecordNow(store, "visitor", MessageMetric.Opened));
        Assert.True(RecordNow(store, "visitor", MessageMetric.Sent));
        Assert.True(RecordNow(store, "visitor", MessageMetric.Opened));
        Assert.Equal(new MessageMetrics(2, 1, 0), GetNow(store));
    }

    [Fact]
    public void Capacity_WhenExceeded_DropsTheLeastRecentlyUsedPairs_AndKeepsTheCounts()
    {
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { MaxPairs = 100 }, new FakeTimeProvider());
        for (var i = 0; i < 100; i++)
        {
            RecordNow(store, $"visitor-{i}", MessageMetric.Sent);
        }

        RecordNow(store, "visitor-0", MessageMetric.Opened);
        RecordNow(store, "visitor-100", MessageMetric.Sent);

        Assert.Equal(90, store.PairCount);
        Assert.False(RecordNow(store, "visitor-0", MessageMetric.Sent));
        Assert.False(RecordNow(store, "visitor-1", MessageMetric.Opened));
        Assert.Equal(new MessageMetrics(101, 1, 0), GetNow(store));
    }

    [Fact]
    public void Record_ForAKnownPair_AllocatesNothing()
    {
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions(), new FakeTimeProvider());
        RecordNow(store, "visitor", MessageMetric.Sent);
        AllocationAssert.ZeroPerCall(() => !RecordNow(store, "visitor", MessageMetric.Sent));
    }

    [Fact]
    public void Options_WhenNotPositive_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { MaxPairs = 0 }, TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { PairTimeToLive = TimeSpan.Zero }, TimeProvider.System));
    }

    private static bool RecordNow(InMemoryMetricsStore store, string visitor, MessageMetric metric)
    {
        var task = store.RecordAsync("ws", "a", visitor, metric, CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }

    private static MessageMetrics GetNow(InMemoryMetricsStore store)
    {
        var task = store.GetAsync("ws", "a", CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }
}
