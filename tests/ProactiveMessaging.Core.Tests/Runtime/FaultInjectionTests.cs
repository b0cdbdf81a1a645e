using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>A failing or hanging store never reaches the host as an exception: the engine fails closed.</summary>
public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThrowingFrequencyStore_DecisionIsStoreUnavailable_AndOutcomesAreNotRecorded(bool faultedTask)
    {
        var store = new ThrowingFrequencyStore(faultedTask);
        using var harness = new EngineHarness(frequencyStore: store);
        var message = await harness.PublishAsync(EngineHarness.Agent());

        var decision = await harness.ViewAsync("v1");
        var outcome = await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);

        Assert.Equal(DecisionOutcome.StoreUnavailable, decision.Outcome);
        Assert.Null(decision.Message);
        Assert.Equal(OutcomeRecording.StoreUnavailable, outcome);
        Assert.Equal(2, store.Calls);
        Assert.Equal(MessageMetrics.Zero, await harness.MetricsAsync(message.Id));
    }

    [Fact]
    public async Task HangingFrequencyStore_DecisionIsStoreUnavailableAtTheDeadline()
    {
        var store = new HangingFrequencyStore();
        using var harness = new EngineHarness(new ProactiveMessagingOptions { StoreTimeout = TimeSpan.FromMilliseconds(100) }, frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent());

        var pending = harness.ViewAsync("v1").AsTask();
        harness.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(pending.IsCompleted);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(DecisionOutcome.StoreUnavailable, (await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token)).Outcome);
        store.Release();
    }

    [Fact]
    public async Task HangingFrequencyStore_OutcomeIsStoreUnavailableAtTheDeadline()
    {
        var store = new HangingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var message = await harness.PublishAsync(EngineHarness.Agent());

        var pending = harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed).AsTask();
        harness.Time.Advance(ProactiveMessagingDefaults.StoreTimeout);

        Assert.Equal(OutcomeRecording.StoreUnavailable, await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token));
        store.Release();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LateReservation_ThatLandsAfterTheEngineStoppedWaiting_IsReleased_SoTheVisitIsNotBlocked(bool callerCancels)
    {
        var store = new HangingFrequencyStore(ignoresCancellation: true);
        using var harness = new EngineHarness(frequencyStore: store);
        var once = await harness.PublishAsync(EngineHarness.Agent("Once", MessageFrequency.Once, priority: 2));
        var everyTime = await harness.PublishAsync(EngineHarness.Agent("Every time", MessageFrequency.EveryTime, priority: 1));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(EngineHarness.Token);

        // The engine stops waiting (its deadline, or the caller's cancellation), then the store
        // reserves "Once" for the visitor, who was never shown it.
        var pending = harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor()), cancellation.Token).AsTask();
        if (callerCancels)
        {
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token));
        }
        else
        {
            harness.Time.Advance(ProactiveMessagingDefaults.StoreTimeout);
            Assert.Equal(DecisionOutcome.StoreUnavailable, (await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token)).Outcome);
        }

        store.Release();

        // Unreleased, "Once" would count as showing for the rest of the visit: every later event
        // would be AnotherMessageShowing. The late answer and the release land on the thread pool:
        // wait for both (the release never comes without the fix; then the next check fails).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((store.ReservationsAnswered < 1 || store.OutcomesAnswered < 1) && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10, EngineHarness.Token);
        }

        Assert.Equal(everyTime.Id, (await harness.HeartbeatAsync("v1")).Message?.MessageId);

        // The late send stays recorded: the visitor misses "Once" rather than risk seeing it twice,
        // and it was never counted as sent.
        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", everyTime.Id, VisitorOutcome.Dismissed));
        Assert.Equal(everyTime.Id, (await harness.ViewAsync("v1")).Message?.MessageId);
        Assert.Equal(MessageMetrics.Zero, await harness.MetricsAsync(once.Id));
    }

    [Fact]
    public async Task SlowFrequencyStore_AnsweringInTime_GivesItsDecision()
    {
        var store = new HangingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var message = await harness.PublishAsync(EngineHarness.Agent());

        var pending = harness.ViewAsync("v1").AsTask();
        harness.Time.Advance(TimeSpan.FromMilliseconds(200));
        store.Release();

        var decision = await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token);
        Assert.Equal(message.Id, decision.Message!.MessageId);
        Assert.Equal(1, (await harness.MetricsAsync(message.Id)).Sent);
    }

    [Fact]
    public async Task ThrowingMetricsStore_StillShowsTheMessage_ButOutcomesReportTheStoreUnavailable()
    {
        using var harness = new EngineHarness(metricsStore: new FaultyMetricsStore(hang: false));
        var message = await harness.PublishAsync(EngineHarness.Agent());

        // The send is already recorded by the frequency store: showing it keeps the two consistent.
        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(OutcomeRecording.StoreUnavailable, await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened));
        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.WindowClosed));
    }

    [Fact]
    public async Task HangingMetricsStore_ShowsTheMessageAtTheDeadline()
    {
        using var harness = new EngineHarness(metricsStore: new FaultyMetricsStore(hang: true));
        await harness.PublishAsync(EngineHarness.Agent());

        var pending = harness.ViewAsync("v1").AsTask();
        harness.Time.Advance(ProactiveMessagingDefaults.StoreTimeout);

        Assert.Equal(DecisionOutcome.Show, (await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token)).Outcome);
    }

    public static TheoryData<int, int> BadAnswers => new()
    {
        // An unknown status.
        { 99, 0 },
        // A reservation of a candidate that was not offered.
        { (int)ReservationStatus.Reserved, 5 },
        { (int)ReservationStatus.Reserved, -1 },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task FrequencyStoreWithANonsenseAnswer_DecisionIsStoreUnavailable(int status, int index)
    {
        using var harness = new EngineHarness(frequencyStore: new ScriptedFrequencyStore(new ReservationResult((ReservationStatus)status, index)));
        await harness.PublishAsync(EngineHarness.Agent());

        Assert.Equal(DecisionOutcome.StoreUnavailable, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task CallersOwnCancellation_IsTheOnlyExceptionAndItIsThrown()
    {
        using var harness = new EngineHarness(frequencyStore: new HangingFrequencyStore());
        await harness.PublishAsync(EngineHarness.Agent());
        using var cancellation = new CancellationTokenSource();

        var pending = harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor()), cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token));
    }

    [Fact]
    public async Task PlansSwappedWhileTheStoreAnswers_TheDecisionShowsTheMessageTheStoreReserved()
    {
        // The old plan has the web channel open, with a business-hours message first; the new plan
        // (a later version, the same messages) has no schedule, so it would skip that message.
        var store = new HangingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var inHours = await harness.PublishAsync(EngineHarness.Agent("In hours", MessageFrequency.EveryTime, priority: 2, timing: MessageTiming.BusinessHours));
        var anytime = await harness.PublishAsync(EngineHarness.Agent("Anytime", MessageFrequency.EveryTime, priority: 1));
        var current = harness.Catalog.GetLiveSet(EngineHarness.Workspace);

        var pending = harness.ViewAsync("v1").AsTask();
        var newer = LiveMessageSet.Build(EngineHarness.Workspace, current.Version + 1, [inHours, anytime]);
        Assert.Empty(harness.Engine.ApplyLiveSet(newer, Snapshots.Healthy with { DefaultScheduleId = null }));
        store.Release();

        var decision = await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token);
        Assert.Equal(inHours.Id, decision.Message!.MessageId);
        Assert.Equal(new MessageMetrics(1, 0, 0), await harness.MetricsAsync(inHours.Id));
        Assert.Equal(MessageMetrics.Zero, await harness.MetricsAsync(anytime.Id));
    }
}
