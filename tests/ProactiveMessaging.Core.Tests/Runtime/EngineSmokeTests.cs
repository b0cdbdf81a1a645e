using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

public sealed class EngineSmokeTests
{
    [Fact]
    public async Task Decide_PublishedAgentMessage_IsShownOncePerVisitThenCapped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), timeProvider: time);
        var created = await catalog.CreateAsync("ws", Definitions.Agent(), TestContext.Current.CancellationToken);
        var message = created.GetValueOrThrow();
        var published = await catalog.PublishAsync("ws", message.Id, message.Version, Snapshots.Healthy, TestContext.Current.CancellationToken);
        Assert.True(published.Succeeded, string.Join("; ", published.Problems));
        using var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore(), timeProvider: time);
        Assert.Empty(engine.ApplyLiveSet(catalog.GetLiveSet("ws"), Snapshots.Healthy));

        var visitor = new VisitorContext(engine.Fields);
        visitor.SetPageUrl("https://shop.example/pricing");
        var visitorEvent = new VisitorEvent { WorkspaceId = "ws", ChannelId = Snapshots.WebChannel, VisitorId = "v1", Visitor = visitor, Kind = VisitorEventKind.PageView };
        var first = await engine.DecideAsync(visitorEvent, TestContext.Current.CancellationToken);
        Assert.Equal(DecisionOutcome.Show, first.Outcome);
        Assert.Equal(message.Id, first.Message!.MessageId);
        Assert.Equal(PresentationKind.LauncherBubble, first.Message.Presentation);

        var second = await engine.DecideAsync(visitorEvent, TestContext.Current.CancellationToken);
        Assert.Equal(DecisionOutcome.AnotherMessageShowing, second.Outcome);
        Assert.Equal(OutcomeRecording.Recorded, await engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = "ws", VisitorId = "v1", MessageId = message.Id, Outcome = VisitorOutcome.Opened }, TestContext.Current.CancellationToken));
        var third = await engine.DecideAsync(visitorEvent, TestContext.Current.CancellationToken);
        Assert.Equal(DecisionOutcome.FrequencyCapped, third.Outcome);
        var metrics = await engine.GetMetricsAsync("ws", message.Id, TestContext.Current.CancellationToken);
        Assert.Equal(1, metrics.Sent);
        Assert.Equal(1, metrics.Opened);
    }
}
