using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using ProactiveMessaging.Diagnostics;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Many threads deciding and recording at once: counts stay exact, rules hold, plans swap whole.</summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;
    private const int Events = 100_000;
    private const int Visitors = 10_000;

    [Fact]
    public async Task EightThreads_100000EventsFor10000Visitors_CountExactlyAndSendOnceMessagesAtMostOnce()
    {
        using var harness = new EngineHarness();
        ProactiveMessage[] messages =
        [
            await harness.PublishAsync(EngineHarness.Agent("Once", MessageFrequency.Once, priority: 3)),
            await harness.PublishAsync(EngineHarness.Agent("Per visit", MessageFrequency.OncePerVisit, priority: 2)),
            await harness.PublishAsync(EngineHarness.Agent("Every time", MessageFrequency.EveryTime, priority: 1)),
        ];
        using var decisions = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        using var sentCounter = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Sent);
        var visitorIds = Enumerable.Range(0, Visitors).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        string[] visitIds = ["s1", "s2"];
        var shows = new int[Visitors * messages.Length];
        var opened = new int[Visitors * messages.Length];
        var replied = new int[Visitors * messages.Length];
        var unexpected = 0;

        var workers = Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
        {
            var random = new Random(thread);
            var visitor = harness.Visitor();
            for (var i = 0; i < Events / Threads; i++)
            {
                var v = random.Next(Visitors);
                var visitId = visitIds[random.Next(visitIds.Length)];
                var kind = random.Next(3) == 0 ? VisitorEventKind.Heartbeat : VisitorEventKind.PageView;
                var decision = await harness.Engine.DecideAsync(EngineHarness.Event(visitorIds[v], visitor, kind, visitId: visitId), EngineHarness.Token);
                if (decision.Outcome is DecisionOutcome.StoreUnavailable or DecisionOutcome.InvalidEvent or DecisionOutcome.UnknownChannel)
                {
                    Interlocked.Increment(ref unexpected);
                }

                if (!decision.ShouldShow)
                {
                    continue;
                }

                var m = Array.FindIndex(messages, message => message.Id == decision.Message!.MessageId);
                var slot = (v * messages.Length) + m;
                Interlocked.Increment(ref shows[slot]);
                var outcome = random.Next(3) switch
                {
                    0 => VisitorOutcome.Dismissed,
                    1 => VisitorOutcome.WindowClosed,
                    _ => VisitorOutcome.Opened,
                };
                if (await harness.OutcomeAsync(visitorIds[v], messages[m].Id, outcome, visitId) != OutcomeRecording.Recorded)
                {
                    Interlocked.Increment(ref unexpected);
                }

                if (outcome == VisitorOutcome.Opened)
                {
                    Volatile.Write(ref opened[slot], 1);
                    if (random.Next(2) == 0)
                    {
                        await harness.OutcomeAsync(visitorIds[v], messages[m].Id, VisitorOutcome.Replied, visitId);
                        Volatile.Write(ref replied[slot], 1);
                    }
                }
            }
        }, EngineHarness.Token)).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(0, unexpected);
        Assert.Equal(Events, decisions.GetMeasurementSnapshot().EvaluateAsCounter());
        for (var v = 0; v < Visitors; v++)
        {
            Assert.True(shows[v * messages.Length] <= 1, $"visitor {v} was sent the Once message {shows[v * messages.Length]} times");
        }

        long totalSent = 0;
        for (var m = 0; m < messages.Length; m++)
        {
            var expected = new MessageMetrics(
                Sent: CountVisitors(shows, m, messages.Length),
                Opened: CountVisitors(opened, m, messages.Length),
                Replied: CountVisitors(replied, m, messages.Length));
            Assert.Equal(expected, await harness.MetricsAsync(messages[m].Id));
            totalSent += expected.Sent;
        }

        Assert.True(totalSent > Visitors, $"only {totalSent} sends: the test exercised too little");
        Assert.Equal(totalSent, sentCounter.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyLiveSet_WhileADecisionWaitsForTheStore_TheDecisionShowsTheCandidateTheStoreReserved(bool startWithBusinessHours)
    {
        // With the web channel's business hours the in-hours message comes first; without them only
        // the anytime message qualifies. The decision is held inside the store while a plan of the
        // other message alone (so plan positions differ) is applied: it must show the candidate the
        // store picked from the plan the decision started with, and the next decision uses the new
        // plan. The gate makes the interleaving certain.
        var store = new GatedStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var inHours = await harness.PublishAsync(EngineHarness.Agent("In hours", MessageFrequency.EveryTime, priority: 2, timing: MessageTiming.BusinessHours));
        var anytime = await harness.PublishAsync(EngineHarness.Agent("Anytime", MessageFrequency.EveryTime, priority: 1));
        var version = harness.Catalog.GetLiveSet(EngineHarness.Workspace).Version;
        WorkspaceSnapshot withHours = Snapshots.Healthy, withoutHours = Snapshots.Healthy with { DefaultScheduleId = null };
        harness.Engine.ApplyLiveSet(LiveMessageSet.Build(EngineHarness.Workspace, version + 1, [inHours, anytime]), startWithBusinessHours ? withHours : withoutHours);
        var first = startWithBusinessHours ? inHours.Id : anytime.Id;
        var afterSwap = startWithBusinessHours ? anytime : inHours;
        store.Hold = true;

        var held = harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(), visitId: "s", pageViewId: "p"), EngineHarness.Token).AsTask();
        Assert.Same(store.Entered.Task, await Task.WhenAny(store.Entered.Task, held));
        harness.Engine.ApplyLiveSet(LiveMessageSet.Build(EngineHarness.Workspace, version + 2, [afterSwap]), startWithBusinessHours ? withoutHours : withHours);
        store.Release();
        var decision = await held;

        Assert.Equal(first, store.Offered[0]);
        Assert.True(decision.ShouldShow, decision.Outcome.ToString());
        Assert.Equal(first, decision.Message!.MessageId);

        var next = await harness.Engine.DecideAsync(EngineHarness.Event("v2", harness.Visitor(), visitId: "s", pageViewId: "p"), EngineHarness.Token);
        Assert.Equal(afterSwap.Id, store.Offered[1]);
        Assert.Equal(afterSwap.Id, next.Message?.MessageId);
    }

    private static long CountVisitors(int[] flags, int message, int messages)
    {
        long count = 0;
        for (var i = message; i < flags.Length; i += messages)
        {
            if (flags[i] > 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Reserves the first candidate every time and records which one it was; while <see cref="Hold"/>
    /// is set, a reservation waits (after <see cref="Entered"/> completes) until <see cref="Release"/>.
    /// </summary>
    private sealed class GatedStore : IFrequencyStore
    {
        private readonly TaskCompletionSource<ReservationResult> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Hold { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Offered { get; } = [];

        public void Release()
        {
            Hold = false;
            _gate.SetResult(Reserved);
        }

        private static ReservationResult Reserved => new(ReservationStatus.Reserved, 0);

        public ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
        {
            Offered.Add(request.Candidates.Span[0].MessageId);
            if (!Hold)
            {
                return new ValueTask<ReservationResult>(Reserved);
            }

            Entered.SetResult();
            return new ValueTask<ReservationResult>(_gate.Task);
        }

        public ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken) =>
            new([.. Enumerable.Repeat(ReservationStatus.Reserved, request.Candidates.Length)]);

        public ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken) =>
            new(true);
    }
}
