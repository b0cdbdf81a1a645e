using System.Collections.Immutable;

namespace ProactiveMessaging.Frequency;

/// <summary>
/// The workspace-wide limits that apply beside each message's own frequency: a lifetime cap, a
/// per-visit cap, sliding windows, and whether messages may be shown while the visitor's
/// conversation is open.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record FrequencyPolicy
{
    /// <summary>Gets a policy with no cap that blocks messages while a conversation is open.</summary>
    public static FrequencyPolicy Default { get; } = new();

    /// <summary>Gets the most proactive messages one visitor is ever sent, or <see langword="null"/> for no cap.</summary>
    public int? LifetimeCap { get; init; }

    /// <summary>Gets the most proactive messages one visitor is sent in one visit, or <see langword="null"/> for no cap.</summary>
    public int? PerVisitCap { get; init; }

    /// <summary>Gets the sliding windows, such as at most 3 in any 24 hours.</summary>
    public ImmutableArray<FatigueWindow> Windows
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>Gets a value indicating whether a message may be shown while the visitor's conversation is open.</summary>
    public bool AllowWhileConversationOpen { get; init; }

    /// <inheritdoc/>
    public bool Equals(FrequencyPolicy? other) =>
        other is not null && LifetimeCap == other.LifetimeCap && PerVisitCap == other.PerVisitCap
        && AllowWhileConversationOpen == other.AllowWhileConversationOpen && Windows.SequenceEqual(other.Windows);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(LifetimeCap, PerVisitCap, AllowWhileConversationOpen, Windows.Length);
}
