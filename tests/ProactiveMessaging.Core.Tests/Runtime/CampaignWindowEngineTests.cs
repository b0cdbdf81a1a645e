using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// A message with a campaign window publishes through the catalog, and the engine shows it only
/// inside the window, says <see cref="DecisionOutcome.OutsideCampaignWindow"/> outside it, and
/// explains the window's verdict; the plan is built once and never again as the window opens and closes.
/// </summary>
/// <remarks>
/// The harness's clock starts on Monday 3 March 2025 at 10:00 UTC; the web channel uses the
/// workspace default schedule, in Europe/London, where summer time starts on Sunday 30 March 2025
/// at 01:00 UTC (that day has 23 hours).
/// </remarks>
public sealed class CampaignWindowEngineTests
{
    private static readonly Instant Opens = Instant.FromUtc(2025, 3, 10, 9, 0);
    private static readonly Instant Closes = Instant.FromUtc(2025, 3, 12, 18, 0);

    private static CampaignWindow InstantWindow { get; } = new() { Start = CampaignBound.At(Opens), End = CampaignBound.At(Closes) };

    [Fact]
    public async Task Decide_InstantWindow_ShowsFromItsStartInclusiveUntilItsEndExclusive_WithoutARebuild()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Window = InstantWindow });

        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("before")).Outcome);
        harness.Time.SetNow(Opens - Duration.Epsilon);
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("just-before")).Outcome);
        harness.Time.SetNow(Opens);
        Assert.Equal(message.Id, (await harness.ViewAsync("at-start")).Message?.MessageId);
        harness.Time.SetNow(Closes - Duration.Epsilon);
        Assert.Equal(message.Id, (await harness.ViewAsync("just-before-end")).Message?.MessageId);
        harness.Time.SetNow(Closes);
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("at-end")).Outcome);

        // Only the one Live set applied at publishing: the window opened and closed on the same plan.
        Assert.Single(harness.Logger.Collector.GetSnapshot(), r => r.Id.Name == "PlansUpdated");
    }

    [Fact]
    public async Task Decide_DateWindowOnTheDaySummerTimeStarts_CoversThat23HourDayInTheSchedulesZone()
    {
        using var harness = new EngineHarness();
        var day = new LocalDate(2025, 3, 30);
        var message = await harness.PublishAsync(EngineHarness.Agent() with { Window = new CampaignWindow { Start = CampaignBound.OnDate(day), End = CampaignBound.OnDate(day) } });

        // Midnight in London is still 00:00 UTC at the start of the day and 23:00 UTC at its end (BST).
        harness.Time.SetNow(Instant.FromUtc(2025, 3, 30, 0, 0) - Duration.Epsilon);
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("v1")).Outcome);
        harness.Time.SetNow(Instant.FromUtc(2025, 3, 30, 0, 0));
        Assert.Equal(message.Id, (await harness.ViewAsync("v2")).Message?.MessageId);
        harness.Time.SetNow(Instant.FromUtc(2025, 3, 30, 23, 0) - Duration.Epsilon);
        Assert.Equal(message.Id, (await harness.ViewAsync("v3")).Message?.MessageId);
        harness.Time.SetNow(Instant.FromUtc(2025, 3, 30, 23, 0));
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("v4")).Outcome);
    }

    [Fact]
    public async Task Decide_OutsideTheWindow_SaysOutsideCampaignWindowOnlyWhenTheWindowHeldAMatchBack()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent("Later campaign") with { Window = new CampaignWindow { Start = CampaignBound.At(Opens) } });
        await harness.PublishAsync(EngineHarness.Agent("Blog help") with { Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/blog")) } });

        // On the pricing page only the windowed message would match: the window is why nothing shows.
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("v1")).Outcome);

        // Elsewhere no message would match, window or not.
        Assert.Equal(DecisionOutcome.NoConditionsMet, (await harness.ViewAsync("v2", "https://shop.example/about")).Outcome);
    }

    [Fact]
    public async Task Decide_TimingAndWindowBothHoldAMatchBack_SaysOutsideTiming()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent("After hours", timing: MessageTiming.OutsideBusinessHours));
        await harness.PublishAsync(EngineHarness.Agent("Later campaign") with { Window = new CampaignWindow { Start = CampaignBound.At(Opens) } });

        // 10:00 in London, open: the after-hours message waits for the timing, the other for its window.
        Assert.Equal(DecisionOutcome.OutsideTiming, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task Decide_WhenTheScheduleOfADateWindowIsGone_NeverShowsIt()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent() with { Window = new CampaignWindow { Start = CampaignBound.OnDate(new LocalDate(2025, 1, 1)) } });
        harness.Snapshot = Snapshots.Healthy with { DefaultScheduleId = null };
        Assert.Empty(harness.Apply());

        var explanation = await harness.Engine.ExplainAsync(EngineHarness.Event("v1", harness.Visitor()), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(CampaignWindowVerdict.NoSchedule, explanation.Messages[0].WindowVerdict);
    }

    [Fact]
    public async Task Explain_GivesTheWindowsVerdictPerMessage_NotStartedInsideEnded()
    {
        using var harness = new EngineHarness();
        var windowed = await harness.PublishAsync(EngineHarness.Agent("Campaign", priority: 1) with { Window = InstantWindow });
        var plain = await harness.PublishAsync(EngineHarness.Agent("Always"));

        var before = await ExplainAsync(harness);
        harness.Time.SetNow(Opens);
        var inside = await ExplainAsync(harness);
        harness.Time.SetNow(Closes);
        var after = await ExplainAsync(harness);

        Assert.Equal(
            [CampaignWindowVerdict.NotStarted, CampaignWindowVerdict.Inside, CampaignWindowVerdict.Ended],
            new[] { before, inside, after }.Select(e => Find(e, windowed.Id).WindowVerdict));
        Assert.All(new[] { before, inside, after }, e => Assert.Equal(CampaignWindowVerdict.NoWindow, Find(e, plain.Id).WindowVerdict));
        Assert.Equal(InstantWindow, Find(before, windowed.Id).Window);
        Assert.False(Find(before, windowed.Id).IsCandidate);
        Assert.Equal((plain.Id, windowed.Id, plain.Id), (before.Decision.Message?.MessageId, inside.Decision.Message?.MessageId, after.Decision.Message?.MessageId));
        Assert.Contains("window: 2025-03-10T09:00:00Z to 2025-03-12T18:00:00Z, the campaign has not started", before.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_OutsideTheWindow_AgreesWithTheDecision()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent() with { Window = InstantWindow });

        var explanation = await ExplainAsync(harness);

        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, explanation.Outcome);
        Assert.Equal(explanation.Outcome, (await harness.ViewAsync("v1")).Outcome);
    }

    [Fact]
    public async Task WindowMessage_ReadFromJson_PublishesDecidesAndExplainsThroughTheCatalogAndTheEngine()
    {
        using var harness = new EngineHarness();
        var json = $$"""
            {
              "formatVersion": 1,
              "id": "spring-sale",
              "name": "Spring sale",
              "channelId": "{{Snapshots.WebChannel}}",
              "reply": { "type": "agent", "text": { "default": "Spring sale: ask us anything." } },
              "rules": { "conditions": { "all": [ { "field": "page.url", "operator": "contains", "value": "/pricing" } ] } },
              "timing": "anytime",
              "frequency": "everyTime",
              "window": { "start": "2025-03-31", "end": "2025-04-01T12:00:00Z" },
              "status": "draft",
              "metrics": { "sent": 0, "opened": 0, "replied": 0 },
              "updatedAt": "2025-03-01T00:00:00Z",
              "version": 1
            }
            """;
        var read = MessageJson.ReadMessage(json);
        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
        var published = await harness.PublishAsync(read.Value.Definition);
        var listed = await harness.Catalog.ListAsync(EngineHarness.Workspace, new MessageListQuery { SortBy = MessageSortColumn.Window }, EngineHarness.Token);
        Assert.Equal(read.Value.Window, listed.Items.Single(m => m.Id == published.Id).Window);

        // 31 March starts at 23:00 UTC on the 30th in London (summer time).
        harness.Time.SetNow(Instant.FromUtc(2025, 3, 30, 22, 59, 59));
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("v1")).Outcome);
        Assert.Equal(CampaignWindowVerdict.NotStarted, Find(await ExplainAsync(harness), published.Id).WindowVerdict);
        harness.Time.SetNow(Instant.FromUtc(2025, 3, 30, 23, 0));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        Assert.Equal(CampaignWindowVerdict.Inside, Find(await ExplainAsync(harness, "v2"), published.Id).WindowVerdict);
        harness.Time.SetNow(Instant.FromUtc(2025, 4, 1, 12, 0));
        Assert.Equal(DecisionOutcome.OutsideCampaignWindow, (await harness.ViewAsync("v3")).Outcome);
        Assert.Equal(CampaignWindowVerdict.Ended, Find(await ExplainAsync(harness, "v3"), published.Id).WindowVerdict);
    }

    [Fact]
    public async Task Decide_OutsideCampaignWindow_AllocatesNothing()
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent() with { Window = InstantWindow });
        var visitorEvent = EngineHarness.Event("v1", harness.Visitor(), VisitorEventKind.Heartbeat);

        AllocationTests.AssertAllocatesNothing(() => OutcomeOf(harness.Engine.DecideAsync(visitorEvent, EngineHarness.Token)) == DecisionOutcome.OutsideCampaignWindow);
    }

    private static DecisionOutcome OutcomeOf(ValueTask<Decision> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result.Outcome;
    }

    private static async Task<EventExplanation> ExplainAsync(EngineHarness harness, string visitorId = "explained") =>
        await harness.Engine.ExplainAsync(EngineHarness.Event(visitorId, harness.Visitor()), EngineHarness.Token);

    private static MessageExplanation Find(EventExplanation explanation, string messageId) =>
        explanation.Messages.Single(m => m.MessageId == messageId);
}
