using System.Collections.Immutable;

namespace ProactiveMessaging.Lifecycle;

/// <summary>What the publish requirements need to know about one bot of a workspace.</summary>
/// <remarks>Immutable and thread-safe; equality is structural (the answer ids compare as a set).</remarks>
public sealed record BotInfo
{
    /// <summary>Creates a bot description.</summary>
    /// <param name="id">The bot id, as <see cref="ChannelInfo.BotId"/> names it.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> breaks the <see cref="IdRule"/>.</exception>
    public BotInfo(string id)
    {
        IdRule.ThrowIfInvalid(id);
        Id = id;
    }

    /// <summary>Gets the bot id.</summary>
    public string Id { get; }

    /// <summary>Gets the id of the brand the bot belongs to, or <see langword="null"/> when the workspace has a single brand.</summary>
    public string? BrandId { get; init; }

    /// <summary>Gets a value indicating whether the bot is active.</summary>
    public bool IsActive { get; init; }

    /// <summary>Gets a value indicating whether the bot was successfully published.</summary>
    public bool IsPublished { get; init; }

    /// <summary>Gets a value indicating whether the bot is a third-party bot rather than a flow-builder bot (not allowed for bot replies).</summary>
    public bool IsThirdParty { get; init; }

    /// <summary>Gets the ids of the bot's published answers (compared ordinally).</summary>
    public ImmutableHashSet<string> PublishedAnswerIds
    {
        get;
        init => field = value is null ? ImmutableHashSet<string>.Empty : value.WithComparer(StringComparer.Ordinal);
    } = ImmutableHashSet<string>.Empty;

    /// <inheritdoc/>
    public bool Equals(BotInfo? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && string.Equals(BrandId, other.BrandId, StringComparison.Ordinal)
        && IsActive == other.IsActive
        && IsPublished == other.IsPublished
        && IsThirdParty == other.IsThirdParty
        && PublishedAnswerIds.SetEquals(other.PublishedAnswerIds);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, BrandId, IsActive, IsPublished, IsThirdParty, PublishedAnswerIds.Count);
}
