using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Diagnostics;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Experiments.Internal;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;
using Xunit;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Experiments through the engine: rollout, variants, holdout, goals, explanations and telemetry.</summary>
public sealed class ExperimentEngineTests
{
    private static readonly FieldCatalog PurchaseFields = FieldCatalog.Default.WithEvent("purchase");

    private static readonly MessageExperiment ThreeVariants = new()
    {
        Variants = [Variant("a", 50m), Variant("b", 30m), Variant("c", 20m)],
    };

    [Fact]
    public async Task Rollout_ShowsTheVisitorsBelowThePercentage_AndTellsTheOthersNotInRollout()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = new MessageExperiment { RolloutPercent = 30m } });
        var shown = 0;
        for (var i = 0; i < 300; i++)
        {
            var visitor = VisitorId(i);
            var decision = await harness.ViewAsync(visitor);
            var inside = Positions(message, visitor).Rollout < 3_000;
            Assert.Equal(inside ? DecisionOutcome.Show : DecisionOutcome.NotInRollout, decision.Outcome);
            shown += inside ? 1 : 0;
        }

        Assert.InRange(shown, 60, 120);
    }

    [Fact]
    public async Task Rollout_VisitorLeftOutOfOneMessage_IsShownTheNextQualifyingMessage()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent("Nobody yet", priority: 5) with { Experiment = new MessageExperiment { RolloutPercent = 0m } });
        var fallback = await harness.PublishAsync(EngineHarness.Agent("Everyone"));

        var decision = await harness.ViewAsync("v1");

        Assert.Equal(fallback.Id, decision.Message?.MessageId);
    }

    [Property(MaxTest = 2_000)]
    public bool Rollout_RaisingKeepsEveryoneIn_AndLoweringRemovesOnlyTheVisitorsTheRaiseAdded(NonEmptyString visitor, ushort lower, ushort upper)
    {
        var (low, high) = (Math.Min(lower % 10_001, upper % 10_001), Math.Max(lower % 10_001, upper % 10_001));
        var id = new string([.. visitor.Get.Select(c => (char)('a' + (c % 26)))]);
        var position = ExperimentPositions.Of(ExperimentPositions.Seed("w", "m", string.Empty), id).Rollout;
        var inLow = position < low;
        var inHigh = position < high;

        // In at the lower percentage means in at the higher; the visitors the raise added (and a
        // lowering removes again) are exactly those between the two.
        return (!inLow || inHigh) && (inHigh && !inLow) == (position >= low && position < high);
    }

    [Fact]
    public void Positions_OfAMillionVisitors_AreUniformAndIndependent()
    {
        var seed = ExperimentPositions.Seed("workspace-1", "message-1", "salt");
        var rollout = new long[100];
        var holdout = new long[100];
        var variant = new long[100];
        var joint = new long[10, 10];
        const int Visitors = 1_000_000;
        for (var i = 0; i < Visitors; i++)
        {
            var positions = ExperimentPositions.Of(seed, "visitor-" + i.ToString(CultureInfo.InvariantCulture));
            rollout[positions.Rollout / 100]++;
            holdout[positions.Holdout / 100]++;
            variant[positions.Variant / 100]++;
            joint[positions.Rollout / 1_000, positions.Holdout / 1_000]++;
        }

        // Chi-square against the uniform distribution; the bounds are the 0.999 quantiles (99 and
        // 81 degrees of freedom: 148.2 and 126.1, Wilson-Hilferty), so a fair hash fails one run in a thousand.
        Assert.InRange(ChiSquare(rollout), 0, 148.2);
        Assert.InRange(ChiSquare(holdout), 0, 148.2);
        Assert.InRange(ChiSquare(variant), 0, 148.2);
        Assert.InRange(ChiSquare([.. joint.Cast<long>()]), 0, 126.1);
    }

    [Property(MaxTest = 2_000)]
    public bool XxHash64_AgreesWithAnIndependentImplementation(byte[] data, ulong seed) =>
        XxHash64.Hash(data, seed) == System.IO.Hashing.XxHash64.HashToUInt64(data, unchecked((long)seed));

    [Fact]
    public async Task Variants_AreTheSameOnTwoEnginesWithTheirOwnStores()
    {
        using var first = new EngineHarness();
        using var second = new EngineHarness();
        var message = await first.PublishAsync(EngineHarness.Agent() with { Experiment = ThreeVariants });
        await second.PublishAsync(EngineHarness.Agent() with { Experiment = ThreeVariants });

        for (var i = 0; i < 200; i++)
        {
            var onFirst = await first.ViewAsync(VisitorId(i));
            var onSecond = await second.ViewAsync(VisitorId(i));
            Assert.Equal(onFirst.Message!.VariantId, onSecond.Message!.VariantId);
            Assert.Equal(ExpectedVariant(message, VisitorId(i)), onFirst.Message.VariantId);
            Assert.Equal("Text " + onFirst.Message.VariantId, onFirst.Text);
        }
    }

    [Fact]
    public async Task Variants_VisitorSeesItsVariantEveryTime_AndSentOpenedRepliedCountPerVariantAndPerMessage()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.EveryTime) with { Experiment = ThreeVariants });
        var variants = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var visitor = VisitorId(i);
            for (var view = 0; view < 3; view++)
            {
                var decision = await harness.ViewAsync(visitor);
                Assert.True(decision.ShouldShow);
                Assert.Equal(variants.TryGetValue(visitor, out var seen) ? seen : decision.Message!.VariantId, decision.Message!.VariantId);
                variants[visitor] = decision.Message.VariantId!;
                await harness.OutcomeAsync(visitor, message.Id, VisitorOutcome.Dismissed);
            }

            if (i % 2 == 0)
            {
                await harness.OutcomeAsync(visitor, message.Id, VisitorOutcome.Opened);
            }

            if (i % 4 == 0)
            {
                await harness.OutcomeAsync(visitor, message.Id, VisitorOutcome.Replied);
            }
        }

        var arms = await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token);
        foreach (var id in new[] { "a", "b", "c" })
        {
            var members = Enumerable.Range(0, 60).Where(i => variants[VisitorId(i)] == id).ToList();
            var arm = Assert.Single(arms, arm => arm.ArmId == id);
            Assert.Equal(new ArmCounts(id, members.Count, members.Count(i => i % 2 == 0), members.Count(i => i % 4 == 0), 0), arm);
        }

        Assert.Equal(new MessageMetrics(60, 30, 15), await harness.MetricsAsync(message.Id));
    }

    [Fact]
    public async Task Variants_SplitTheVisitorsByTheirWeights()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = ThreeVariants });
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 3_000; i++)
        {
            var decision = await harness.ViewAsync(VisitorId(i));
            counts[decision.Message!.VariantId!] = counts.GetValueOrDefault(decision.Message.VariantId!) + 1;
        }

        // 50/30/20 of 3,000, each within five standard deviations.
        Assert.InRange(counts["a"], 1_500 - 137, 1_500 + 137);
        Assert.InRange(counts["b"], 900 - 126, 900 + 126);
        Assert.InRange(counts["c"], 600 - 110, 600 + 110);
        var arms = await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token);
        Assert.Equal(["a", "b", "c"], arms.Select(arm => arm.ArmId));
        Assert.Equal(counts["a"], arms[0].Visitors);
    }

    [Fact]
    public async Task Holdout_HeldOutVisitor_IsToldHeldOut_CountedOnceInTheControl_AndNeverShownTheMessage()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.EveryTime) with { Experiment = new MessageExperiment { HoldoutPercent = 50m } });
        var held = FirstVisitor(message, positions => positions.Holdout < 5_000);
        var sent = FirstVisitor(message, positions => positions.Holdout >= 5_000);

        for (var view = 0; view < 3; view++)
        {
            Assert.Equal(DecisionOutcome.HeldOut, (await harness.ViewAsync(held)).Outcome);
        }

        Assert.True((await harness.ViewAsync(sent)).ShouldShow);

        // An open reported for a message the visitor was never shown counts nowhere.
        await harness.OutcomeAsync(held, message.Id, VisitorOutcome.Opened);
        var arms = await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token);
        Assert.Equal([new ArmCounts(ExperimentArms.Control, 1, 0, 0, 0), new ArmCounts(ExperimentArms.Treatment, 1, 0, 0, 0)], arms);
        Assert.Equal(new MessageMetrics(1, 0, 0), await harness.MetricsAsync(message.Id));
    }

    [Fact]
    public async Task Holdout_HeldOutVisitor_IsShownTheNextQualifyingMessageInPriorityOrder()
    {
        using var harness = new EngineHarness();
        var tested = await harness.PublishAsync(EngineHarness.Agent("Tested", priority: 5) with { Experiment = new MessageExperiment { HoldoutPercent = 50m } });
        var fallback = await harness.PublishAsync(EngineHarness.Agent("Fallback"));
        var held = FirstVisitor(tested, positions => positions.Holdout < 5_000);

        var decision = await harness.ViewAsync(held);

        Assert.Equal(fallback.Id, decision.Message?.MessageId);
        var arms = await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, tested.Id, EngineHarness.Token);
        Assert.Equal([new ArmCounts(ExperimentArms.Control, 1, 0, 0, 0)], arms);
    }

    [Fact]
    public async Task Holdout_WhenTheRulesWouldSendNothing_CountsNoControl()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = new MessageExperiment { HoldoutPercent = 50m } });
        var held = FirstVisitor(message, positions => positions.Holdout < 5_000);
        await harness.OutcomeAsync(held, messageId: null, VisitorOutcome.ConversationStarted);

        var decision = await harness.ViewAsync(held);

        // The conversation is open, so no visitor would have been sent the message: a control
        // counted here would compare against visitors the treatment never reaches.
        Assert.Equal(DecisionOutcome.ConversationOpen, decision.Outcome);
        Assert.Empty(await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token));
    }

    [Fact]
    public async Task Goal_AppEventWithinTheWindow_CountsAConversionInTheVisitorsArm_AndNotAfterIt()
    {
        var options = new ProactiveMessagingOptions { Fields = PurchaseFields };
        using var harness = new EngineHarness(options);
        var experiment = new MessageExperiment { HoldoutPercent = 50m, Goal = ConversionGoal.ForEvent("purchase") with { Window = Duration.FromDays(2) } };
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = experiment });
        var held = FirstVisitor(message, positions => positions.Holdout < 5_000);
        var sent = FirstVisitor(message, positions => positions.Holdout >= 5_000);
        var late = FirstVisitor(message, positions => positions.Holdout >= 5_000, skip: 1);
        Assert.Equal(DecisionOutcome.HeldOut, (await harness.ViewAsync(held)).Outcome);
        Assert.True((await harness.ViewAsync(sent)).ShouldShow);
        Assert.True((await harness.ViewAsync(late)).ShouldShow);

        harness.Time.Advance(Duration.FromDays(2));
        await PurchaseAsync(harness, held);
        await PurchaseAsync(harness, sent);
        await PurchaseAsync(harness, sent);
        harness.Time.Advance(Duration.FromSeconds(1));
        await PurchaseAsync(harness, late);

        var arms = await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token);
        Assert.Equal([new ArmCounts(ExperimentArms.Control, 1, 0, 0, 1), new ArmCounts(ExperimentArms.Treatment, 2, 0, 0, 1)], arms);
    }

    [Fact]
    public async Task Holdout_OnceMessage_HoldsTheVisitorOutOnce_SoTheControlsGoalWindowStartsWhereASendsWould()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { Fields = PurchaseFields });
        var experiment = new MessageExperiment { HoldoutPercent = 50m, Goal = ConversionGoal.ForEvent("purchase") with { Window = Duration.FromDays(1) } };
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.Once) with { Experiment = experiment });
        var held = FirstVisitor(message, positions => positions.Holdout < 5_000);
        Assert.Equal(DecisionOutcome.HeldOut, (await harness.ViewAsync(held, visitId: "s1")).Outcome);

        // Two days later a sent visitor would not be sent a Once message again: neither is the
        // control held out again, so its window still ends a day after the first hold-out.
        harness.Time.Advance(Duration.FromDays(2));
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync(held, visitId: "s2")).Outcome);
        await PurchaseAsync(harness, held);

        Assert.Equal([new ArmCounts(ExperimentArms.Control, 1, 0, 0, 0)], await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token));
    }

    [Fact]
    public async Task Goal_PageViewMeetingThePageCondition_CountsAConversion_AndAnotherPageDoesNot()
    {
        using var harness = new EngineHarness();
        var goal = ConversionGoal.ForPage(new Condition("page.url", ConditionOperator.Contains, "/thank-you"));
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = new MessageExperiment { Goal = goal } });
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        Assert.True((await harness.ViewAsync("v2")).ShouldShow);

        await harness.ViewAsync("v1", "https://shop.example/thank-you");
        await harness.ViewAsync("v2", EngineHarness.BlogUrl);
        await harness.HeartbeatAsync("v2", "https://shop.example/thank-you");

        var arms = await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token);
        Assert.Equal([new ArmCounts(ExperimentArms.Treatment, 2, 0, 0, 1)], arms);
    }

    [Fact]
    public async Task Goal_ReachedBeforeTheVisitorWasEverSent_CountsNothing()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { Fields = PurchaseFields });
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = new MessageExperiment { Goal = ConversionGoal.ForEvent("purchase") } });

        await PurchaseAsync(harness, "v1");

        Assert.Empty(await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token));
    }

    [Fact]
    public async Task Explain_GivesTheVisitorsPositions_TheVariant_AndWhyItIsHeldOut()
    {
        using var harness = new EngineHarness();
        var experiment = ThreeVariants with { RolloutPercent = 80m, HoldoutPercent = 50m };
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = experiment });
        var held = FirstVisitor(message, positions => positions.Rollout < 8_000 && positions.Holdout < 5_000);
        var left = FirstVisitor(message, positions => positions.Rollout >= 8_000);

        var heldExplanation = await harness.Engine.ExplainAsync(EngineHarness.Event(held, harness.Visitor()), EngineHarness.Token);
        var leftExplanation = await harness.Engine.ExplainAsync(EngineHarness.Event(left, harness.Visitor()), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.HeldOut, heldExplanation.Decision.Outcome);
        var explained = Assert.Single(heldExplanation.Messages).Experiment!;
        Assert.True(explained is { InRollout: true, HeldOut: true });
        Assert.Equal(Positions(message, held).Holdout / 100m, explained.HoldoutPosition);
        Assert.Equal(ExpectedVariant(message, held), explained.VariantId);
        Assert.Contains("held out", heldExplanation.ToString(), StringComparison.Ordinal);
        Assert.Equal(DecisionOutcome.NotInRollout, leftExplanation.Decision.Outcome);
        Assert.False(Assert.Single(leftExplanation.Messages).IsCandidate);

        // Explaining counts nothing.
        Assert.Empty(await harness.ExperimentStore.GetAsync(EngineHarness.Workspace, message.Id, EngineHarness.Token));
    }

    [Fact]
    public async Task Telemetry_CountsExposuresAndConversionsByArmKind_AndTheNewOutcomes()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { Fields = PurchaseFields });
        using var exposures = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.ExperimentExposures);
        using var conversions = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.ExperimentConversions);
        using var decisions = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        var experiment = ThreeVariants with { HoldoutPercent = 50m, Goal = ConversionGoal.ForEvent("purchase") };
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Experiment = experiment });
        var held = FirstVisitor(message, positions => positions.Holdout < 5_000);
        var sent = FirstVisitor(message, positions => positions.Holdout >= 5_000);

        await harness.ViewAsync(held);
        await harness.ViewAsync(sent);
        await PurchaseAsync(harness, sent);

        Assert.Equal(["control", "variant"], exposures.GetMeasurementSnapshot().Select(m => (string)m.Tags["arm"]!).Order(StringComparer.Ordinal));
        Assert.Equal("variant", Assert.Single(conversions.GetMeasurementSnapshot()).Tags["arm"]);
        Assert.Contains(decisions.GetMeasurementSnapshot(), m => (string)m.Tags["outcome"]! == nameof(DecisionOutcome.HeldOut));
    }

    [Fact]
    public async Task Decide_SteadyStateWithRolloutVariantsAndHoldout_AllocatesNothing()
    {
        using var harness = new EngineHarness();
        var experiment = ThreeVariants with { RolloutPercent = 90m, HoldoutPercent = 20m };
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.EveryTime) with { Experiment = experiment });
        var sent = FirstVisitor(message, positions => positions.Rollout < 9_000 && positions.Holdout >= 2_000);
        var held = FirstVisitor(message, positions => positions.Rollout < 9_000 && positions.Holdout < 2_000);
        var left = FirstVisitor(message, positions => positions.Rollout >= 9_000);
        var sentEvent = EngineHarness.Event(sent, harness.Visitor(), VisitorEventKind.Heartbeat, visitId: "s1", pageViewId: "p1");
        // A held-out visitor is held out again on every page view of an EveryTime message.
        var heldVisitor = harness.Visitor();
        var heldEvents = Enumerable.Range(0, 61_000).Select(i => EngineHarness.Event(held, heldVisitor, VisitorEventKind.PageView, visitId: "s2", pageViewId: "p" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var next = 0;
        var leftEvent = EngineHarness.Event(left, harness.Visitor(), VisitorEventKind.Heartbeat, visitId: "s3", pageViewId: "p3");
        Assert.True((await harness.Engine.DecideAsync(sentEvent, EngineHarness.Token)).ShouldShow);
        await harness.OutcomeAsync(sent, message.Id, VisitorOutcome.Dismissed, "s1");

        AllocationTests.AssertAllocatesNothing(() => AllocationTests.OutcomeOf(harness.Engine.DecideAsync(sentEvent, EngineHarness.Token)) == DecisionOutcome.FrequencyCapped);
        AllocationTests.AssertAllocatesNothing(() => AllocationTests.OutcomeOf(harness.Engine.DecideAsync(heldEvents[next++], EngineHarness.Token)) == DecisionOutcome.HeldOut);
        AllocationTests.AssertAllocatesNothing(() => AllocationTests.OutcomeOf(harness.Engine.DecideAsync(leftEvent, EngineHarness.Token)) == DecisionOutcome.NotInRollout);
    }

    [Fact]
    public void FrequencyRules_HeldOutCandidateTheRulesWouldSend_IsAnsweredHeldOut_CountedForItsOwnFrequencyOnly()
    {
        var rules = new FrequencyRules(Duration.FromMinutes(30));
        var state = new VisitorFrequencyState();
        var policy = new ProactiveMessagingOptions().ToFrequencyPolicy();
        FrequencyCandidate[] candidates = [new("m1", MessageFrequency.Once) { HeldOut = true }, new("m2", MessageFrequency.Once)];
        var request = new ReservationRequest("w", "v", "s", "p", Instant.FromUnixTimeSeconds(1_000), candidates, policy);

        Assert.Equal(new ReservationResult(ReservationStatus.HeldOut, 0), rules.Reserve(state, request));
        Assert.Equal(new ReservationResult(ReservationStatus.Reserved, 0), rules.Reserve(state, new ReservationRequest("w", "v", "s", "p", request.Now, candidates.AsMemory(1), policy)));

        // Held out once, as a Once message is sent once; nothing showed, so m2 could be reserved, and only m2 counts as a send.
        Assert.Equal(ReservationResult.Refused(ReservationStatus.FrequencyCapped), rules.Reserve(state, new ReservationRequest("w", "v", "s2", "p2", request.Now, candidates.AsMemory(0, 1), policy)));
        Assert.Equal(1, state.TotalSends);

        var statuses = new ReservationStatus[2];
        rules.Preview(new VisitorFrequencyState(), request, statuses);
        Assert.Equal([ReservationStatus.HeldOut, ReservationStatus.Reserved], statuses);
    }

    private static string VisitorId(int i) => "visitor-" + i.ToString(CultureInfo.InvariantCulture);

    private static MessageVariant Variant(string id, decimal weight) => new() { Id = id, Weight = weight, Text = "Text " + id };

    private static ExperimentPositions Positions(ProactiveMessage message, string visitorId) =>
        ExperimentPositions.Of(ExperimentPositions.Seed(EngineHarness.Workspace, message.Id, message.Experiment!.Salt), visitorId);

    private static string FirstVisitor(ProactiveMessage message, Func<ExperimentPositions, bool> where, int skip = 0) =>
        Enumerable.Range(0, 10_000).Select(VisitorId).Where(id => where(Positions(message, id))).Skip(skip).First();

    private static string ExpectedVariant(ProactiveMessage message, string visitorId)
    {
        var position = Positions(message, visitorId).Variant;
        var cumulative = 0m;
        foreach (var variant in message.Experiment!.Variants)
        {
            cumulative += variant.Weight * 100m;
            if (position < cumulative)
            {
                return variant.Id;
            }
        }

        return message.Experiment.Variants[^1].Id;
    }

    private static async Task PurchaseAsync(EngineHarness harness, string visitorId)
    {
        var visitor = harness.Visitor(EngineHarness.BlogUrl);
        await harness.Engine.DecideAsync(EngineHarness.Event(visitorId, visitor, VisitorEventKind.AppEvent) with { EventName = "purchase" }, EngineHarness.Token);
    }

    private static double ChiSquare(long[] observed)
    {
        var expected = observed.Sum() / (double)observed.Length;
        return observed.Sum(count => (count - expected) * (count - expected) / expected);
    }
}
