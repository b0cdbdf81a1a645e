namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The pattern time-out instrument's reading: the time-outs of every planned message's compiled
/// conditions, summed when a listener collects (never on the hot path).
/// </summary>
/// <remarks>Thread-safe: it reads immutable plans, each counter with its own atomic read.</remarks>
internal sealed class PatternTimeoutGauge(EnginePlans plans)
{
    public long Read()
    {
        long total = 0;
        foreach (var workspace in plans.All)
        {
            foreach (var channel in workspace.Channels.Values)
            {
                foreach (var message in channel.Messages)
                {
                    total += message.Conditions.PatternTimeouts;
                }
            }
        }

        return total;
    }
}
