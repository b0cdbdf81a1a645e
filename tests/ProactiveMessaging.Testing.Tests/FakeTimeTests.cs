using NodaTime;

namespace ProactiveMessaging.Testing.Tests;

public sealed class FakeTimeTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 3, 10, 0);

    [Fact]
    public void NewClock_ReadsItsStart_AsAnInstantAndAsATimeProvider()
    {
        var time = new FakeTime(Start);

        Assert.Equal(Start, time.GetCurrentInstant());
        Assert.Equal(Start.ToDateTimeOffset(), time.GetUtcNow());
        Assert.Equal(Start, ((IClock)time).GetCurrentInstant());
    }

    [Fact]
    public void Advance_ByADuration_MovesBothReadings()
    {
        var time = new FakeTime(Start);

        time.Advance(Duration.FromMinutes(31));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(Start + Duration.FromMinutes(31) + Duration.FromSeconds(5), time.GetCurrentInstant());
        Assert.Equal(time.GetCurrentInstant().ToDateTimeOffset(), time.GetUtcNow());
    }

    [Fact]
    public void SetNow_MovesToTheInstant_AndNeverBack()
    {
        var time = new FakeTime(Start);
        var later = Start + Duration.FromDays(8);

        time.SetNow(later);

        Assert.Equal(later, time.GetCurrentInstant());
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetNow(Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(Duration.FromTicks(-1)));
        Assert.Equal(later, time.GetCurrentInstant());
    }

    [Fact]
    public async Task Advance_PastADelay_CompletesIt()
    {
        // The host's refresh loop waits on the TimeProvider: moving the clock is what wakes it.
        var time = new FakeTime(Start);
        var delay = Task.Delay(TimeSpan.FromMinutes(5), time, TestContext.Current.CancellationToken);

        time.Advance(Duration.FromMinutes(4));
        Assert.False(delay.IsCompleted);
        time.Advance(Duration.FromMinutes(1));

        await delay;
    }
}
