using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

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
}
