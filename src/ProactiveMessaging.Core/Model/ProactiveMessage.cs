using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Model.Internal;

namespace ProactiveMessaging.Model;

/// <summary>
/// A proactive message: its <see cref="Definition"/> as written, its identity, lifecycle status,
/// metrics and timestamps.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. A message cannot be constructed without validation: create a Draft
/// with <see cref="CreateDraft"/>, read one with the JSON format, and change one through the
/// catalog's actions. Equality is structural over every property.
/// </remarks>
public sealed class ProactiveMessage : IEquatable<ProactiveMessage>
{
    internal ProactiveMessage(
        string id,
        MessageDefinition definition,
        MessageStatus status,
        ImmutableArray<Problem> problems,
        MessageMetrics metrics,
        Instant updatedAt,
        Instant? publishedAt,
        long version)
    {
        Id = id;
        Definition = definition;
        Status = status;
        Problems = problems.IsDefault ? [] : problems;
        Metrics = metrics;
        UpdatedAt = updatedAt;
        PublishedAt = publishedAt;
        Version = version;
    }

    /// <summary>Gets the message's id, unique in its workspace.</summary>
    public string Id { get; }

    /// <summary>Gets what the administrator wrote: name, channel, reply, rules, timing, frequency, priority, campaign window.</summary>
    public MessageDefinition Definition { get; }

    /// <summary>Gets the message's name.</summary>
    public string Name => Definition.Name;

    /// <summary>Gets the id of the message's channel, or <see langword="null"/> for a Draft without one.</summary>
    public string? ChannelId => Definition.ChannelId;

    /// <summary>Gets the reply.</summary>
    public MessageReply Reply => Definition.Reply;

    /// <summary>Gets the conditions and ticket tags.</summary>
    public MessageRules Rules => Definition.Rules;

    /// <summary>Gets when the message may be sent relative to business hours.</summary>
    public MessageTiming Timing => Definition.Timing;

    /// <summary>Gets how often one visitor may be sent the message.</summary>
    public MessageFrequency Frequency => Definition.Frequency;

    /// <summary>Gets the explicit priority (higher first).</summary>
    public int Priority => Definition.Priority;

    /// <summary>Gets the campaign window, or <see langword="null"/> when the message has none.</summary>
    public CampaignWindow? Window => Definition.Window;

    /// <summary>Gets the experiment, or <see langword="null"/> for none.</summary>
    public MessageExperiment? Experiment => Definition.Experiment;

    /// <summary>Gets the lifecycle status.</summary>
    public MessageStatus Status { get; }

    /// <summary>
    /// Gets the problems that put the message in <see cref="MessageStatus.Error"/>; empty in any other status.
    /// </summary>
    public ImmutableArray<Problem> Problems { get; }

    /// <summary>Gets the visitor counts: sent, opened, replied.</summary>
    public MessageMetrics Metrics { get; }

    /// <summary>Gets the instant of the last change to the definition or status.</summary>
    public Instant UpdatedAt { get; }

    /// <summary>Gets the instant the message was last published (or resumed), or <see langword="null"/> if never.</summary>
    public Instant? PublishedAt { get; }

    /// <summary>
    /// Gets the version for optimistic concurrency: a store refuses an update whose expected
    /// version is not the stored one. A new message has version 1.
    /// </summary>
    public long Version { get; }

    /// <summary>
    /// Validates a definition and creates a new <see cref="MessageStatus.Draft"/> with zero metrics
    /// and version 1.
    /// </summary>
    /// <param name="id">The id: 1 to 64 characters among letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>:</c>.</param>
    /// <param name="definition">The definition; it is normalised (name trimmed, tags de-duplicated).</param>
    /// <param name="createdAt">The creation instant, from the caller's clock.</param>
    /// <param name="validator">The validator; <see langword="null"/> for the default limits.</param>
    /// <returns>
    /// The Draft, with any <see cref="ProblemKind.Incomplete"/> problems that block its publishing;
    /// or every <see cref="ProblemKind.Malformed"/> problem when it cannot be saved.
    /// </returns>
    public static ValidationResult<ProactiveMessage> CreateDraft(string id, MessageDefinition definition, Instant createdAt, MessageValidator? validator = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        validator ??= MessageValidator.Default;
        var problems = ImmutableArray.CreateBuilder<Problem>();
        MessageValidator.ValidateId(id, "$.id", problems);
        var checkedDefinition = validator.Validate(definition);
        problems.AddRange(checkedDefinition.Problems);
        if (!checkedDefinition.Succeeded || problems.Any(p => p.Kind == ProblemKind.Malformed))
        {
            return ValidationResult<ProactiveMessage>.Failure(problems.ToImmutable());
        }

        var message = new ProactiveMessage(id, checkedDefinition.Value, MessageStatus.Draft, [], MessageMetrics.Zero, createdAt, null, 1);
        return ValidationResult<ProactiveMessage>.Success(message, problems.ToImmutable());
    }

    /// <summary>Returns a copy with the given parts replaced; used by the catalog's actions.</summary>
    internal ProactiveMessage With(
        MessageDefinition? definition = null,
        MessageStatus? status = null,
        ImmutableArray<Problem>? problems = null,
        MessageMetrics? metrics = null,
        Instant? updatedAt = null,
        Optional<Instant?> publishedAt = default,
        long? version = null,
        string? id = null) =>
        new(
            id ?? Id,
            definition ?? Definition,
            status ?? Status,
            problems ?? Problems,
            metrics ?? Metrics,
            updatedAt ?? UpdatedAt,
            publishedAt.HasValue ? publishedAt.Value : PublishedAt,
            version ?? Version);

    /// <inheritdoc/>
    public bool Equals(ProactiveMessage? other) =>
        other is not null
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && Definition.Equals(other.Definition)
        && Status == other.Status
        && Problems.SequenceEqual(other.Problems)
        && Metrics == other.Metrics
        && UpdatedAt == other.UpdatedAt
        && PublishedAt == other.PublishedAt
        && Version == other.Version;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ProactiveMessage);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Definition, Status, Metrics, UpdatedAt, Version);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} \"{Name}\" ({Status})";
}
