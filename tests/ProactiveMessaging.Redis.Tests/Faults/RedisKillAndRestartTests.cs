using System.Diagnostics;
using System.Globalization;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Redis.Tests.Faults;

/// <summary>
/// The server killed (SIGKILL) in the middle of a run of several callers and many visitors, then
/// started again: the engine recovers without a new provider, and what each server lifetime
/// guarantees holds.
/// </summary>
/// <remarks>
/// The server runs without persistence, as a cache-only deployment would: the restarted server has
/// lost every visitor's state and every count. So a <c>Once</c> message may be shown again to a
/// visitor after the restart, and the counts start again from zero; what holds is that within one
/// server lifetime no visitor is shown a <c>Once</c> message twice, and that the counts after the
/// restart count each visitor at most once.
/// </remarks>
[Collection(nameof(RedisFaultTests))]
public sealed class RedisKillAndRestartTests(PrivateRedisServer server) : IClassFixture<PrivateRedisServer>
{
    private const int Callers = 4;
    private const int Visitors = 1_000;

    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan LatencyBound = FaultNode.StoreTimeout + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task KillAndRestart_MidRun_EngineRecoversByItself_OnceHoldsWithinEachServerLifetime_AndNothingIsCountedTwice()
    {
        await server.StartAsync();
        await using var node = await FaultNode.CreateAsync(server);
        var once = await node.PublishAsync("Welcome", MessageFrequency.Once, priority: 2);
        var everyTime = await node.PublishAsync("Help", MessageFrequency.EveryTime, priority: 1);
        var token = TestContext.Current.CancellationToken;

        var records = new List<Record>();
        long killedAt = 0, restartingAt = 0, restartedAt = 0, mostOutstandingWhileDown = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var random = new Random(caller);
            var pageViews = 0;
            var mine = new List<Record>();
            while (!stop.IsCancellationRequested)
            {
                var visitor = string.Create(CultureInfo.InvariantCulture, $"v{random.Next(Visitors)}");
                var started = Stopwatch.GetTimestamp();
                var timed = await node.DecideAsync(node.View(visitor, "visit", string.Create(CultureInfo.InvariantCulture, $"p{caller}-{pageViews++}")));
                mine.Add(new Record(visitor, timed.Decision.Outcome, timed.Decision.Message?.MessageId, started, timed.EndedAt, timed.Latency));
                if (timed.Decision.Message is { } shown)
                {
                    // Ends the showing, so that the visitor's next page view can be shown something.
                    await node.OutcomeAsync(visitor, "visit", shown.MessageId, VisitorOutcome.Opened);
                }

                if (Volatile.Read(ref killedAt) != 0 && Volatile.Read(ref restartingAt) == 0)
                {
                    InterlockedMax(ref mostOutstandingWhileDown, node.Outstanding());
                }

                await Task.Delay(1, CancellationToken.None);
            }

            lock (records)
            {
                records.AddRange(mine);
            }
        }, token)).ToArray();

        await Task.Delay(Phase, token);
        server.Kill();
        Volatile.Write(ref killedAt, Stopwatch.GetTimestamp());
        await Task.Delay(Phase, token);
        Volatile.Write(ref restartingAt, Stopwatch.GetTimestamp());
        await server.StartAsync();
        Volatile.Write(ref restartedAt, Stopwatch.GetTimestamp());

        // The callers go on until the connection is back, and one more phase after that.
        var waited = Stopwatch.StartNew();
        while (!node.Connection.IsConnected && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(20, token);
        }

        await Task.Delay(Phase, token);
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var before = records.Where(r => r.EndedAt < killedAt).ToList();
        var down = records.Where(r => r.StartedAt > killedAt && r.EndedAt < restartingAt).ToList();
        var after = records.Where(r => r.StartedAt >= restartedAt).ToList();
        var firstShownAfter = after.Where(r => r.Outcome == DecisionOutcome.Show).MinBy(r => r.EndedAt);
        var recovery = firstShownAfter is null ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(restartedAt, firstShownAfter.EndedAt);
        var sentOnce = await node.MetricsAsync(once);
        var sentEveryTime = await node.MetricsAsync(everyTime);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Kill and restart: {records.Count} decisions by {Callers} callers over {Visitors} visitors.
              before the kill: {before.Count} decisions, {before.Count(r => r.Outcome == DecisionOutcome.Show)} shown
              server down: {down.Count} decisions, {down.Count(r => r.Outcome == DecisionOutcome.StoreUnavailable)} StoreUnavailable, worst latency {down.Max(r => r.Latency).TotalMilliseconds:F1} ms, median {Median(down).TotalMilliseconds:F1} ms; most commands outstanding {mostOutstandingWhileDown}
              after the restart: {after.Count} decisions, {after.Count(r => r.Outcome == DecisionOutcome.StoreUnavailable)} StoreUnavailable, {after.Count(r => r.Outcome == DecisionOutcome.Show)} shown; first message shown {recovery.TotalMilliseconds:F0} ms after the server answered
              StoreUnavailable in all: {records.Count(r => r.Outcome == DecisionOutcome.StoreUnavailable)}
              counts on the restarted server: "Welcome" {sentOnce}, "Help" {sentEveryTime}
            """));

        // The run really went through each phase.
        Assert.Contains(before, r => r.MessageId == once);
        Assert.NotEmpty(down);

        // While down: every decision was "store unavailable", within the deadline.
        Assert.All(down, r => Assert.Equal(DecisionOutcome.StoreUnavailable, r.Outcome));
        Assert.True(down.Max(r => r.Latency) <= LatencyBound, $"The worst decision while down took {down.Max(r => r.Latency).TotalMilliseconds} ms.");
        Assert.True(mostOutstandingWhileDown <= 2 * Callers, $"{mostOutstandingWhileDown} commands were outstanding while the server was down.");

        // Recovered without a new provider or connection.
        Assert.True(recovery <= TimeSpan.FromSeconds(10), $"The first message after the restart was shown {recovery.TotalMilliseconds} ms after it.");

        // Within one server lifetime, "Welcome" (Once) at most once per visitor.
        AssertShownAtMostOnce(before, once);
        AssertShownAtMostOnce(after, once);

        // The counts on the restarted server: every visitor shown "Welcome" after the restart is
        // counted, once; the only others that may count are visitors whose decision was in flight
        // at the restart.
        var shownAfter = DistinctShown(after, once);
        var shownSinceTheKill = DistinctShown(records.Where(r => r.EndedAt >= killedAt), once);
        Assert.InRange(sentOnce.Sent, shownAfter, shownSinceTheKill);
        Assert.InRange(sentEveryTime.Sent, DistinctShown(after, everyTime), DistinctShown(records.Where(r => r.EndedAt >= killedAt), everyTime));
        Assert.True(sentOnce.Opened <= sentOnce.Sent && sentEveryTime.Opened <= sentEveryTime.Sent);
    }

    private static void AssertShownAtMostOnce(IEnumerable<Record> records, string messageId)
    {
        var twice = records.Where(r => r.MessageId == messageId).GroupBy(r => r.Visitor).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"Shown twice in one server lifetime to {twice.Count} visitors, such as {twice.FirstOrDefault()}.");
    }

    private static long DistinctShown(IEnumerable<Record> records, string messageId) =>
        records.Where(r => r.MessageId == messageId).Select(r => r.Visitor).Distinct(StringComparer.Ordinal).Count();

    private static TimeSpan Median(List<Record> records)
    {
        var latencies = records.Select(r => r.Latency).Order().ToList();
        return latencies.Count == 0 ? TimeSpan.Zero : latencies[latencies.Count / 2];
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }

    private sealed record Record(string Visitor, DecisionOutcome Outcome, string? MessageId, long StartedAt, long EndedAt, TimeSpan Latency);
}
