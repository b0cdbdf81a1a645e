namespace ProactiveMessaging.Storage.Internal;

/// <summary>
/// A visitor's exposure to one message in the in-memory experiment store: the arm of its latest
/// exposure, that exposure's instant, and, per arm it was ever exposed in, what it was counted for
/// (<see cref="ExposedBit"/> and a bit per <see cref="Experiments.ArmMetric"/>), in 32 bytes.
/// </summary>
/// <remarks>
/// Each arm takes four bits, by its <see cref="ArmCounters.Index"/>: the first 16 arms of a message
/// fit in one word, later ones (a message edited many times) in an array added when first needed.
/// The record expires and is evicted by its exposure's instant: nothing about it matters once the
/// longest conversion window after it has passed.
/// </remarks>
internal struct Exposure : ITrackedValue
{
    /// <summary>The bit of an arm the visitor was counted in (<see cref="Experiments.ArmCounts.Visitors"/>); a metric's bit is <c>1 &lt;&lt; (int)metric</c>.</summary>
    internal const int ExposedBit = 1;

    private const int BitsPerArm = 4;
    private const int ArmsPerWord = 64 / BitsPerArm;

    private ulong _counted;
    private ulong[]? _more;

    /// <summary>Gets the arm of the latest exposure.</summary>
    internal ArmCounters Arm { readonly get; private set; }

    /// <summary>Gets the latest exposure's instant, in Unix ticks.</summary>
    internal long Ticks { readonly get; private set; }

    /// <inheritdoc/>
    public readonly long EvictionOrder => Ticks;

    /// <inheritdoc/>
    public readonly long LastSeenTicks => Ticks;

    /// <summary>Sets up a record that remembers nothing: a new visitor, or one forgotten.</summary>
    internal void Start(ArmCounters arm, long nowTicks)
    {
        this = default;
        Arm = arm;
        Ticks = nowTicks;
    }

    /// <summary>Records a new exposure: its arm, and its instant unless an exposure with a later one was recorded first (calls from nodes may arrive out of order).</summary>
    internal void Expose(ArmCounters arm, long nowTicks)
    {
        Arm = arm;
        if (nowTicks > Ticks)
        {
            Ticks = nowTicks;
        }
    }

    /// <summary>Whether the visitor was counted in the arm for <paramref name="bit"/>.</summary>
    internal readonly bool Has(int armIndex, int bit)
    {
        if (armIndex < ArmsPerWord)
        {
            return ((_counted >> (armIndex * BitsPerArm)) & (uint)bit) != 0;
        }

        var more = armIndex - ArmsPerWord;
        var word = more / ArmsPerWord;
        return _more is { } words && word < words.Length && ((words[word] >> (more % ArmsPerWord * BitsPerArm)) & (uint)bit) != 0;
    }

    /// <summary>Records that the visitor was counted in the arm for <paramref name="bit"/>.</summary>
    internal void Set(int armIndex, int bit)
    {
        if (armIndex < ArmsPerWord)
        {
            _counted |= (ulong)(uint)bit << (armIndex * BitsPerArm);
            return;
        }

        var more = armIndex - ArmsPerWord;
        var word = more / ArmsPerWord;
        if (_more is null || word >= _more.Length)
        {
            Array.Resize(ref _more, word + 1);
        }

        _more[word] |= (ulong)(uint)bit << (more % ArmsPerWord * BitsPerArm);
    }

    /// <inheritdoc/>
    public readonly bool ExpireIdle() => true;
}
