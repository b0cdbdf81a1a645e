namespace ProactiveMessaging.Storage.Internal;

/// <summary>A message's counts, each incremented with <see cref="Interlocked"/>.</summary>
internal sealed class MessageCounters
{
    internal long Sent;
    internal long Opened;
    internal long Replied;
}
