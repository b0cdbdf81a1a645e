using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>The hot path asks the frequency store once per event with a candidate, never otherwise, and gives it the engine's clock.</summary>
public sealed class StoreRoundTripTests
{
    [Fact]
    public async Task Decide_EventWithCandidates_MakesOneRoundTripWithAllOfThemInPriorityOrder()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var low = await harness.PublishAsync(EngineHarness.Agent("Low", priority: 1));
        var high = await harness.PublishAsync(EngineHarness.Agent("High", priority: 3));
        var middle = await harness.PublishAsync(EngineHarness.Agent("Middle", priority: 2));

        await harness.ViewAsync("v1");

        Assert.Equal(1, store.Reservations);
        Assert.Equal([high.Id, middle.Id, low.Id], store.LastCandidates);
    }

    public static TheoryData<int, int, int> PriorityPermutations => new()
    {
        { 1, 2, 3 }, { 1, 3, 2 }, { 2, 1, 3 }, { 2, 3, 1 }, { 3, 1, 2 }, { 3, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(PriorityPermutations))]
    public async Task Decide_CandidatesOfDifferentConditionShapes_ReachTheStoreInPriorityOrder(int first, int second, int third)
    {
        // The engine evaluates messages of one condition shape together, in an order of its own;
        // whichever shape gets which priority, the store sees the candidates by priority.
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        ConditionGroup[] shapes =
        [
            ConditionGroup.All(new Condition("page.path", ConditionOperator.Is, "/pricing")),
            ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "pricing")),
            ConditionGroup.Any(
                new Condition("page.path", ConditionOperator.StartsWith, "/pri"),
                new Condition("visit.pageViews", ConditionOperator.AtLeast, 100)),
        ];
        int[] priorities = [first, second, third];
        var published = new ProactiveMessage[shapes.Length];
        for (var i = 0; i < shapes.Length; i++)
        {
            var definition = EngineHarness.Agent("Shape " + i, priority: priorities[i]) with { Rules = new MessageRules { Conditions = shapes[i] } };
            published[i] = await harness.PublishAsync(definition);
        }

        await harness.ViewAsync("v1");

        Assert.Equal(published.OrderByDescending(m => m.Priority).Select(m => m.Id), store.LastCandidates);
    }

    [Fact]
    public async Task Decide_EachRefusal_StillCostsExactlyOneRoundTrip()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.Once));

        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(DecisionOutcome.AnotherMessageShowing, (await harness.ViewAsync("v1")).Outcome);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync("v1")).Outcome);

        Assert.Equal(3, store.Reservations);
    }

    [Fact]
    public async Task Decide_NothingMatches_MakesNoRoundTrip()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent());
        await harness.PublishAsync(EngineHarness.Agent("After hours", timing: MessageTiming.OutsideBusinessHours));
        var visitor = harness.Visitor();

        Assert.Equal(DecisionOutcome.NoConditionsMet, (await harness.ViewAsync("v1", EngineHarness.BlogUrl)).Outcome);
        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.Engine.DecideAsync(EngineHarness.Event("v1", visitor, channel: Snapshots.AppChannel), EngineHarness.Token)).Outcome);
        Assert.Equal(DecisionOutcome.UnknownChannel, (await harness.Engine.DecideAsync(EngineHarness.Event("v1", visitor, channel: "nope"), EngineHarness.Token)).Outcome);
        Assert.Equal(DecisionOutcome.InvalidEvent, (await harness.Engine.DecideAsync(EngineHarness.Event(string.Empty, visitor), EngineHarness.Token)).Outcome);

        Assert.Equal(0, store.Reservations);
    }

    [Fact]
    public async Task Decide_OutsideEveryMessagesTiming_MakesNoRoundTrip()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent(timing: MessageTiming.OutsideBusinessHours));

        Assert.Equal(DecisionOutcome.OutsideTiming, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(0, store.Reservations);
    }

    [Fact]
    public async Task Stores_GetTheEnginesClock()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        var message = await harness.PublishAsync(EngineHarness.Agent());
        harness.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMilliseconds(7));

        await harness.ViewAsync("v1");
        Assert.Equal(harness.Now, store.LastReservationNow);

        harness.Time.Advance(TimeSpan.FromSeconds(42));
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);
        Assert.Equal(harness.Now, store.LastOutcomeNow);
    }
}
