namespace ProactiveMessaging.Model;

/// <summary>
/// What an administrator writes for a message: everything but its identity, status, metrics and
/// timestamps. Any value can be put here; validation decides whether it may be saved or published.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record MessageDefinition
{
    /// <summary>Gets the message's name, short and descriptive.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the id of the one channel the message runs on, or <see langword="null"/> when not chosen yet.</summary>
    public string? ChannelId { get; init; }

    /// <summary>Gets the reply: an <see cref="AgentReply"/> or a <see cref="BotReply"/>.</summary>
    public MessageReply Reply { get; init; } = new AgentReply(LocalizedText.Empty);

    /// <summary>Gets the conditions and ticket tags.</summary>
    public MessageRules Rules { get; init; } = MessageRules.Empty;

    /// <summary>Gets when the message may be sent relative to business hours.</summary>
    public MessageTiming Timing { get; init; } = MessageTiming.Anytime;

    /// <summary>Gets how often one visitor may be sent the message.</summary>
    public MessageFrequency Frequency { get; init; } = MessageFrequency.OncePerVisit;

    /// <summary>
    /// Gets the explicit priority: when several Live messages of a channel qualify, the higher
    /// priority wins (then the most recently published, then the smaller id).
    /// </summary>
    public int Priority { get; init; }

    /// <summary>
    /// Gets the campaign window outside which the message is never shown, or <see langword="null"/>
    /// for a message that runs whenever its timing allows.
    /// </summary>
    public CampaignWindow? Window { get; init; }

    /// <summary>
    /// Gets the experiment (rollout, text variants, holdout control group, conversion goal), or
    /// <see langword="null"/> for a message sent to every visitor who qualifies with its one text.
    /// </summary>
    public MessageExperiment? Experiment { get; init; }
}
