using System.Collections.Immutable;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Model;

/// <summary>Who gets a message (<see cref="Conditions"/>) and the ticket tags added if the conversation creates a ticket.</summary>
/// <remarks>Immutable and thread-safe; equality compares the tags in order.</remarks>
public sealed record MessageRules
{
    /// <summary>Gets rules with no conditions and no tags, as an incomplete Draft carries.</summary>
    public static MessageRules Empty { get; } = new();

    /// <summary>Gets the root group of conditions, or <see langword="null"/> when none is written yet (incomplete).</summary>
    public ConditionGroup? Conditions { get; init; }

    /// <summary>Gets the ticket tags, in the order written.</summary>
    public ImmutableArray<string> Tags
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <inheritdoc/>
    public bool Equals(MessageRules? other) =>
        other is not null && Equals(Conditions, other.Conditions) && Tags.SequenceEqual(other.Tags, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Conditions);
        foreach (var tag in Tags)
        {
            hash.Add(tag, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
