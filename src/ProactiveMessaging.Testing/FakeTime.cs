using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace ProactiveMessaging.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that speaks NodaTime: starts at an <see cref="Instant"/>, moves
/// by a <see cref="Duration"/>, and answers <see cref="GetCurrentInstant"/>. Hand it to the engine,
/// the catalog or a host wherever a <see cref="TimeProvider"/> goes, and to code that takes an
/// <see cref="IClock"/>; every reader then sees the same time, which moves only when the test moves it.
/// </summary>
/// <remarks>
/// Thread-safe, as <see cref="FakeTimeProvider"/> is. Time only moves forward (as with
/// <see cref="FakeTimeProvider.SetUtcNow"/>); timers created from it fire when it moves past them.
/// </remarks>
public sealed class FakeTime : FakeTimeProvider, IClock
{
    /// <summary>Creates a clock that reads <paramref name="start"/> until it is moved.</summary>
    /// <param name="start">The first instant it reads.</param>
    public FakeTime(Instant start)
        : base(start.ToDateTimeOffset())
    {
    }

    /// <summary>Gets the instant it reads now.</summary>
    /// <returns>The current instant.</returns>
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(GetUtcNow());

    /// <summary>Moves time forward by <paramref name="duration"/>.</summary>
    /// <param name="duration">How far to move; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public void Advance(Duration duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, Duration.Zero);
        Advance(duration.ToTimeSpan());
    }

    /// <summary>Moves time forward to <paramref name="now"/>.</summary>
    /// <param name="now">The instant it reads from now on; not before the current one.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="now"/> is before the current instant.</exception>
    public void SetNow(Instant now) => SetUtcNow(now.ToDateTimeOffset());
}
