using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>What the Redis stores cost on the server per visitor, measured with MEMORY USAGE (the figures in docs/redis.md).</summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisMemoryTests(RedisServers servers)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 9, 0);

    [Fact]
    public async Task MetricsStore_CostsLessThan120BytesPerCountedVisitor()
    {
        const int Visitors = 10_000;
        var workspace = $"memory-{Guid.NewGuid():N}";
        var store = new RedisMetricsStore(servers.Standalone);
        var token = TestContext.Current.CancellationToken;
        var counting = new List<Task>();
        for (var v = 0; v < Visitors; v++)
        {
            var visitor = $"{Guid.NewGuid()}";
            counting.Add(store.RecordAsync(workspace, "welcome", visitor, MessageMetric.Sent, Now, token).AsTask()
                .ContinueWith(_ => store.RecordAsync(workspace, "welcome", visitor, MessageMetric.Opened, Now, token).AsTask(), token, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap());
        }

        await Task.WhenAll(counting);

        var database = servers.Standalone.GetDatabase();
        var bytes = (long)await database.ExecuteAsync("MEMORY", "USAGE", $"pm:{{{workspace}:welcome}}:v", "SAMPLES", "0")
            + (long)await database.ExecuteAsync("MEMORY", "USAGE", $"pm:{{{workspace}:welcome}}:c", "SAMPLES", "0");
        var perVisitor = bytes / (double)Visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis metrics store: {perVisitor:F1} bytes per counted visitor (GUID visitor ids, sent and opened).");

        Assert.Equal(new MessageMetrics(Visitors, Visitors, 0), await store.GetAsync(workspace, "welcome", token));
        Assert.InRange(perVisitor, 1, 120);
    }

    [Fact]
    public async Task ExperimentStore_CostsLessThan280BytesPerExposedVisitor()
    {
        const int Visitors = 10_000;
        var workspace = $"memory-{Guid.NewGuid():N}";
        var store = new RedisExperimentStore(servers.Standalone);
        var token = TestContext.Current.CancellationToken;
        var counting = new List<Task>();
        for (var v = 0; v < Visitors; v++)
        {
            var visitor = $"{Guid.NewGuid()}";
            var arm = v % 2 == 0 ? "variant-a" : "variant-b";
            counting.Add(store.RecordExposureAsync(workspace, "welcome", arm, visitor, Now, token).AsTask()
                .ContinueWith(_ => store.RecordAsync(workspace, "welcome", visitor, ArmMetric.Converted, Now, Duration.FromDays(7), token).AsTask(), token, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap());
        }

        await Task.WhenAll(counting);

        var database = servers.Standalone.GetDatabase();
        var bytes = (long)await database.ExecuteAsync("MEMORY", "USAGE", $"pm:{{{workspace}:welcome}}:xv", "SAMPLES", "0")
            + (long)await database.ExecuteAsync("MEMORY", "USAGE", $"pm:{{{workspace}:welcome}}:xc", "SAMPLES", "0");
        var perVisitor = bytes / (double)Visitors;
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis experiment store: {perVisitor:F1} bytes per exposed visitor (GUID visitor ids, one arm, converted).");

        Assert.Equal(Visitors, (await store.GetAsync(workspace, "welcome", token)).Sum(static arm => arm.Converted));
        Assert.InRange(perVisitor, 1, 280);
    }

    [Fact]
    public async Task FrequencyStore_CostsLessThan320BytesForAVisitorSentThreeMessages()
    {
        var workspace = $"memory-{Guid.NewGuid():N}";
        var visitor = $"{Guid.NewGuid()}";
        var store = new RedisFrequencyStore(servers.Standalone);
        var policy = new FrequencyPolicy { LifetimeCap = 20, Windows = [new FatigueWindow(3, Duration.FromDays(1))] };
        var token = TestContext.Current.CancellationToken;
        string[] messages = ["welcome", "offer", "help"];
        for (var i = 0; i < messages.Length; i++)
        {
            var request = new ReservationRequest(workspace, visitor, $"{Guid.NewGuid()}", $"page-{i}", Now, new[] { new FrequencyCandidate(messages[i], MessageFrequency.EveryTime) }, policy);
            Assert.Equal(ReservationStatus.Reserved, (await store.TryReserveAsync(request, token)).Status);
            await store.RecordOutcomeAsync(workspace, visitor, request.VisitId, messages[i], VisitorOutcome.Dismissed, Now, token);
        }

        var bytes = (long)await servers.Standalone.GetDatabase().ExecuteAsync("MEMORY", "USAGE", $"pm:{{{workspace}:{visitor}}}:f", "SAMPLES", "0");
        TestContext.Current.TestOutputHelper?.WriteLine($"Redis frequency store: {bytes} bytes for a visitor sent three messages (GUID ids, one fatigue window).");

        Assert.InRange(bytes, 1, 320);
    }
}
