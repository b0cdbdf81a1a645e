using ProactiveMessaging.Experiments;

namespace ProactiveMessaging.Storage.Internal;

/// <summary>One arm of a message's experiment in the in-memory store: its id, its place among the message's arms, and its counts (each incremented with <see cref="Interlocked"/>).</summary>
internal sealed class ArmCounters(string armId, int index)
{
    internal long Visitors;
    internal long Opened;
    internal long Replied;
    internal long Converted;

    public string ArmId { get; } = armId;

    /// <summary>Gets the arm's place among its message's arms, in the order they were first counted: where a visitor's record keeps the arm's bits.</summary>
    public int Index { get; } = index;

    /// <summary>Gets whether this is the control, for which opened and replied never count.</summary>
    public bool IsControl { get; } = string.Equals(armId, ExperimentArms.Control, StringComparison.Ordinal);
}
