using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>What a visitor sees, end to end: publish through the catalog, decide, report outcomes, read the counts.</summary>
public sealed class CustomerExperienceTests
{
    [Fact]
    public async Task AgentReply_AskingNameAndEmail_AsksThenFollowsUpThenHandsOverToAnAgent()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent() with
        {
            Reply = new AgentReply("Questions about our plans?") { AskForName = true, AskForEmail = true, FollowUp = "Thanks! An agent will be with you shortly." },
        });

        var decision = await harness.ViewAsync("v1");

        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
        Assert.Equal("Questions about our plans?", decision.Text);
        var shown = decision.Message!;
        Assert.Equal(message.Id, shown.MessageId);
        Assert.Equal(SenderKind.DefaultSender, shown.SenderKind);
        Assert.Equal("Support", shown.SenderName);
        Assert.Null(shown.BotId);
        Assert.Null(shown.BotAnswerId);
        Assert.True(shown.AskForName);
        Assert.True(shown.AskForEmail);
        Assert.Equal("Thanks! An agent will be with you shortly.", decision.FollowUpText);
        Assert.True(shown.HandsOverToAgent);

        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened));
        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied));
        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", null, VisitorOutcome.ConversationStarted));
        Assert.Equal(new MessageMetrics(1, 1, 1), await harness.MetricsAsync(message.Id));

        // While the hand-over conversation is open, nothing else is offered.
        await harness.PublishAsync(EngineHarness.Agent("Second") with { Frequency = MessageFrequency.EveryTime });
        Assert.Equal(DecisionOutcome.ConversationOpen, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task BotReply_IsSentAsTheChannelsBotAndStartsItsAnswer()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(Definitions.Bot());

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(), channel: Snapshots.BotChannel), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
        var shown = decision.Message!;
        Assert.Equal(SenderKind.Bot, shown.SenderKind);
        Assert.Equal(Snapshots.Bot, shown.BotId);
        Assert.Equal(Snapshots.Answer, shown.BotAnswerId);
        Assert.Null(shown.SenderName);
        Assert.False(shown.HandsOverToAgent);
        Assert.False(shown.AskForName);
        Assert.Null(decision.FollowUpText);
        Assert.Equal("Hi! Ask our bot 🤖", decision.Text);

        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied);
        Assert.Equal(new MessageMetrics(1, 1, 1), await harness.MetricsAsync(message.Id));
    }

    [Fact]
    public async Task WebWidget_ShowsALauncherBubble_MobileSdk_AGetsLocalNotification()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent("Web"));
        await harness.PublishAsync(EngineHarness.Agent("App", channel: Snapshots.AppChannel));

        var web = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor()), EngineHarness.Token);
        var app = await harness.Engine.DecideAsync(EngineHarness.Event("v2", harness.Visitor(), channel: Snapshots.AppChannel), EngineHarness.Token);

        Assert.Equal(PresentationKind.LauncherBubble, web.Message!.Presentation);
        Assert.Equal(PresentationKind.LocalNotification, app.Message!.Presentation);
    }

    [Theory]
    // An exact variant wins.
    [InlineData("pt-BR", "Oi! Posso ajudar?", "Obrigado, BR")]
    [InlineData("PT-br", "Oi! Posso ajudar?", "Obrigado, BR")]
    // A regional tag without a variant falls back to its language.
    [InlineData("pt-PT", "Olá! Posso ajudar?", "Obrigado")]
    [InlineData("pt", "Olá! Posso ajudar?", "Obrigado")]
    // Anything else gets the default.
    [InlineData("fr-FR", "Can I help?", "Thanks")]
    [InlineData(null, "Can I help?", "Thanks")]
    public async Task Decision_PicksTheTextVariantForTheVisitorsLanguage(string? language, string text, string followUp)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent() with
        {
            Reply = new AgentReply(new LocalizedText("Can I help?", [new("pt", "Olá! Posso ajudar?"), new("pt-BR", "Oi! Posso ajudar?")]))
            {
                AskForEmail = true,
                FollowUp = new LocalizedText("Thanks", [new("pt", "Obrigado"), new("pt-BR", "Obrigado, BR")]),
            },
        });

        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(language: language)), EngineHarness.Token);

        Assert.Equal(text, decision.Text);
        Assert.Equal(followUp, decision.FollowUpText);
    }

    [Fact]
    public async Task DismissedWithX_WithoutOpening_FreesTheLauncherAndCountsNoOpen()
    {
        using var harness = new EngineHarness();
        var first = await harness.PublishAsync(EngineHarness.Agent("First", priority: 2));
        var second = await harness.PublishAsync(EngineHarness.Agent("Second", priority: 1));

        Assert.Equal(first.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", first.Id, VisitorOutcome.Dismissed));

        // The first is once per visit: the next page of the visit offers the second.
        Assert.Equal(second.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
        Assert.Equal(new MessageMetrics(1, 0, 0), await harness.MetricsAsync(first.Id));
    }

    public static TheoryData<MessageFrequency, DecisionOutcome[]> FrequencyJourneys => new()
    {
        // first page, heartbeat on it, next page, next visit, its next page
        { MessageFrequency.Once, [DecisionOutcome.Show, DecisionOutcome.FrequencyCapped, DecisionOutcome.FrequencyCapped, DecisionOutcome.FrequencyCapped, DecisionOutcome.FrequencyCapped] },
        { MessageFrequency.OncePerVisit, [DecisionOutcome.Show, DecisionOutcome.FrequencyCapped, DecisionOutcome.FrequencyCapped, DecisionOutcome.Show, DecisionOutcome.FrequencyCapped] },
        { MessageFrequency.EveryTime, [DecisionOutcome.Show, DecisionOutcome.FrequencyCapped, DecisionOutcome.Show, DecisionOutcome.Show, DecisionOutcome.Show] },
    };

    [Theory]
    [MemberData(nameof(FrequencyJourneys))]
    public async Task Frequency_AcrossPageViewsAndVisits_SendsExactlyAsItsRuleAllows(MessageFrequency frequency, DecisionOutcome[] expected)
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: frequency));
        var outcomes = new List<DecisionOutcome>();

        async Task Step(string visitId, VisitorEventKind kind)
        {
            var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(), kind, visitId: visitId), EngineHarness.Token);
            outcomes.Add(decision.Outcome);
            if (decision.ShouldShow)
            {
                // Dismissed with X: it stops blocking, and may come back as its frequency allows.
                await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed, visitId);
            }
        }

        await Step("s1", VisitorEventKind.PageView);
        await Step("s1", VisitorEventKind.Heartbeat);
        await Step("s1", VisitorEventKind.PageView);
        await Step("s2", VisitorEventKind.PageView);
        await Step("s2", VisitorEventKind.PageView);

        Assert.Equal(expected, outcomes);
        Assert.Equal(1, (await harness.MetricsAsync(message.Id)).Sent);
    }
    [Fact]
    public async Task Visit_WithoutSessionId_StartsAfterTheDefaultInactivityGapOf30Minutes()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.OncePerVisit));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);

        harness.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync("v1")).Outcome);
        harness.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync("v1")).Outcome);
        harness.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task Visit_WithoutSessionId_UsesTheConfiguredInactivityGap()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { VisitInactivityGap = TimeSpan.FromMinutes(5) });
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.OncePerVisit));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync("v1")).Outcome);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
    }

    [Theory]
    [InlineData(-1, DecisionOutcome.FrequencyCapped)] // one tick short of the gap: the same visit
    [InlineData(0, DecisionOutcome.Show)] // exactly the gap: a new visit
    [InlineData(1, DecisionOutcome.Show)] // one tick past it: a new visit
    public async Task Visit_WithoutSessionId_StartsWhenTheGapSinceTheLastEventIsAtLeastTheInactivityGap(int ticksPastTheGap, DecisionOutcome expected)
    {
        var gap = TimeSpan.FromMinutes(30);
        using var harness = new EngineHarness(new ProactiveMessagingOptions { VisitInactivityGap = gap });
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.OncePerVisit));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);

        harness.Time.Advance(gap + TimeSpan.FromTicks(ticksPastTheGap));

        Assert.Equal(expected, (await harness.ViewAsync("v1")).Outcome);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(400)]
    public async Task Once_AfterManyIdleDays_IsStillNotSentAgain(int idleDays)
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.Once));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);

        harness.Time.Advance(TimeSpan.FromDays(idleDays));

        // A new visitor first: it gives the in-memory store its sweep of idle visitors.
        Assert.True((await harness.ViewAsync("v2")).ShouldShow);
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(FrequencyVerdict.AlreadySentOnce, Assert.Single((await harness.Engine.ExplainAsync(EngineHarness.Event("v1", harness.Visitor()), EngineHarness.Token)).Messages).FrequencyVerdict);
        Assert.Equal(2, (await harness.MetricsAsync(message.Id)).Sent);
    }

    [Fact]
    public async Task Visit_WithoutSessionId_IsKeptGoingByEventsOnPagesWhereNothingMatches()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.OncePerVisit));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);

        // An hour on the blog, one page every 10 minutes: never inactive for 30 minutes.
        for (var i = 0; i < 6; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(DecisionOutcome.NoConditionsMet, (await harness.ViewAsync("v1", EngineHarness.BlogUrl)).Outcome);
        }

        harness.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task PageViews_WithoutPageViewIds_AreCountedFromPageViewEvents()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.EveryTime));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed);

        for (var i = 0; i < 3; i++)
        {
            harness.Time.Advance(TimeSpan.FromSeconds(15));
            Assert.Equal(DecisionOutcome.FrequencyCapped, (await harness.HeartbeatAsync("v1")).Outcome);
        }

        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
    }

    [Theory]
    [InlineData(VisitorOutcome.Opened, true)]
    [InlineData(VisitorOutcome.Dismissed, true)]
    [InlineData(VisitorOutcome.WindowClosed, true)]
    [InlineData(VisitorOutcome.WindowClosed, false)]
    public async Task OneMessageAtATime_BlocksOthersUntilTheVisitorActsOnIt(VisitorOutcome outcome, bool withMessageId)
    {
        using var harness = new EngineHarness();
        var first = await harness.PublishAsync(EngineHarness.Agent("First", MessageFrequency.OncePerVisit, priority: 2));
        var second = await harness.PublishAsync(EngineHarness.Agent("Second", MessageFrequency.OncePerVisit, priority: 1));
        Assert.Equal(first.Id, (await harness.ViewAsync("v1")).Message!.MessageId);

        Assert.Equal(DecisionOutcome.AnotherMessageShowing, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(DecisionOutcome.AnotherMessageShowing, (await harness.HeartbeatAsync("v1")).Outcome);

        // An outcome about another message does not end the showing.
        await harness.OutcomeAsync("v1", second.Id, VisitorOutcome.Dismissed);
        Assert.Equal(DecisionOutcome.AnotherMessageShowing, (await harness.ViewAsync("v1")).Outcome);

        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", withMessageId ? first.Id : null, outcome));
        Assert.Equal(second.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Fact]
    public async Task OneMessageAtATime_ANewVisitEndsTheShowing()
    {
        using var harness = new EngineHarness();
        var first = await harness.PublishAsync(EngineHarness.Agent("First", MessageFrequency.OncePerVisit, priority: 2));
        Assert.Equal(first.Id, (await harness.ViewAsync("v1", visitId: "s1")).Message!.MessageId);
        Assert.Equal(DecisionOutcome.AnotherMessageShowing, (await harness.ViewAsync("v1", visitId: "s1")).Outcome);

        Assert.Equal(first.Id, (await harness.ViewAsync("v1", visitId: "s2")).Message!.MessageId);
    }

    [Fact]
    public async Task OpenConversation_BlocksMessagesUntilItEnds()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());
        await harness.OutcomeAsync("v1", null, VisitorOutcome.ConversationStarted);

        Assert.Equal(DecisionOutcome.ConversationOpen, (await harness.ViewAsync("v1")).Outcome);
        await harness.OutcomeAsync("v1", null, VisitorOutcome.ConversationEnded);
        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task OpenConversation_WhenTheOptionsAllowIt_DoesNotBlock()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { AllowWhileConversationOpen = true });
        await harness.PublishAsync(EngineHarness.Agent());
        await harness.OutcomeAsync("v1", null, VisitorOutcome.ConversationStarted);

        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task FatigueCap_Lifetime_StopsEveryMessageForTheVisitorForGood()
    {
        using var harness = new EngineHarness(new ProactiveMessagingOptions { LifetimeCap = 2 });
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.OncePerVisit));

        var outcomes = new List<DecisionOutcome>();
        for (var visit = 1; visit <= 4; visit++)
        {
            var decision = await harness.ViewAsync("v1", visitId: $"s{visit}");
            outcomes.Add(decision.Outcome);
            await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed, $"s{visit}");
            harness.Time.Advance(TimeSpan.FromDays(2));
        }

        Assert.Equal([DecisionOutcome.Show, DecisionOutcome.Show, DecisionOutcome.FatigueCapped, DecisionOutcome.FatigueCapped], outcomes);
        Assert.Equal(DecisionOutcome.Show, (await harness.ViewAsync("v2")).Outcome);
    }

    [Fact]
    public async Task FatigueCap_TwoPerVisitAndThreePerDay_LimitsEachWindow()
    {
        var options = new ProactiveMessagingOptions { PerVisitCap = 2 };
        options.FatigueWindows.Add(new FatigueWindow(3, NodaTime.Duration.FromDays(1)));
        using var harness = new EngineHarness(options);
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.EveryTime));

        async Task<DecisionOutcome> PageAsync(string visit)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            var decision = await harness.ViewAsync("v1", visitId: visit);
            await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Dismissed, visit);
            return decision.Outcome;
        }

        // Visit 1: two, then the per-visit cap.
        Assert.Equal(DecisionOutcome.Show, await PageAsync("s1"));
        Assert.Equal(DecisionOutcome.Show, await PageAsync("s1"));
        Assert.Equal(DecisionOutcome.FatigueCapped, await PageAsync("s1"));

        // Visit 2 the same day: one more, then the daily window.
        Assert.Equal(DecisionOutcome.Show, await PageAsync("s2"));
        Assert.Equal(DecisionOutcome.FatigueCapped, await PageAsync("s2"));

        // A day after the first sends, the window has room again.
        harness.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(DecisionOutcome.Show, await PageAsync("s3"));
    }

    [Fact]
    public async Task Priority_HigherPriorityWins_EvenWhenPublishedEarlier()
    {
        using var harness = new EngineHarness();
        var high = await harness.PublishAsync(EngineHarness.Agent("High", priority: 5));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.PublishAsync(EngineHarness.Agent("Low", priority: 1));

        Assert.Equal(high.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Fact]
    public async Task Priority_OnATie_TheMostRecentlyPublishedWins()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent("Older"));
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var newer = await harness.PublishAsync(EngineHarness.Agent("Newer"));

        Assert.Equal(newer.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Fact]
    public async Task Priority_OnATieAtTheSameInstant_TheSmallerIdWins()
    {
        using var harness = new EngineHarness();
        var first = await harness.PublishAsync(EngineHarness.Agent("First"));
        var second = await harness.PublishAsync(EngineHarness.Agent("Second"));
        Assert.Equal(first.PublishedAt, second.PublishedAt);
        Assert.True(string.CompareOrdinal(first.Id, second.Id) < 0);

        Assert.Equal(first.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(first.Id, (await harness.ViewAsync($"other{i}")).Message!.MessageId);
        }
    }

    [Fact]
    public async Task Priority_ACandidateRefusedByItsFrequency_GivesWayToTheNext()
    {
        using var harness = new EngineHarness();
        var once = await harness.PublishAsync(EngineHarness.Agent("Once", MessageFrequency.Once, priority: 2));
        var every = await harness.PublishAsync(EngineHarness.Agent("Every", MessageFrequency.EveryTime, priority: 1));
        Assert.Equal(once.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
        await harness.OutcomeAsync("v1", once.Id, VisitorOutcome.Dismissed);

        Assert.Equal(every.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Theory]
    // Business hours are 09:00 to 17:00 in London (GMT in early March), half-open.
    [InlineData("2025-03-03T10:00:00Z", MessageTiming.BusinessHours, DecisionOutcome.Show)]
    [InlineData("2025-03-03T10:00:00Z", MessageTiming.OutsideBusinessHours, DecisionOutcome.OutsideTiming)]
    [InlineData("2025-03-03T10:00:00Z", MessageTiming.Anytime, DecisionOutcome.Show)]
    [InlineData("2025-03-03T16:59:59Z", MessageTiming.BusinessHours, DecisionOutcome.Show)]
    [InlineData("2025-03-03T17:00:00Z", MessageTiming.BusinessHours, DecisionOutcome.OutsideTiming)]
    [InlineData("2025-03-03T17:00:00Z", MessageTiming.OutsideBusinessHours, DecisionOutcome.Show)]
    [InlineData("2025-03-03T23:30:00Z", MessageTiming.Anytime, DecisionOutcome.Show)]
    [InlineData("2025-03-04T08:59:59Z", MessageTiming.BusinessHours, DecisionOutcome.OutsideTiming)]
    [InlineData("2025-03-04T08:59:59Z", MessageTiming.OutsideBusinessHours, DecisionOutcome.Show)]
    [InlineData("2025-03-04T09:00:00Z", MessageTiming.BusinessHours, DecisionOutcome.Show)]
    // After the clocks go forward on 30 March, 09:00 in London is 08:00 UTC.
    [InlineData("2025-03-31T08:00:00Z", MessageTiming.BusinessHours, DecisionOutcome.Show)]
    [InlineData("2025-03-31T16:00:00Z", MessageTiming.BusinessHours, DecisionOutcome.OutsideTiming)]
    public async Task Timing_AgainstTheClock_SendsOnlyWhenItsTimingAllows(string at, MessageTiming timing, DecisionOutcome expected)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent(timing: timing));
        harness.Time.Advance(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) - harness.Time.GetUtcNow());

        Assert.Equal(expected, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task Timing_FollowsTheClockAcrossTheClosingTime()
    {
        using var harness = new EngineHarness();
        var inside = await harness.PublishAsync(EngineHarness.Agent("Inside", MessageFrequency.EveryTime, timing: MessageTiming.BusinessHours));
        var outside = await harness.PublishAsync(EngineHarness.Agent("Outside", MessageFrequency.EveryTime, timing: MessageTiming.OutsideBusinessHours));

        harness.Time.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(59));
        Assert.Equal(inside.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
        await harness.OutcomeAsync("v1", inside.Id, VisitorOutcome.Dismissed);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(outside.Id, (await harness.ViewAsync("v1")).Message!.MessageId);
    }

    [Fact]
    public async Task Timing_OnAChannelWithoutASchedule_NeverSendsBusinessHoursMessages()
    {
        using var harness = new EngineHarness(snapshot: Snapshots.Healthy with { DefaultScheduleId = null });
        await harness.PublishAsync(EngineHarness.Agent(timing: MessageTiming.BusinessHours));

        Assert.Equal(DecisionOutcome.OutsideTiming, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task Conditions_NotMetWhileTheTimingAllows_SaysNoConditionsMet()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());

        Assert.Equal(DecisionOutcome.NoConditionsMet, (await harness.ViewAsync("v1", EngineHarness.BlogUrl)).Outcome);
    }
}
