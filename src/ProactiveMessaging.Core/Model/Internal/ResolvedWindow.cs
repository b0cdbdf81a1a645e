using System.Runtime.CompilerServices;
using NodaTime;

namespace ProactiveMessaging.Model.Internal;

/// <summary>
/// A <see cref="CampaignWindow"/> as two instants, <c>[Start, End)</c>, resolved once when a plan
/// is built; a message without a window has <see cref="Always"/>.
/// </summary>
internal readonly struct ResolvedWindow
{
    public ResolvedWindow(Instant start, Instant end)
        : this(start, end, resolved: true)
    {
    }

    private ResolvedWindow(Instant start, Instant end, bool resolved)
    {
        Start = start;
        End = end;
        IsResolved = resolved;
    }

    /// <summary>Gets the window of a message without one: inside at every instant.</summary>
    public static ResolvedWindow Always { get; } = new(Instant.MinValue, Instant.MaxValue);

    /// <summary>Gets the window of a message whose date bounds have no time zone to be read in: never inside.</summary>
    public static ResolvedWindow Unresolved { get; } = new(Instant.MaxValue, Instant.MinValue, resolved: false);

    /// <summary>Gets the first instant inside the window.</summary>
    public Instant Start { get; }

    /// <summary>Gets the first instant after the window.</summary>
    public Instant End { get; }

    /// <summary>Gets a value indicating whether the window could be resolved (its dates had a zone).</summary>
    public bool IsResolved { get; }

    /// <summary>Gets a value indicating whether no instant is inside the window.</summary>
    public bool IsEmpty => Start >= End;

    /// <summary>Whether an instant is inside the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(Instant now) => now >= Start && now < End;
}
