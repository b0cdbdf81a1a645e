using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Diagnostics;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>"Why was nothing shown?": the engine explains an event message by message, and changes nothing doing so.</summary>
public sealed class ExplainTests
{
    /// <summary>On the pricing page, and for a visitor whose language is French or who is in France.</summary>
    private static readonly ConditionGroup PricingForFrance = ConditionGroup.All(
        new Condition("page.url", ConditionOperator.Contains, "/pricing"),
        ConditionGroup.Any(
            new Condition("visitor.language", ConditionOperator.Is, "fr"),
            new Condition("visitor.country", ConditionOperator.Is, "FR")));

    [Fact]
    public async Task Explain_MessagesHeldBackByTiming_SayWhichBusinessHoursStateExcludesThem()
    {
        using var harness = new EngineHarness();
        var office = await harness.PublishAsync(EngineHarness.Agent("Office hours", timing: MessageTiming.BusinessHours, priority: 1));
        var evening = await harness.PublishAsync(EngineHarness.Agent("After hours", timing: MessageTiming.OutsideBusinessHours));

        // Monday 10:00 in London: open.
        var open = await ExplainAsync(harness, "v1");
        Assert.Equal(TimingVerdict.Allowed, Find(open, office.Id).TimingVerdict);
        Assert.Equal(TimingVerdict.InsideBusinessHours, Find(open, evening.Id).TimingVerdict);
        Assert.True(Find(open, evening.Id).Conditions.Result);
        Assert.False(Find(open, evening.Id).IsCandidate);
        Assert.Equal(office.Id, open.Decision.Message!.MessageId);

        // 20:00: closed. Nothing was recorded by the first explanation, so the other message is shown.
        harness.Time.Advance(TimeSpan.FromHours(10));
        var closed = await ExplainAsync(harness, "v1");
        Assert.Equal(TimingVerdict.OutsideBusinessHours, Find(closed, office.Id).TimingVerdict);
        Assert.False(Find(closed, office.Id).WouldShow);
        Assert.Equal(TimingVerdict.Allowed, Find(closed, evening.Id).TimingVerdict);
        Assert.True(Find(closed, evening.Id).WouldShow);
        Assert.Equal(evening.Id, closed.Decision.Message!.MessageId);
    }

    [Fact]
    public async Task Explain_OnlyMessageOutsideItsTiming_DecidesOutsideTiming()
    {
        using var harness = new EngineHarness();
        var office = await harness.PublishAsync(EngineHarness.Agent("Office hours", timing: MessageTiming.BusinessHours));
        harness.Time.Advance(TimeSpan.FromHours(10));

        var explanation = await ExplainAsync(harness, "v1");

        Assert.Equal(DecisionOutcome.OutsideTiming, explanation.Outcome);
        Assert.Equal(TimingVerdict.OutsideBusinessHours, Find(explanation, office.Id).TimingVerdict);
        Assert.Equal(FrequencyVerdict.WouldSend, Find(explanation, office.Id).FrequencyVerdict);
    }

    [Fact]
    public async Task Explain_ChannelWithoutSchedule_SaysABusinessHoursMessageIsNeverSent()
    {
        using var harness = new EngineHarness(snapshot: Snapshots.Healthy with { DefaultScheduleId = null });
        var office = await harness.PublishAsync(EngineHarness.Agent("Office hours", timing: MessageTiming.BusinessHours));

        var explanation = await ExplainAsync(harness, "v1");

        Assert.Equal(TimingVerdict.NoSchedule, Find(explanation, office.Id).TimingVerdict);
        Assert.Equal(DecisionOutcome.OutsideTiming, explanation.Outcome);
    }

    [Fact]
    public async Task Explain_FailingCondition_ShowsItsPathAndTheVisitorsValue()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Rules = new MessageRules { Conditions = PricingForFrance } });
        var visitor = harness.Visitor(language: "de-DE");
        visitor.SetCountry("AT");

        var explanation = await harness.Engine.ExplainAsync(EngineHarness.Event("v1", visitor), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.NoConditionsMet, explanation.Outcome);
        var explained = Assert.Single(explanation.Messages);
        Assert.Equal(message.Id, explained.MessageId);
        Assert.Equal(TimingVerdict.Allowed, explained.TimingVerdict);
        Assert.False(explained.Conditions.Result);
        Assert.False(explained.IsCandidate);
        Assert.False(explained.WouldShow);
        var outcomes = explained.Conditions.Outcomes.ToDictionary(o => o.Path);
        Assert.True(outcomes["$.rules.conditions.all[0]"].Held);
        Assert.Equal("https://shop.example/pricing", outcomes["$.rules.conditions.all[0]"].Actual);
        Assert.False(outcomes["$.rules.conditions.all[1]"].Held);
        Assert.False(outcomes["$.rules.conditions.all[1].any[0]"].Held);
        Assert.Equal("de-DE", outcomes["$.rules.conditions.all[1].any[0]"].Actual);
        Assert.False(outcomes["$.rules.conditions.all[1].any[1]"].Held);
        Assert.Equal("AT", outcomes["$.rules.conditions.all[1].any[1]"].Actual);

        // Had the conditions held, the store would send it.
        Assert.Equal(FrequencyVerdict.WouldSend, explained.FrequencyVerdict);
    }

    [Fact]
    public async Task Explain_OnceMessageAlreadySent_SaysSo_AndTheNextMessageWouldBeShown()
    {
        using var harness = new EngineHarness();
        var welcome = await harness.PublishAsync(EngineHarness.Agent("Welcome", MessageFrequency.Once, priority: 3));
        var offer = await harness.PublishAsync(EngineHarness.Agent("Offer", MessageFrequency.OncePerVisit, priority: 2));
        var help = await harness.PublishAsync(EngineHarness.Agent("Help", MessageFrequency.EveryTime, priority: 1));
        foreach (var id in new[] { welcome.Id, offer.Id })
        {
            Assert.Equal(id, (await harness.ViewAsync("v1")).Message!.MessageId);
            await harness.OutcomeAsync("v1", id, VisitorOutcome.Dismissed);
        }

        var explanation = await ExplainAsync(harness, "v1", VisitorEventKind.Heartbeat);

        Assert.Equal([welcome.Id, offer.Id, help.Id], explanation.Messages.Select(m => m.MessageId));
        Assert.Equal(FrequencyVerdict.AlreadySentOnce, Find(explanation, welcome.Id).FrequencyVerdict);
        Assert.Equal(FrequencyVerdict.AlreadySentThisVisit, Find(explanation, offer.Id).FrequencyVerdict);
        Assert.Equal(FrequencyVerdict.WouldSend, Find(explanation, help.Id).FrequencyVerdict);
        Assert.All(explanation.Messages, m => Assert.True(m.IsCandidate));
        Assert.Equal([false, false, true], explanation.Messages.Select(m => m.WouldShow));
        Assert.Equal(help.Id, explanation.Decision.Message!.MessageId);

        // Shown on this page view, the EveryTime message is then capped here too.
        Assert.Equal(help.Id, (await harness.HeartbeatAsync("v1")).Message!.MessageId);
        await harness.OutcomeAsync("v1", help.Id, VisitorOutcome.Dismissed);
        var capped = await ExplainAsync(harness, "v1", VisitorEventKind.Heartbeat);
        Assert.Equal(FrequencyVerdict.AlreadySentThisPageView, Find(capped, help.Id).FrequencyVerdict);
        Assert.Equal(DecisionOutcome.FrequencyCapped, capped.Outcome);
    }

    [Fact]
    public async Task Explain_VisitorWideRefusals_ApplyToEveryMessage()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { LifetimeCap = 1 });
        var first = await harness.PublishAsync(EngineHarness.Agent("First", MessageFrequency.EveryTime, priority: 1));
        await harness.PublishAsync(EngineHarness.Agent("Second", MessageFrequency.EveryTime));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);

        var showing = await ExplainAsync(harness, "v1");
        Assert.Equal(DecisionOutcome.AnotherMessageShowing, showing.Outcome);
        Assert.All(showing.Messages, m => Assert.Equal(FrequencyVerdict.AnotherMessageShowing, m.FrequencyVerdict));

        await harness.OutcomeAsync("v1", first.Id, VisitorOutcome.Dismissed);
        var capped = await ExplainAsync(harness, "v1");
        Assert.Equal(DecisionOutcome.FatigueCapped, capped.Outcome);
        Assert.All(capped.Messages, m => Assert.Equal(FrequencyVerdict.FatigueCapped, m.FrequencyVerdict));

        await harness.OutcomeAsync("v2", null, VisitorOutcome.ConversationStarted);
        var conversation = await ExplainAsync(harness, "v2");
        Assert.Equal(DecisionOutcome.ConversationOpen, conversation.Outcome);
        Assert.All(conversation.Messages, m => Assert.Equal(FrequencyVerdict.ConversationOpen, m.FrequencyVerdict));
    }

    [Fact]
    public async Task Explain_MessageThatWouldBeShown_IsTheDecisionMadeRightAfter()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.Once) with
        {
            Reply = new AgentReply(new LocalizedText("Need help?", [new("pt", "Precisa de ajuda?")])),
        });
        var visitorEvent = EngineHarness.Event("v1", harness.Visitor(language: "pt-BR"));

        var explanation = await harness.Engine.ExplainAsync(visitorEvent, EngineHarness.Token);
        var decision = await harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token);

        Assert.Equal(DecisionOutcome.Show, explanation.Outcome);
        Assert.True(Assert.Single(explanation.Messages).WouldShow);
        Assert.Equal(decision, explanation.Decision);
        Assert.Equal("Precisa de ajuda?", explanation.Decision.Text);
        Assert.Equal(message.Id, decision.Message!.MessageId);
    }

    [Fact]
    public async Task Explain_ChangesNothing_NoSendMetricDecisionCountOrVisit()
    {
        var memory = new InMemoryFrequencyStore();
        var store = new CountingFrequencyStore(memory);
        using var harness = new EngineHarness(frequencyStore: store);
        using var decisions = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.OncePerVisit));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);
        var reservations = store.Reservations;
        var outcomes = store.Outcomes;

        // Explained every 20 minutes for an hour. Were an explanation activity, the visit would go
        // on and the message would stay capped; instead, 30 minutes after the last event, the next
        // event would start a new visit.
        var verdicts = new List<FrequencyVerdict>();
        for (var i = 0; i < 3; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(20));
            verdicts.Add(Assert.Single((await ExplainAsync(harness, "v1")).Messages).FrequencyVerdict);
            Assert.Equal(DecisionOutcome.Show, (await ExplainAsync(harness, "stranger")).Outcome);
        }

        Assert.Equal([FrequencyVerdict.AlreadySentThisVisit, FrequencyVerdict.WouldSend, FrequencyVerdict.WouldSend], verdicts);
        Assert.Equal(reservations, store.Reservations);
        Assert.Equal(outcomes, store.Outcomes);
        Assert.Equal(6, store.Previews);
        Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(new MessageMetrics(1, 0, 0), await harness.MetricsAsync(message.Id));
        Assert.Equal(1, memory.VisitorCount);

        // The stranger was never remembered, and v1's next event starts a new visit.
        Assert.Equal(DecisionOutcome.Show, (await harness.HeartbeatAsync("v1")).Outcome);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Explain_BeforeEveryDecision_LeavesEveryDecisionAsItWouldHaveBeen(int seed)
    {
        // Two engines live the same random history; one explains each event before deciding it.
        // The explanation predicts each decision, and the two engines never differ.
        using var explained = new EngineHarness();
        using var plain = new EngineHarness();
        using var explainedCounts = new MetricCollector<long>(explained.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        using var plainCounts = new MetricCollector<long>(plain.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        var ids = new List<string>();
        MessageDefinition[] definitions =
        [
            EngineHarness.Agent("Welcome", MessageFrequency.Once, priority: 3),
            EngineHarness.Agent("Offer", MessageFrequency.OncePerVisit, priority: 2) with { Rules = new MessageRules { Conditions = PricingForFrance } },
            EngineHarness.Agent("Help", MessageFrequency.EveryTime, priority: 1),
            EngineHarness.Agent("Evening", MessageFrequency.EveryTime, timing: MessageTiming.OutsideBusinessHours),
        ];
        foreach (var definition in definitions)
        {
            ids.Add((await explained.PublishAsync(definition)).Id);
            Assert.Equal(ids[^1], (await plain.PublishAsync(definition)).Id);
        }

        var random = new Random(seed);
        var seen = new HashSet<DecisionOutcome>();
        var lastShown = new Dictionary<string, string>();
        var pages = new Dictionary<string, string>();
        string[] urls = [EngineHarness.PricingUrl, EngineHarness.BlogUrl];
        for (var step = 0; step < 600; step++)
        {
            // Mostly minutes apart (the same visit and often the same page view), now and then hours.
            var advance = random.Next(20) == 0 ? TimeSpan.FromHours(random.Next(1, 8)) : TimeSpan.FromMinutes(random.Next(0, 12));
            explained.Time.Advance(advance);
            plain.Time.Advance(advance);
            var visitorId = $"v{random.Next(2)}";
            if (random.Next(3) == 0)
            {
                // Mostly about the message last shown to the visitor, sometimes about another one.
                VisitorOutcome[] outcomes =
                [
                    VisitorOutcome.Dismissed, VisitorOutcome.Dismissed, VisitorOutcome.Dismissed, VisitorOutcome.Opened, VisitorOutcome.Opened,
                    VisitorOutcome.WindowClosed, VisitorOutcome.Replied, VisitorOutcome.ConversationStarted, VisitorOutcome.ConversationEnded, VisitorOutcome.ConversationEnded,
                ];
                var outcome = outcomes[random.Next(outcomes.Length)];
                var messageId = random.Next(4) > 0 && lastShown.TryGetValue(visitorId, out var shown) ? shown : ids[random.Next(ids.Count)];
                Assert.Equal(await plain.OutcomeAsync(visitorId, messageId, outcome), await explained.OutcomeAsync(visitorId, messageId, outcome));
                continue;
            }

            // A heartbeat stays on the visitor's page; a page view goes to a random one.
            var kind = random.Next(2) == 0 ? VisitorEventKind.Heartbeat : VisitorEventKind.PageView;
            if (kind == VisitorEventKind.PageView || !pages.TryGetValue(visitorId, out var url))
            {
                url = urls[random.Next(urls.Length)];
                pages[visitorId] = url;
            }

            var language = random.Next(2) == 0 ? "fr" : "en";
            var visitId = random.Next(3) == 0 ? $"s{random.Next(2)}" : null;
            var explainedEvent = EngineHarness.Event(visitorId, explained.Visitor(url, language), kind, visitId: visitId);

            var explanation = await explained.Engine.ExplainAsync(explainedEvent, EngineHarness.Token);
            var decision = await explained.Engine.DecideAsync(explainedEvent, EngineHarness.Token);
            var expected = await plain.Engine.DecideAsync(EngineHarness.Event(visitorId, plain.Visitor(url, language), kind, visitId: visitId), EngineHarness.Token);

            Assert.Equal(decision, explanation.Decision);
            Assert.Equal((expected.Outcome, expected.Message?.MessageId, expected.Text), (decision.Outcome, decision.Message?.MessageId, decision.Text));
            seen.Add(decision.Outcome);
            if (decision.ShouldShow)
            {
                lastShown[visitorId] = decision.Message!.MessageId;
            }
        }

        // The history reached the frequency store's answers, not only the conditions.
        Assert.Superset(new HashSet<DecisionOutcome> { DecisionOutcome.Show, DecisionOutcome.NoConditionsMet, DecisionOutcome.AnotherMessageShowing, DecisionOutcome.FrequencyCapped }, seen);

        foreach (var id in ids)
        {
            Assert.Equal(await plain.MetricsAsync(id), await explained.MetricsAsync(id));
        }

        Assert.Equal(plainCounts.GetMeasurementSnapshot().Count, explainedCounts.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task Explain_InvalidEvent_ReturnsTheProblem_WithoutThrowing()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { Fields = FieldCatalog.Default.WithEvent("engineOnly") });
        await harness.PublishAsync(EngineHarness.Agent());

        var empty = await harness.Engine.ExplainAsync(default, EngineHarness.Token);
        var foreign = await harness.Engine.ExplainAsync(EngineHarness.Event("v1", new VisitorContext(FieldCatalog.Default.WithEvent("elsewhere"))), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.InvalidEvent, empty.Outcome);
        Assert.Equal(RuntimeProblemCodes.WorkspaceIdInvalid, empty.Problem!.Code);
        Assert.Empty(empty.Messages);
        Assert.Equal(DecisionOutcome.InvalidEvent, foreign.Outcome);
        Assert.Equal(RuntimeProblemCodes.VisitorCatalogMismatch, foreign.Problem!.Code);
        Assert.Contains(RuntimeProblemCodes.WorkspaceIdInvalid, empty.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnloadedWorkspaceUnknownChannelOrNoLiveMessage_SaysWhich()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent());
        var visitorEvent = EngineHarness.Event("v1", harness.Visitor());

        Assert.Equal(DecisionOutcome.WorkspaceNotLoaded, (await harness.Engine.ExplainAsync(visitorEvent with { WorkspaceId = "elsewhere" }, EngineHarness.Token)).Outcome);
        Assert.Equal(DecisionOutcome.UnknownChannel, (await harness.Engine.ExplainAsync(visitorEvent with { ChannelId = "nope" }, EngineHarness.Token)).Outcome);
        Assert.Equal(DecisionOutcome.NoLiveMessage, (await harness.Engine.ExplainAsync(visitorEvent with { ChannelId = Snapshots.AppChannel }, EngineHarness.Token)).Outcome);
        Assert.Equal(0, store.Previews);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Explain_ThrowingStore_StillExplainsTimingAndConditions(bool faultedTask)
    {
        using var harness = new EngineHarness(frequencyStore: new ThrowingFrequencyStore(faultedTask));
        await harness.PublishAsync(EngineHarness.Agent());

        var onPricing = await ExplainAsync(harness, "v1");
        var onBlog = await harness.Engine.ExplainAsync(EngineHarness.Event("v1", harness.Visitor(EngineHarness.BlogUrl)), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.StoreUnavailable, onPricing.Outcome);
        var explained = Assert.Single(onPricing.Messages);
        Assert.True(explained.IsCandidate);
        Assert.Equal(FrequencyVerdict.StoreUnavailable, explained.FrequencyVerdict);
        Assert.Equal("InvalidOperationException: The store is down.", onPricing.StoreFailure);

        // Without a candidate, a decision asks no store: the outcome does not depend on it.
        Assert.Equal(DecisionOutcome.NoConditionsMet, onBlog.Outcome);
        Assert.Equal(FrequencyVerdict.StoreUnavailable, Assert.Single(onBlog.Messages).FrequencyVerdict);
    }

    [Fact]
    public async Task Explain_HangingStore_AnswersAtTheStoreDeadline()
    {
        var store = new HangingFrequencyStore();
        using var harness = new EngineHarness(new ProactiveMessagingOptions { StoreTimeout = TimeSpan.FromMilliseconds(100) }, frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent());

        var pending = ExplainAsync(harness, "v1");
        harness.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(pending.IsCompleted);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var explanation = await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token);
        store.Release();

        Assert.Equal(DecisionOutcome.StoreUnavailable, explanation.Outcome);
        Assert.Equal("no answer within the store deadline of 100 ms", explanation.StoreFailure);
    }

    [Fact]
    public async Task Explain_CancelledByTheCaller_Throws()
    {
        using var harness = new EngineHarness(frequencyStore: new HangingFrequencyStore());
        await harness.PublishAsync(EngineHarness.Agent());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(EngineHarness.Token);

        var pending = harness.Engine.ExplainAsync(EngineHarness.Event("v1", harness.Visitor()), cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task Explain_ToString_ReadsAsAReport()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent("Pricing help", MessageFrequency.Once));

        var text = (await harness.Engine.ExplainAsync(EngineHarness.Event("v1", harness.Visitor(EngineHarness.BlogUrl)), EngineHarness.Token)).ToString();

        Assert.Equal(
            $"""
            Nothing: NoConditionsMet (at 2025-03-03T10:00:00Z)
            1. {message.Id} "Pricing help" (priority 0): not shown
              timing: Anytime, allowed now
              conditions: not met
                $.rules.conditions: not held
                $.rules.conditions.all[0]: not held [page.url Contains "/pricing"] (visitor: https://shop.example/blog)
              frequency: Once, the store would send it

            """,
            text.ReplaceLineEndings("\n"));
    }

    private static Task<EventExplanation> ExplainAsync(EngineHarness harness, string visitorId, VisitorEventKind kind = VisitorEventKind.PageView) =>
        harness.Engine.ExplainAsync(EngineHarness.Event(visitorId, harness.Visitor(), kind), EngineHarness.Token).AsTask();

    private static MessageExplanation Find(EventExplanation explanation, string messageId) =>
        Assert.Single(explanation.Messages, m => m.MessageId == messageId);
}
