using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Each event reads the clock once: visit tracking, business hours and the frequency store see one instant.</summary>
public sealed class ClockReadingTests
{
    [Theory]
    [InlineData(MessageTiming.BusinessHours, EngineHarness.PricingUrl, DecisionOutcome.Show)]
    [InlineData(MessageTiming.OutsideBusinessHours, EngineHarness.PricingUrl, DecisionOutcome.OutsideTiming)]
    [InlineData(MessageTiming.BusinessHours, EngineHarness.BlogUrl, DecisionOutcome.NoConditionsMet)]
    [InlineData(MessageTiming.Anytime, EngineHarness.PricingUrl, DecisionOutcome.Show)]
    public async Task Decide_ReadsTheClockOncePerEvent(MessageTiming timing, string url, DecisionOutcome expected)
    {
        var clock = new CountingTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start));
        using var harness = new EngineHarness(engineTime: clock);
        await harness.PublishAsync(EngineHarness.Agent(timing: timing, frequency: MessageFrequency.EveryTime));

        for (var i = 0; i < 3; i++)
        {
            var before = clock.UtcNowReads;
            var decision = await harness.ViewAsync("v" + i, url);

            Assert.Equal(expected, decision.Outcome);
            Assert.Equal(1, clock.UtcNowReads - before);
        }
    }

    [Theory]
    [InlineData("visit", "page", 0)] // Nothing to evaluate and nothing to track: no clock reading.
    [InlineData("visit", null, 1)] // The engine numbers the page views: the event is activity at an instant.
    [InlineData(null, null, 1)]
    public async Task Decide_OnAChannelWithoutLiveMessages_ReadsTheClockOnlyToTrackTheVisit(string? visitId, string? pageViewId, int reads)
    {
        var clock = new CountingTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start));
        using var harness = new EngineHarness(engineTime: clock);
        await harness.PublishAsync(EngineHarness.Agent());

        var before = clock.UtcNowReads;
        var decision = await harness.Engine.DecideAsync(EngineHarness.Event("v1", harness.Visitor(), channel: Snapshots.AppChannel, visitId: visitId, pageViewId: pageViewId), EngineHarness.Token);

        Assert.Equal(DecisionOutcome.NoLiveMessage, decision.Outcome);
        Assert.Equal(reads, clock.UtcNowReads - before);
    }

    [Fact]
    public async Task Decide_BusinessHoursAndStore_SeeTheSameInstant()
    {
        var store = new CountingFrequencyStore();
        using var harness = new EngineHarness(frequencyStore: store);
        await harness.PublishAsync(EngineHarness.Agent(timing: MessageTiming.BusinessHours));

        // 17:00 London is the closing time: a decision at that instant is outside the hours, and
        // the store, had it been asked, would have seen the same instant.
        harness.Time.SetUtcNow(new DateTimeOffset(2025, 3, 3, 16, 59, 59, TimeSpan.Zero));
        Assert.True((await harness.ViewAsync("v1")).ShouldShow);
        Assert.Equal(harness.Now, store.LastReservationNow);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DecisionOutcome.OutsideTiming, (await harness.ViewAsync("v2")).Outcome);
    }

    /// <summary>A time provider that counts how often the wall-clock instant is read.</summary>
    private sealed class CountingTimeProvider(TimeProvider inner) : TimeProvider
    {
        private int _utcNowReads;

        public int UtcNowReads => Volatile.Read(ref _utcNowReads);

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Increment(ref _utcNowReads);
            return inner.GetUtcNow();
        }

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }
}
