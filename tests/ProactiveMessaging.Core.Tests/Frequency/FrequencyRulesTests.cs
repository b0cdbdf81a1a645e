using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Frequency;

/// <summary>What <see cref="FrequencyRules"/> promises beside the decisions the properties check: no allocation, no clock, clear refusals.</summary>
public sealed class FrequencyRulesTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 9, 0);

    [Fact]
    public void Reserve_AndOutcome_ForAKnownVisitor_AllocateNothing()
    {
        var rules = new FrequencyRules(Duration.FromDays(7));
        var state = new VisitorFrequencyState();
        var policy = new FrequencyPolicy { LifetimeCap = 1_000_000, PerVisitCap = 1_000_000, Windows = [new FatigueWindow(1_000_000, Duration.FromDays(1))] };
        ReadOnlyMemory<FrequencyCandidate> candidates = new FrequencyCandidate[] { new("a", MessageFrequency.Once), new("b", MessageFrequency.EveryTime) };
        string[] pages = ["p1", "p2"];
        var statuses = new ReservationStatus[2];

        // Warm up until every record has its room: the window keeps up to its count of instants.
        for (var i = 0; i < 20_000; i++)
        {
            rules.Reserve(state, new ReservationRequest("ws", "visitor", "v1", pages[i & 1], Start, candidates, policy));
            rules.RecordOutcome(state, "v1", null, VisitorOutcome.Dismissed, Start);
        }

        var page = 0;
        AllocationAssert.ZeroPerCall(() =>
        {
            var request = new ReservationRequest("ws", "visitor", "v1", pages[page++ & 1], Start, candidates, policy);
            rules.Preview(state, request, statuses);
            var reserved = rules.Reserve(state, request).Status == ReservationStatus.Reserved;
            return rules.RecordOutcome(state, "v1", "b", VisitorOutcome.Dismissed, Start) && reserved;
        },
        calls: 5_000);
    }

    [Fact]
    public void IdleTimeout_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencyRules(Duration.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencyRules(Duration.FromTicks(-1)));
    }

    [Fact]
    public void IsIdle_IsTrueOnlyStrictlyAfterTheTimeout()
    {
        var rules = new FrequencyRules(Duration.FromHours(1));
        var state = new VisitorFrequencyState();
        Assert.False(rules.IsIdle(state, Start));
        rules.RecordOutcome(state, "v1", null, VisitorOutcome.ConversationStarted, Start);

        Assert.False(rules.IsIdle(state, Start + Duration.FromHours(1)));
        Assert.True(rules.IsIdle(state, Start + Duration.FromHours(1) + Duration.FromTicks(1)));
    }

    [Fact]
    public void ClockReadingsOutOfOrder_MeasureIdlenessFromTheLatest()
    {
        var rules = new FrequencyRules(Duration.FromHours(1));
        var state = new VisitorFrequencyState();
        rules.RecordOutcome(state, "v1", null, VisitorOutcome.ConversationStarted, Start + Duration.FromMinutes(30));
        rules.RecordOutcome(state, "v1", null, VisitorOutcome.Replied, Start);

        Assert.Equal(Start + Duration.FromMinutes(30), state.LastActivity);
    }

    [Fact]
    public void EndVisit_KeepsWhatTheVisitorWasSent()
    {
        var rules = new FrequencyRules(Duration.FromDays(1));
        var state = new VisitorFrequencyState();
        var once = new FrequencyCandidate[] { new("a", MessageFrequency.Once) };
        rules.Reserve(state, new ReservationRequest("ws", "visitor", "v1", "p1", Start, once, FrequencyPolicy.Default));

        FrequencyRules.EndVisit(state);

        Assert.False(state.IsForgettableWhenIdle);
        Assert.Equal(
            ReservationStatus.FrequencyCapped,
            rules.Reserve(state, new ReservationRequest("ws", "visitor", "v1", "p1", Start, once, FrequencyPolicy.Default)).Status);
    }

    [Fact]
    public void RecordOutcome_UndefinedOutcome_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new FrequencyRules(Duration.FromDays(1)).RecordOutcome(new VisitorFrequencyState(), "v1", null, (VisitorOutcome)99, Start));

    [Fact]
    public void Preview_WithTooLittleRoom_IsRefused()
    {
        var candidates = new FrequencyCandidate[] { new("a", MessageFrequency.Once), new("b", MessageFrequency.Once) };

        Assert.Throws<ArgumentException>(() => new FrequencyRules(Duration.FromDays(1)).Preview(
            new VisitorFrequencyState(),
            new ReservationRequest("ws", "visitor", "v1", "p1", Start, candidates, FrequencyPolicy.Default),
            new ReservationStatus[1]));
    }
}
