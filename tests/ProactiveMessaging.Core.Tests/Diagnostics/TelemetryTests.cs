using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using ProactiveMessaging.Diagnostics;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Runtime;

namespace ProactiveMessaging.Tests.Diagnostics;

/// <summary>What a host observing the engine sees: counters by outcome, visitor counts, store errors, rate-limited logs, no personal data.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Decisions_AreCountedByOutcome()
    {
        using var harness = new EngineHarness();
        using var decisions = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        using var duration = new MetricCollector<double>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.DecisionDuration);
        await harness.PublishAsync(EngineHarness.Agent());

        await harness.ViewAsync("v1");
        await harness.ViewAsync("v1");
        await harness.ViewAsync("v2", EngineHarness.BlogUrl);
        await harness.ViewAsync(string.Empty);

        var byOutcome = decisions.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["outcome"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(
            new Dictionary<string, long> { ["Show"] = 1, ["AnotherMessageShowing"] = 1, ["NoConditionsMet"] = 1, ["InvalidEvent"] = 1 },
            byOutcome);
        Assert.Equal(4, duration.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task Decisions_AnsweredAfterAnAsynchronousStoreCall_AreRecordedOnceWithTheirOutcome()
    {
        var hanging = new HangingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: hanging);
        using var decisions = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Decisions);
        using var duration = new MetricCollector<double>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.DecisionDuration);
        await harness.PublishAsync(EngineHarness.Agent());

        var pending = harness.ViewAsync("v1");
        Assert.False(pending.IsCompleted);
        Assert.Empty(decisions.GetMeasurementSnapshot());
        hanging.Release();
        Assert.True((await pending).ShouldShow);

        var decision = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal("Show", decision.Tags["outcome"]);
        Assert.Equal("Show", Assert.Single(duration.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task SentOpenedReplied_CountVisitorsNotClicks()
    {
        using var harness = new EngineHarness();
        using var sent = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Sent);
        using var opened = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Opened);
        using var replied = new MetricCollector<long>(harness.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.Replied);
        var message = await harness.PublishAsync(EngineHarness.Agent(frequency: ProactiveMessaging.Model.MessageFrequency.EveryTime));

        foreach (var visitor in new[] { "v1", "v2" })
        {
            for (var page = 0; page < 2; page++)
            {
                await harness.ViewAsync(visitor);
                await harness.OutcomeAsync(visitor, message.Id, VisitorOutcome.Opened);
            }
        }

        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied);

        Assert.Equal(2, sent.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(2, opened.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, replied.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task StoreErrors_AreCountedByStoreAndReason()
    {
        var hanging = new HangingFrequencyStore();
        using var failing = new EngineHarness(frequencyStore: new ThrowingFrequencyStore());
        using var slow = new EngineHarness(frequencyStore: hanging);
        using var failingErrors = new MetricCollector<long>(failing.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.StoreErrors);
        using var slowErrors = new MetricCollector<long>(slow.Meters, ProactiveMessagingTelemetry.MeterName, ProactiveMessagingTelemetry.StoreErrors);
        await failing.PublishAsync(EngineHarness.Agent());
        await slow.PublishAsync(EngineHarness.Agent());

        await failing.ViewAsync("v1");
        var pending = slow.ViewAsync("v1").AsTask();
        slow.Time.Advance(ProactiveMessagingDefaults.StoreTimeout);
        await pending.WaitAsync(TimeSpan.FromSeconds(10), EngineHarness.Token);
        hanging.Release();

        var error = Assert.Single(failingErrors.GetMeasurementSnapshot());
        Assert.Equal("frequency", error.Tags["store"]);
        Assert.Equal("error", error.Tags["reason"]);
        var timeout = Assert.Single(slowErrors.GetMeasurementSnapshot());
        Assert.Equal("frequency", timeout.Tags["store"]);
        Assert.Equal("timeout", timeout.Tags["reason"]);
    }

    [Fact]
    public async Task StoreFailed_ManyFailuresInOneSecond_AreLoggedOnce_ThenReportedAsSuppressed()
    {
        using var harness = new EngineHarness(frequencyStore: new ThrowingFrequencyStore());
        await harness.PublishAsync(EngineHarness.Agent());

        for (var i = 0; i < 50; i++)
        {
            await harness.ViewAsync("v" + i);
            harness.Time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var first = Assert.Single(StoreFailures(harness));
        Assert.Equal(LogLevel.Warning, first.Level);
        Assert.IsType<InvalidOperationException>(first.Exception);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await harness.ViewAsync("late");

        var records = StoreFailures(harness);
        Assert.Equal(2, records.Count);
        Assert.Equal("frequency", records[1].GetStructuredStateValue("Store"));
        Assert.Equal("49", records[1].GetStructuredStateValue("Suppressed"));
    }

    [Fact]
    public async Task Telemetry_NeverCarriesAVisitorsNameOrEmail()
    {
        const string Name = "Ada Lovelace";
        const string Email = "ada.lovelace@example.com";
        using var harness = new EngineHarness();
        harness.Logger.ControlLevel(LogLevel.Trace, true);
        var measurements = new List<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == harness.Meters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(measurements, tags));
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Record(measurements, tags));
        listener.Start();
        var message = await harness.PublishAsync(EngineHarness.Agent() with
        {
            Reply = new ProactiveMessaging.Model.AgentReply("Hello!") { AskForName = true, AskForEmail = true, FollowUp = "Thanks" },
        });

        var visitor = harness.Visitor(EngineHarness.PricingUrl + "?email=" + Uri.EscapeDataString(Email) + "&name=" + Uri.EscapeDataString(Name));
        visitor.SetPageTitle("Pricing for " + Name);
        await harness.Engine.DecideAsync(EngineHarness.Event("v1", visitor), EngineHarness.Token);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Opened);
        await harness.OutcomeAsync("v1", message.Id, VisitorOutcome.Replied);
        await harness.Engine.DecideAsync(EngineHarness.Event(string.Empty, visitor), EngineHarness.Token);
        harness.Engine.ApplyLiveSet(harness.Catalog.GetLiveSet(EngineHarness.Workspace), ProactiveMessaging.Tests.Lifecycle.Snapshots.WithoutChannel(ProactiveMessaging.Tests.Lifecycle.Snapshots.WebChannel));

        var logged = harness.Logger.Collector.GetSnapshot();
        Assert.NotEmpty(logged);
        Assert.NotEmpty(measurements);
        foreach (var text in logged.Select(r => r.Message + " " + string.Join(" ", r.StructuredState ?? [])).Concat(measurements))
        {
            Assert.DoesNotContain("Ada", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Lovelace", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        }
    }

    private static List<Microsoft.Extensions.Logging.Testing.FakeLogRecord> StoreFailures(EngineHarness harness) =>
        [.. harness.Logger.Collector.GetSnapshot().Where(r => r.Id.Name == "StoreFailed")];

    private static void Record(List<string> measurements, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = string.Empty;
        foreach (var tag in tags)
        {
            text += tag.Key + "=" + tag.Value + " ";
        }

        lock (measurements)
        {
            measurements.Add(text);
        }
    }
}
