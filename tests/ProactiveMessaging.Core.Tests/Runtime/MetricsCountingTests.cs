using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Sent, opened and replied count visitors, not clicks.</summary>
public sealed class MetricsCountingTests
{
    [Fact]
    public async Task Metrics_AVisitorOpeningAndReplyingTwice_CountsOnce()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent());
        await harness.ViewAsync("v1");

        for (var i = 0; i < 2; i++)
        {
            await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);
            await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied);
        }

        Assert.Equal(new MessageMetrics(1, 1, 1), await harness.MetricsAsync(message.Id));
    }

    [Fact]
    public async Task Metrics_AMessageSentToOneVisitorOnManyPages_CountsOneVisitor()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: MessageFrequency.EveryTime));

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await harness.ViewAsync("v1")).ShouldShow);
            await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);
        }

        Assert.True((await harness.ViewAsync("v2")).ShouldShow);
        Assert.Equal(new MessageMetrics(2, 1, 0), await harness.MetricsAsync(message.Id));
    }

    [Theory]
    [InlineData(VisitorOutcome.Opened)]
    [InlineData(VisitorOutcome.Replied)]
    [InlineData(VisitorOutcome.Dismissed)]
    [InlineData(VisitorOutcome.WindowClosed)]
    public async Task Outcome_ForAVisitorNeverSentTheMessage_IsIgnored_AndCountsNothing(VisitorOutcome outcome)
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent());
        var other = await harness.PublishAsync(EngineHarness.Agent("Other", priority: -1));
        Assert.Equal(message.Id, (await harness.ViewAsync("v1")).Message!.MessageId);

        Assert.Equal(OutcomeRecording.Ignored, await harness.OutcomeAsync("stranger", message.Id, outcome));
        Assert.Equal(OutcomeRecording.Ignored, await harness.OutcomeAsync("v1", other.Id, outcome));

        Assert.Equal(new MessageMetrics(1, 0, 0), await harness.MetricsAsync(message.Id));
        Assert.Equal(MessageMetrics.Zero, await harness.MetricsAsync(other.Id));
    }

    [Fact]
    public async Task Outcome_ForASentMessage_IsRecorded_EvenWhenTheVisitorAlreadyCounted()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent());
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);

        // In a later visit too: the send is what makes an outcome about the message count.
        harness.Time.Advance(TimeSpan.FromHours(3));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened));
            Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied));
        }

        Assert.Equal(new MessageMetrics(1, 1, 1), await harness.MetricsAsync(message.Id));
    }

    [Theory]
    [InlineData(VisitorOutcome.ConversationStarted)]
    [InlineData(VisitorOutcome.ConversationEnded)]
    [InlineData(VisitorOutcome.WindowClosed)]
    public async Task Outcome_NamingNoMessage_IsRecorded_ForAnyVisitor(VisitorOutcome outcome)
    {
        using var harness = new EngineHarness();
        await harness.PublishAsync(EngineHarness.Agent());

        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("stranger", null, outcome));
    }

    [Fact]
    public async Task Counting_PassesTheEnginesClockReadingToTheMetricsStore()
    {
        var metrics = new InstantRecordingMetricsStore();
        using var harness = new EngineHarness(metricsStore: metrics);
        var message = await harness.PublishAsync(EngineHarness.Agent());
        var sentAt = harness.Now;
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);

        Assert.Equal([(MessageMetric.Sent, sentAt), (MessageMetric.Opened, sentAt + NodaTime.Duration.FromMinutes(5))], metrics.Calls);
    }

    /// <summary>An in-memory metrics store that keeps the instant of every count.</summary>
    private sealed class InstantRecordingMetricsStore : IMetricsStore
    {
        private readonly InMemoryMetricsStore _inner = new();

        public List<(MessageMetric Metric, NodaTime.Instant Now)> Calls { get; } = [];

        public ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, NodaTime.Instant now, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add((metric, now));
            }

            return _inner.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);
        }

        public ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) =>
            _inner.GetAsync(workspaceId, messageId, cancellationToken);
    }
}
