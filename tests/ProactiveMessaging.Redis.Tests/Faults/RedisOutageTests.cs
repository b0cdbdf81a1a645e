using System.Globalization;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Redis.Tests.Faults;

/// <summary>
/// Redis away: every decision that needs the store is "store unavailable" within the engine's
/// deadline, nothing reaches the caller as an exception, and the connection piles nothing up.
/// </summary>
[Collection(nameof(RedisFaultTests))]
public sealed class RedisOutageTests(PrivateRedisServer server) : IClassFixture<PrivateRedisServer>
{
    private const int Callers = 4;
    private const int DecisionsPerCaller = 100;

    // Generous: a fault test, not a speed test, on a machine shared with other builds.
    private static readonly TimeSpan LatencyBound = FaultNode.StoreTimeout + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Outage_EveryDecisionIsStoreUnavailableWithinTheDeadline_NothingThrows_AndNoBacklogGrows()
    {
        await server.StartAsync();
        await using var node = await FaultNode.CreateAsync(server);
        var message = await node.PublishAsync("Welcome", MessageFrequency.Once, priority: 1);
        Assert.Equal(DecisionOutcome.Show, (await node.DecideAsync(node.View("before", "visit", "page"))).Decision.Outcome);

        server.Kill();
        var latencies = new List<TimeSpan>();
        var outcomes = new List<OutcomeRecording>();
        long mostOutstanding = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < DecisionsPerCaller; i++)
            {
                var visitor = string.Create(CultureInfo.InvariantCulture, $"v{caller}-{i}");
                var timed = await node.DecideAsync(node.View(visitor, "visit", "page"));
                var outcome = await node.OutcomeAsync(visitor, "visit", message, VisitorOutcome.Opened);
                var outstanding = node.Outstanding();
                lock (latencies)
                {
                    Assert.Equal(DecisionOutcome.StoreUnavailable, timed.Decision.Outcome);
                    latencies.Add(timed.Latency);
                    outcomes.Add(outcome);
                    mostOutstanding = Math.Max(mostOutstanding, outstanding);
                }
            }
        }, TestContext.Current.CancellationToken)));

        latencies.Sort();
        var worst = latencies[^1];
        var median = latencies[latencies.Count / 2];
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Outage: {latencies.Count} decisions by {Callers} callers, all StoreUnavailable; latency median {median.TotalMilliseconds:F1} ms, worst {worst.TotalMilliseconds:F1} ms (deadline {FaultNode.StoreTimeout.TotalMilliseconds} ms); most commands outstanding in the multiplexer {mostOutstanding}.");

        Assert.All(outcomes, outcome => Assert.Equal(OutcomeRecording.StoreUnavailable, outcome));
        Assert.True(worst <= LatencyBound, $"The worst decision took {worst.TotalMilliseconds} ms.");

        // Failing fast: a command made while the connection is down throws at once instead of
        // waiting in a backlog, so at most the callers' own calls in flight are outstanding.
        Assert.True(mostOutstanding <= 2 * Callers, $"{mostOutstanding} commands were outstanding during the outage.");
        Assert.Equal(0, node.Outstanding());
    }

    [Fact]
    public async Task NodeStartedWhileRedisIsDown_DecidesStoreUnavailable_ThenRecoversByItselfWhenRedisStarts()
    {
        await server.StartAsync();
        server.Kill();

        // The connection is returned at once (abortConnect off) and keeps trying in the background.
        await using var node = await FaultNode.CreateAsync(server);
        Assert.False(node.Connection.IsConnected);
        await node.PublishAsync("Welcome", MessageFrequency.EveryTime, priority: 1);
        var down = await node.DecideAsync(node.View("early", "visit", "page"));
        Assert.Equal(DecisionOutcome.StoreUnavailable, down.Decision.Outcome);
        Assert.True(down.Latency <= LatencyBound, $"The decision took {down.Latency.TotalMilliseconds} ms.");

        await server.StartAsync();
        var recovery = await RecoveryAsync(node, TimeSpan.FromSeconds(15));

        TestContext.Current.TestOutputHelper?.WriteLine($"A node started while Redis was down showed a message {recovery.TotalMilliseconds:F0} ms after the server started.");
        Assert.True(recovery <= TimeSpan.FromSeconds(10), $"The node took {recovery.TotalMilliseconds} ms to recover.");
    }

    /// <summary>Decides every 50 ms until a message is shown; returns how long that took.</summary>
    internal static async Task<TimeSpan> RecoveryAsync(FaultNode node, TimeSpan limit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; waited.Elapsed < limit; i++)
        {
            var timed = await node.DecideAsync(node.View(string.Create(CultureInfo.InvariantCulture, $"recovery-{Guid.NewGuid():N}"), "visit", "page"));
            if (timed.Decision.Outcome == DecisionOutcome.Show)
            {
                return waited.Elapsed;
            }

            Assert.Equal(DecisionOutcome.StoreUnavailable, timed.Decision.Outcome);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"No message was shown within {limit.TotalSeconds} s of the server starting.");
        return limit;
    }
}

/// <summary>The fault tests run one class at a time: each kills or pauses its own server, and their figures should not compete for the machine's two cores with each other.</summary>
[CollectionDefinition(nameof(RedisFaultTests), DisableParallelization = true)]
public sealed class RedisFaultTests;
