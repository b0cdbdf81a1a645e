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

    [Fact]
    public async Task Metrics_AnOpenForAVisitorNeverSentTheMessage_IsNotCounted()
    {
        using var harness = new EngineHarness();
        var message = await harness.PublishAsync(EngineHarness.Agent());

        Assert.Equal(OutcomeRecording.Recorded, await harness.OutcomeAsync("stranger", message.Id, VisitorOutcome.Opened));

        Assert.Equal(MessageMetrics.Zero, await harness.MetricsAsync(message.Id));
    }
}
