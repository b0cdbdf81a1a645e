using NodaTime;

namespace ProactiveMessaging.Scheduling.Internal;

/// <summary>Reads a <see cref="TimeProvider"/> as a NodaTime <see cref="IClock"/>.</summary>
internal sealed class TimeProviderClock : IClock
{
    private readonly TimeProvider _timeProvider;

    public TimeProviderClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());
}
