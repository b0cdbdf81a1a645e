namespace ProactiveMessaging.Lifecycle;

/// <summary>What the publish requirements need to know about one messaging channel of a workspace.</summary>
/// <remarks>Immutable and thread-safe; equality is structural.</remarks>
public sealed record ChannelInfo
{
    /// <summary>Creates a channel description.</summary>
    /// <param name="id">The channel id, as a message's <see cref="Model.MessageDefinition.ChannelId"/> names it.</param>
    /// <param name="kind">The kind of channel.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> breaks the <see cref="IdRule"/>.</exception>
    public ChannelInfo(string id, ChannelKind kind)
    {
        IdRule.ThrowIfInvalid(id);
        Id = id;
        Kind = kind;
    }

    /// <summary>Gets the channel id.</summary>
    public string Id { get; }

    /// <summary>Gets the kind of channel.</summary>
    public ChannelKind Kind { get; }

    /// <summary>Gets the id of the brand the channel belongs to, or <see langword="null"/> when the workspace has a single brand.</summary>
    public string? BrandId { get; init; }

    /// <summary>Gets a value indicating whether the channel's conversations are run by the flow builder (required for bot replies).</summary>
    public bool UsesFlowBuilder { get; init; }

    /// <summary>Gets the id of the bot connected to the channel, or <see langword="null"/> when none is.</summary>
    public string? BotId { get; init; }

    /// <summary>Gets the name of the channel's default sender, which agent replies are sent as; <see langword="null"/> when none is set.</summary>
    public string? DefaultSenderName { get; init; }

    /// <summary>
    /// Gets the id of the channel's business-hours schedule, or <see langword="null"/> to use the
    /// workspace default (<see cref="WorkspaceSnapshot.DefaultScheduleId"/>).
    /// </summary>
    public string? ScheduleId { get; init; }
}
