namespace Quickstart;

/// <summary>A clock the sample moves by hand, so that it can show business hours and visits.</summary>
public sealed class SampleClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
