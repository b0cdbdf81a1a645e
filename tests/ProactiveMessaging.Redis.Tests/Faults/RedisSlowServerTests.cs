using System.Diagnostics;
using System.Globalization;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests.Faults;

/// <summary>
/// A server slower than the engine's deadline: decisions answer "store unavailable" by the
/// deadline, and the reservations that land afterwards are applied once and released, so that the
/// next decision is right.
/// </summary>
[Collection(nameof(RedisFaultTests))]
public sealed class RedisSlowServerTests(PrivateRedisServer server) : IClassFixture<PrivateRedisServer>
{
    private const int Visitors = 20;

    // Longer than the deadline, shorter than the connection's async time-out: the late answers
    // reach the engine, which can then release them.
    private const int PauseMilliseconds = 1_500;

    private static readonly TimeSpan LatencyBound = FaultNode.StoreTimeout + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ServerSlowerThanTheDeadline_DecisionsAreStoreUnavailableByTheDeadline_AndTheLateReservationsAreAppliedOnceAndReleased()
    {
        await server.StartAsync();
        await using var node = await FaultNode.CreateAsync(server);
        await using var admin = await server.ConnectAdminAsync();
        var once = await node.PublishAsync("Welcome", MessageFrequency.Once, priority: 2);
        var everyTime = await node.PublishAsync("Help", MessageFrequency.EveryTime, priority: 1);
        var token = TestContext.Current.CancellationToken;
        var visitors = Enumerable.Range(0, Visitors).Select(i => string.Create(CultureInfo.InvariantCulture, $"slow-{i}")).ToArray();

        // Write commands (the stores' scripts among them) wait on the server until the pause ends.
        var paused = Stopwatch.StartNew();
        await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", PauseMilliseconds, "WRITE");
        var slow = await Task.WhenAll(visitors.Select(v => node.DecideAsync(node.View(v, "visit", "page-1"))));
        var pausedFor = paused.Elapsed;

        var worst = slow.Max(t => t.Latency);
        Assert.All(slow, t => Assert.Equal(DecisionOutcome.StoreUnavailable, t.Decision.Outcome));
        Assert.True(worst <= LatencyBound, $"The worst decision took {worst.TotalMilliseconds} ms.");
        Assert.True(pausedFor < TimeSpan.FromMilliseconds(PauseMilliseconds), "The decisions were not made while the server was paused: the test proves nothing.");

        // The server answers: the late reservations of "Welcome" land (one script each, applied
        // once), and the engine records each as dismissed so that it does not block the visit.
        await WaitUntilAsync(() => paused.Elapsed > TimeSpan.FromMilliseconds(PauseMilliseconds) && node.Outstanding() == 0, token);
        var landed = 0;
        foreach (var visitor in visitors)
        {
            var next = await WaitForAnswerAsync(node, visitor, token);
            Assert.Equal(everyTime, next.Decision.Message?.MessageId);
            landed++;
        }

        var unblockedAfter = paused.Elapsed - TimeSpan.FromMilliseconds(PauseMilliseconds);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Slow server (CLIENT PAUSE {PauseMilliseconds} ms WRITE): {Visitors} decisions, all StoreUnavailable, worst latency {worst.TotalMilliseconds:F1} ms (deadline {FaultNode.StoreTimeout.TotalMilliseconds} ms).
              every visitor shown the next message in the same visit {unblockedAfter.TotalMilliseconds:F0} ms after the pause ended; "Welcome" landed late for {landed} visitors (it is never offered to them again) and was released for each
            """));

        // "Welcome" was reserved for each visitor but never shown: never counted, and never
        // offered again (the visitor misses it rather than risk seeing it twice).
        Assert.Equal(0, (await node.MetricsAsync(once)).Sent);
        Assert.Equal(Visitors, (await node.MetricsAsync(everyTime)).Sent);
        foreach (var visitor in visitors)
        {
            await node.OutcomeAsync(visitor, "visit", everyTime, VisitorOutcome.Dismissed);
            Assert.Equal(everyTime, (await node.DecideAsync(node.View(visitor, "visit", "page-2"))).Decision.Message?.MessageId);
        }
    }

    /// <summary>Heartbeats in the slow decision's page view until the answer is no longer "another message showing" (the release still on its way).</summary>
    private static async Task<FaultNode.Timed> WaitForAnswerAsync(FaultNode node, string visitor, CancellationToken token)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var next = await node.DecideAsync(node.View(visitor, "visit", "page-1", VisitorEventKind.Heartbeat));
            if (next.Decision.Outcome != DecisionOutcome.AnotherMessageShowing || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return next;
            }

            await Task.Delay(20, token);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken token)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, token);
        }
    }
}
