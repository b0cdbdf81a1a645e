using Microsoft.Extensions.Logging;
using ProactiveMessaging.Diagnostics.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// Reports failed store calls: every failure is counted on the store-errors instrument, and at most
/// one log line a second is written, carrying the number of failures left unlogged since the last line.
/// </summary>
/// <remarks>
/// Thread-safe and lock-free. A store that fails for every event must not turn each decision into a
/// log line: the host would drown in them exactly when it needs to see what happened.
/// </remarks>
internal sealed class StoreFailureLog(ILogger logger, EngineMetrics telemetry, TimeProvider timeProvider)
{
    public const string Frequency = "frequency";
    public const string Metrics = "metrics";
    public const string Experiments = "experiments";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _suppressed;
    private long _lastLogTimestamp;

    public void Report(string store, bool timeout, Exception exception)
    {
        telemetry.StoreError(store, timeout);

        var now = timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastLogTimestamp);
        if ((last != 0 && timeProvider.GetElapsedTime(last, now) < Interval)
            || Interlocked.CompareExchange(ref _lastLogTimestamp, now, last) != last)
        {
            Interlocked.Increment(ref _suppressed);
            return;
        }

        Log.StoreFailed(logger, store, timeout ? "timeout" : exception.GetType().Name, Interlocked.Exchange(ref _suppressed, 0), timeout ? null : exception);
    }
}
