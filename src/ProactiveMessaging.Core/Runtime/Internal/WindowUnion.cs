using NodaTime;
using ProactiveMessaging.Model.Internal;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The union of some messages' campaign windows as sorted, disjoint intervals: whether any of them
/// is open at an instant is one binary search, however many messages there are. Immutable.
/// </summary>
internal sealed class WindowUnion
{
    private readonly Instant[] _starts;
    private readonly Instant[] _ends;

    private WindowUnion(Instant[] starts, Instant[] ends)
    {
        _starts = starts;
        _ends = ends;
    }

    /// <summary>Merges windows (empty ones add nothing; overlapping and touching ones become one).</summary>
    public static WindowUnion Of(IEnumerable<ResolvedWindow> windows)
    {
        var starts = new List<Instant>();
        var ends = new List<Instant>();
        foreach (var window in windows.Where(window => !window.IsEmpty).OrderBy(window => window.Start))
        {
            if (ends.Count > 0 && window.Start <= ends[^1])
            {
                ends[^1] = Instant.Max(ends[^1], window.End);
            }
            else
            {
                starts.Add(window.Start);
                ends.Add(window.End);
            }
        }

        return new WindowUnion([.. starts], [.. ends]);
    }

    /// <summary>Whether one of the windows holds the instant (each from its start, included, to its end, excluded).</summary>
    public bool Contains(Instant now)
    {
        var i = Array.BinarySearch(_starts, now);
        if (i < 0)
        {
            // The last window starting before the instant.
            i = ~i - 1;
        }

        return i >= 0 && now < _ends[i];
    }
}
