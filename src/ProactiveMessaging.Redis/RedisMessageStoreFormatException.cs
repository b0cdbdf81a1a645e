using System.Collections.Immutable;

namespace ProactiveMessaging.Redis;

/// <summary>
/// Thrown by a <see cref="RedisMessageStore"/> read when a stored value is not a message or workspace
/// settings that the store reads: written by something else, edited by hand, cut short, or
/// refused by the fields and limits the store was given.
/// </summary>
/// <remarks>
/// The store never skips such a value silently: the exception names the Redis key, the hash field
/// (the message id) and every problem found. Nothing was changed.
/// </remarks>
public sealed class RedisMessageStoreFormatException : ProactiveMessagingException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="key">The Redis key of the value.</param>
    /// <param name="field">The hash field of the value, or <see langword="null"/> for a string key.</param>
    /// <param name="problems">What is wrong with the value.</param>
    public RedisMessageStoreFormatException(string key, string? field, ImmutableArray<Problem> problems)
        : base(Describe(key, field, problems))
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Field = field;
        Problems = problems.IsDefault ? [] : problems;
    }

    /// <summary>Gets the Redis key of the value.</summary>
    public string Key { get; }

    /// <summary>Gets the hash field of the value (the message id), or <see langword="null"/> for a string key.</summary>
    public string? Field { get; }

    /// <summary>Gets what is wrong with the value.</summary>
    public ImmutableArray<Problem> Problems { get; }

    private static string Describe(string key, string? field, ImmutableArray<Problem> problems)
    {
        var where = field is null ? $"key '{key}'" : $"field '{field}' of key '{key}'";
        var first = problems.IsDefaultOrEmpty ? "unreadable" : problems[0].ToString();
        var more = problems.IsDefaultOrEmpty || problems.Length == 1 ? string.Empty : $" (and {problems.Length - 1} more problems)";
        return $"The value stored at {where} cannot be read: {first}{more}.";
    }
}
