namespace ProactiveMessaging.Model;

/// <summary>
/// One A/B text variant of a message: its launcher text (with per-language texts) and, for an agent
/// reply, its follow-up, shown to the share of visitors its weight gives.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MessageVariant
{
    /// <summary>
    /// Gets the variant id, unique within the message; it follows the <see cref="IdRule"/> and is
    /// neither <c>control</c> nor <c>treatment</c> (the names of the other arms).
    /// </summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the share of the message's visitors shown this variant, in percent (more than 0, in steps of 0.01); the variants' weights sum to 100.</summary>
    public decimal Weight { get; init; }

    /// <summary>Gets the launcher text; an agent variant obeys the text-only rule, as the reply's own text does.</summary>
    public LocalizedText Text { get; init; } = LocalizedText.Empty;

    /// <summary>Gets the follow-up text for an agent reply, or <see langword="null"/> to keep the reply's own (never set on a bot reply).</summary>
    public LocalizedText? FollowUp { get; init; }
}
