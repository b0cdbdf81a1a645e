using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// One visitor in the in-memory frequency store: the visitor's <see cref="VisitorFrequencyState"/>
/// and what the store's table needs to expire and evict it. Every member is used under
/// <c>lock (this)</c>; the rules themselves are <see cref="FrequencyRules"/>.
/// </summary>
internal sealed class VisitorState : TrackedEntry
{
    internal VisitorState(long use, long nowTicks)
    {
        LastUse = use;
        LastSeenTicks = nowTicks;
    }

    internal VisitorFrequencyState Frequency { get; } = new();

    /// <inheritdoc/>
    /// <remarks>A visitor who was sent a message stays: its records outlive idleness.</remarks>
    internal override bool ExpireIdle()
    {
        FrequencyRules.EndVisit(Frequency);
        return Frequency.IsForgettableWhenIdle;
    }

    /// <summary>Marks a use by the store's table (for eviction and the sweep's expiry).</summary>
    internal void Use(long use, long nowTicks)
    {
        LastUse = use;
        if (nowTicks > LastSeenTicks)
        {
            LastSeenTicks = nowTicks;
        }
    }
}
