namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// Which measures a visitor was already counted for, for one message, in 16 bytes: the table's
/// use stamp with the counted bits in its low bits, and the last count's instant.
/// </summary>
internal struct MetricPair : ITrackedValue
{
    private const int CountedBits = 8;
    private const long CountedMask = (1L << CountedBits) - 1;

    private long _useAndCounted;
    private long _lastSeenTicks;

    /// <inheritdoc/>
    public readonly long EvictionOrder => _useAndCounted >> CountedBits;

    /// <inheritdoc/>
    public readonly long LastSeenTicks => _lastSeenTicks;

    /// <summary>Gets one bit per <see cref="Model.MessageMetric"/> the visitor was counted for.</summary>
    internal readonly int Counted => (int)(_useAndCounted & CountedMask);

    /// <summary>Sets up a new pair, counted for nothing yet.</summary>
    internal void Initialize(long use, long nowTicks)
    {
        _useAndCounted = use << CountedBits;
        _lastSeenTicks = nowTicks;
    }

    /// <summary>
    /// Marks a use. When the pair had been idle longer than the time to live, it forgets what it
    /// was counted for, as a pair never seen.
    /// </summary>
    internal void Touch(long use, long nowTicks, long timeToLiveTicks)
    {
        var expired = nowTicks - _lastSeenTicks > timeToLiveTicks;
        _useAndCounted = (use << CountedBits) | (expired ? 0 : _useAndCounted & CountedMask);
        if (nowTicks > _lastSeenTicks || expired)
        {
            _lastSeenTicks = nowTicks;
        }
    }

    /// <summary>Records that the visitor was counted for the measures in <paramref name="bits"/>.</summary>
    internal void Count(int bits) => _useAndCounted |= (uint)bits & CountedMask;

    /// <inheritdoc/>
    public readonly bool ExpireIdle() => true;
}
