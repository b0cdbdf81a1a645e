using NodaTime;

namespace ProactiveMessaging.Tool.Simulation;

/// <summary>
/// The engine's clock in the tool: it reads the instant the tool sets (the explained event's, or the
/// replayed log's current event's), never the machine's clock, so a replay decides as the log's
/// own time says.
/// </summary>
/// <remarks>Not thread-safe: set and read by the one replay loop.</remarks>
internal sealed class LogClock : TimeProvider
{
    // Both forms kept: the replay reads the instant a few times per line, the engine the offset once.
    private Instant _instant;
    private DateTimeOffset _now;

    public LogClock(Instant start)
    {
        Now = start;
    }

    public Instant Now
    {
        get => _instant;
        set
        {
            _instant = value;
            _now = value.ToDateTimeOffset();
        }
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
