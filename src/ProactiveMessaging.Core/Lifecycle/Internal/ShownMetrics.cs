using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>
/// The arithmetic of the metrics a catalog shows: a message's stored metrics (such as imported
/// history) plus the metrics store's counts. Saturating, because imported counts may be as large
/// as a <see cref="long"/> holds.
/// </summary>
internal static class ShownMetrics
{
    public static MessageMetrics Add(MessageMetrics stored, MessageMetrics counted) =>
        counted == MessageMetrics.Zero
            ? stored
            : new MessageMetrics(Add(stored.Sent, counted.Sent), Add(stored.Opened, counted.Opened), Add(stored.Replied, counted.Replied));

    /// <summary>What to store so that the shown metrics equal <paramref name="shown"/> while the store counts <paramref name="counted"/>: never below zero.</summary>
    public static MessageMetrics Subtract(MessageMetrics shown, MessageMetrics counted) =>
        new(Subtract(shown.Sent, counted.Sent), Subtract(shown.Opened, counted.Opened), Subtract(shown.Replied, counted.Replied));

    private static long Add(long x, long y)
    {
        var sum = unchecked(x + y);
        return sum < x ? long.MaxValue : sum;
    }

    private static long Subtract(long x, long y) => x > y ? x - y : 0;
}
