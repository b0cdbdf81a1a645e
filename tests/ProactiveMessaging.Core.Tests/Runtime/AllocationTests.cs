using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>With the in-memory stores, steady-state decisions that show nothing allocate nothing.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Decide_VisitorWhoseMessageIsFrequencyCapped_AllocatesNothing(bool hostIds)
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.Once));
        var visitorEvent = EngineHarness.Event("v1", harness.Visitor(), VisitorEventKind.Heartbeat, visitId: hostIds ? "s1" : null, pageViewId: hostIds ? "p1" : null);
        Assert.True((await harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token)).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed, hostIds ? "s1" : null);

        AssertAllocatesNothing(() => OutcomeOf(harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token)) == DecisionOutcome.FrequencyCapped);
    }

    [Theory]
    [InlineData(VisitorEventKind.Heartbeat, false)]
    [InlineData(VisitorEventKind.PageView, true)]
    public async Task Decide_NoConditionsMet_AllocatesNothing(VisitorEventKind kind, bool hostIds)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var visitorEvent = EngineHarness.Event("v1", harness.Visitor(EngineHarness.BlogUrl), kind, visitId: hostIds ? "s1" : null, pageViewId: hostIds ? "p1" : null);

        AssertAllocatesNothing(() => OutcomeOf(harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token)) == DecisionOutcome.NoConditionsMet);
    }

    [Theory]
    [InlineData("elsewhere", Snapshots.WebChannel, DecisionOutcome.WorkspaceNotLoaded)]
    [InlineData(EngineHarness.Workspace, "no-such-channel", DecisionOutcome.UnknownChannel)]
    public async Task Decide_WorkspaceNotLoadedOrUnknownChannel_AllocatesNothing(string workspaceId, string channelId, DecisionOutcome expected)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        var visitorEvent = EngineHarness.Event("v1", harness.Visitor(), channel: channelId) with { WorkspaceId = workspaceId };

        AssertAllocatesNothing(() => OutcomeOf(harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token)) == expected);
    }

    /// <summary>With the in-memory stores a decision completes synchronously; reads its outcome without awaiting.</summary>
    internal static DecisionOutcome OutcomeOf(ValueTask<Decision> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result.Outcome;
    }

    /// <summary>
    /// Of three rounds of many calls, the least allocating round allocates less than a tenth of a
    /// byte per call: nothing per call. The runtime itself may allocate a few hundred bytes on the
    /// thread now and then while other tests run (tiering, thread-pool bookkeeping); one byte per
    /// call would already show as the number of calls.
    /// </summary>
    internal static void AssertAllocatesNothing(Func<bool> decide, int calls = 20_000)
    {
        for (var i = 0; i < 500; i++)
        {
            Assert.True(decide());
        }

        var rounds = new long[3];
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
            {
                decide();
            }

            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(rounds.Min() < calls / 10, $"allocated {string.Join(", ", rounds)} bytes in rounds of {calls} decisions");
    }
}
