using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Storage;

/// <summary>What the in-memory experiment store adds to the contract: bounds, eviction, many arms and allocations.</summary>
public sealed class InMemoryExperimentStoreTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 3, 10, 0);

    [Fact]
    public void Defaults_RememberAnExposureForTheLongestConversionWindow()
    {
        Assert.Equal(ConversionGoal.MaxWindow.ToTimeSpan(), new InMemoryExperimentStoreOptions().ExposureTimeToLive);

        var store = new InMemoryExperimentStore();
        Assert.True(ExposeNow(store, "visitor", "red"));
        Assert.Equal("red", RecordNow(store, "visitor", ArmMetric.Converted, Start + ConversionGoal.MaxWindow, ConversionGoal.MaxWindow));
    }

    [Fact]
    public void Exposure_OlderThanTheTimeToLive_IsForgotten_AndCountsAgainWhenExposedAgain()
    {
        var store = new InMemoryExperimentStore(new InMemoryExperimentStoreOptions { ExposureTimeToLive = TimeSpan.FromDays(1) });
        Assert.True(ExposeNow(store, "visitor", "red"));
        var later = Start + Duration.FromDays(2);

        Assert.Null(RecordNow(store, "visitor", ArmMetric.Opened, later));
        Assert.True(ExposeNow(store, "visitor", "red", later));
        Assert.Equal("red", RecordNow(store, "visitor", ArmMetric.Opened, later));
        Assert.Equal([new ArmCounts("red", 2, 1, 0, 0)], GetNow(store));
    }

    [Fact]
    public void Exposure_ExactlyTheTimeToLiveOld_IsStillRemembered()
    {
        var store = new InMemoryExperimentStore(new InMemoryExperimentStoreOptions { ExposureTimeToLive = TimeSpan.FromDays(1) });
        Assert.True(ExposeNow(store, "visitor", "red"));

        Assert.Equal("red", RecordNow(store, "visitor", ArmMetric.Converted, Start + Duration.FromDays(1), Duration.FromDays(7)));
        Assert.False(ExposeNow(store, "visitor", "red", Start + Duration.FromDays(1)));
    }

    [Fact]
    public void Exposure_RecordedWithAnEarlierInstantThanTheLatest_KeepsTheLatest()
    {
        // Nodes' calls may arrive out of order: an earlier instant never moves the window back.
        var store = new InMemoryExperimentStore();
        Assert.True(ExposeNow(store, "visitor", "red", Start + Duration.FromDays(3)));
        Assert.False(ExposeNow(store, "visitor", "red", Start));

        Assert.Equal("red", RecordNow(store, "visitor", ArmMetric.Converted, Start + Duration.FromDays(4), Duration.FromDays(1)));
    }

    [Fact]
    public void Capacity_WhenExceeded_DropsTheOldestExposures_AndKeepsTheCounts()
    {
        var store = new InMemoryExperimentStore(new InMemoryExperimentStoreOptions { MaxExposures = 100 });
        for (var i = 0; i < 100; i++)
        {
            ExposeNow(store, $"visitor-{i}", "red", Start + Duration.FromSeconds(i));
        }

        // visitor-0 exposed again: now the most recent.
        ExposeNow(store, "visitor-0", "red", Start + Duration.FromSeconds(200));
        ExposeNow(store, "visitor-100", "red", Start + Duration.FromSeconds(201));

        Assert.Equal(90, store.ExposureCount);
        Assert.Equal("red", RecordNow(store, "visitor-0", ArmMetric.Opened, Start + Duration.FromSeconds(202)));
        Assert.Null(RecordNow(store, "visitor-1", ArmMetric.Opened, Start + Duration.FromSeconds(202)));
        Assert.Equal([new ArmCounts("red", 101, 1, 0, 0)], GetNow(store));
    }

    [Fact]
    public void Visitor_MovedThroughMoreArmsThanOneWordHolds_IsCountedOncePerArm()
    {
        // A message edited many times: arms past the 16th are kept in the record's overflow.
        var store = new InMemoryExperimentStore();
        for (var round = 0; round < 2; round++)
        {
            for (var arm = 0; arm < 40; arm++)
            {
                var armId = $"arm-{arm:D2}";
                Assert.Equal(round == 0, ExposeNow(store, "visitor", armId));
                Assert.Equal(round == 0 ? armId : null, RecordNow(store, "visitor", ArmMetric.Opened));
            }
        }

        var counts = GetNow(store);
        Assert.Equal(40, counts.Length);
        Assert.All(counts, static c => Assert.Equal((1L, 1L), (c.Visitors, c.Opened)));
    }

    [Fact]
    public void RecordExposureAndRecord_ForAKnownVisitorAndArm_AllocateNothing()
    {
        var store = new InMemoryExperimentStore();
        ExposeNow(store, "visitor", "red");
        RecordNow(store, "visitor", ArmMetric.Opened);

        AllocationAssert.ZeroPerCall(() => !ExposeNow(store, "visitor", "red"));
        AllocationAssert.ZeroPerCall(() => RecordNow(store, "visitor", ArmMetric.Opened) is null);
        AllocationAssert.ZeroPerCall(() => RecordNow(store, "unknown", ArmMetric.Converted, Start, Duration.FromDays(7)) is null);
    }

    [Fact]
    public void Options_WhenNotPositive_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryExperimentStore(new InMemoryExperimentStoreOptions { MaxExposures = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryExperimentStore(new InMemoryExperimentStoreOptions { ExposureTimeToLive = TimeSpan.Zero }));
        Assert.Throws<ArgumentNullException>(() => new InMemoryExperimentStore(null!));
    }

    private static bool ExposeNow(InMemoryExperimentStore store, string visitor, string arm, Instant? now = null)
    {
        var task = store.RecordExposureAsync("ws", "a", arm, visitor, now ?? Start, CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }

    private static string? RecordNow(InMemoryExperimentStore store, string visitor, ArmMetric metric, Instant? now = null, Duration? window = null)
    {
        var task = store.RecordAsync("ws", "a", visitor, metric, now ?? Start, window ?? Duration.FromDays(7), CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }

    private static ImmutableArray<ArmCounts> GetNow(InMemoryExperimentStore store)
    {
        var task = store.GetAsync("ws", "a", CancellationToken.None);
        return task.IsCompletedSuccessfully ? task.Result : throw new InvalidOperationException("The store did not complete synchronously.");
    }
}
