using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>What the in-memory metrics store adds to the contract: bounds and eviction.</summary>
public sealed class InMemoryMetricsStoreTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 3, 10, 0);

    [Fact]
    public void Pair_IdleLongerThanTheTimeToLive_IsForgotten_AndCountsAgainWhenSentAgain()
    {
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { PairTimeToLive = TimeSpan.FromHours(1) });
        Assert.True(RecordNow(store, "visitor", MessageMetric.Sent));
        var later = Start + Duration.FromHours(2);

        Assert.False(RecordNow(store, "visitor", MessageMetric.Opened, later));
        Assert.True(RecordNow(store, "visitor", MessageMetric.Sent, later));
        Assert.True(RecordNow(store, "visitor", MessageMetric.Opened, later));
        Assert.Equal(new MessageMetrics(2, 1, 0), GetNow(store));
    }

    [Fact]
    public void Pair_IdleExactlyTheTimeToLive_IsStillRemembered()
    {
        // The store measures idleness only with the instants it is given: one hour of them, not
        // the time the test took, decides.
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { PairTimeToLive = TimeSpan.FromHours(1) });
        Assert.True(RecordNow(store, "visitor", MessageMetric.Sent));

        Assert.True(RecordNow(store, "visitor", MessageMetric.Opened, Start + Duration.FromHours(1)));
        Assert.False(RecordNow(store, "visitor", MessageMetric.Sent, Start + Duration.FromHours(1)));
        Assert.Equal(new MessageMetrics(1, 1, 0), GetNow(store));
    }

    [Fact]
    public void Pair_CountedAtALaterInstantThanTheNextCall_KeepsTheLaterInstant()
    {
        // Nodes' calls may arrive out of order: an earlier instant never shortens a pair's life.
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { PairTimeToLive = TimeSpan.FromHours(1) });
        Assert.True(RecordNow(store, "visitor", MessageMetric.Sent, Start + Duration.FromMinutes(50)));
        Assert.False(RecordNow(store, "visitor", MessageMetric.Sent, Start));

        Assert.True(RecordNow(store, "visitor", MessageMetric.Opened, Start + Duration.FromMinutes(110)));
    }

    [Fact]
    public void Capacity_WhenExceeded_DropsTheLeastRecentlyUsedPairs_AndKeepsTheCounts()
    {
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { MaxPairs = 100 });
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
        var store = new InMemoryMetricsStore(new InMemoryMetricsStoreOptions());
        RecordNow(store, "visitor", MessageMetric.Sent);
        AllocationAssert.ZeroPerCall(() => !RecordNow(store, "visitor", MessageMetric.Sent));
    }

    [Fact]
    public void Options_WhenNotPositive_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { MaxPairs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryMetricsStore(new InMemoryMetricsStoreOptions { PairTimeToLive = TimeSpan.Zero }));
    }

    private static bool RecordNow(InMemoryMetricsStore store, string visitor, MessageMetric metric, Instant? now = null)
    {
        var task = store.RecordAsync("ws", "a", visitor, metric, now ?? Start, CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }

    private static MessageMetrics GetNow(InMemoryMetricsStore store)
    {
        var task = store.GetAsync("ws", "a", CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }
}
