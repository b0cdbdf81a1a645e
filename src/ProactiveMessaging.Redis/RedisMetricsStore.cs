using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis;

/// <summary>
/// An <see cref="IMetricsStore"/> on Redis for hosts on many nodes: exact per-visitor counts that
/// every node shares.
/// </summary>
/// <remarks>
/// <para>
/// Per message, two hashes in one Redis Cluster slot (hash tag <c>{workspaceId:messageId}</c>):
/// <c>{prefix}{{workspaceId:messageId}}:v</c> maps each counted visitor to the measures it counted
/// for (a bit each), and <c>{prefix}{{workspaceId:messageId}}:c</c> holds the three counts. One
/// script checks and sets the visitor's bit and increments the count together, so a visitor counts
/// once per measure across all nodes, opened and replied only after sent, and a read (one
/// <c>HMGET</c>) never sees more opened than sent. Nothing expires: the counts stay exact.
/// </para>
/// <para>Thread-safe. The instant of a count is not needed: nothing is forgotten by time.</para>
/// </remarks>
public sealed class RedisMetricsStore : IMetricsStore
{
    // KEYS[1] visitors hash, KEYS[2] counts hash; ARGV[1] visitor, ARGV[2] the measure's bit,
    // ARGV[3] the count's field. Answers 1 when this call counted the visitor, else 0.
    private const string Count = """
        local bits = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
        local bit = tonumber(ARGV[2])
        if bit ~= 1 and bits % 2 == 0 then
          return 0
        end
        if math.floor(bits / bit) % 2 == 1 then
          return 0
        end
        redis.call('HSET', KEYS[1], ARGV[1], bits + bit)
        redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
        return 1
        """;

    private static readonly RedisValue[] CountFields = ["sent", "opened", "replied"];

    private readonly IConnectionMultiplexer _connection;
    private readonly string _prefix;

    /// <summary>Creates a store.</summary>
    /// <param name="connection">The connection, shared with the host's other Redis users.</param>
    /// <param name="keyPrefix">The prefix of every key the store writes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="keyPrefix"/> is <see langword="null"/>.</exception>
    public RedisMetricsStore(IConnectionMultiplexer connection, string keyPrefix = "pm:")
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = connection;
        _prefix = keyPrefix;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined value.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<bool> RecordAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(visitorId), nameof(visitorId));
        if (metric is < MessageMetric.Sent or > MessageMetric.Replied)
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "The metric is not a defined value.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var tag = Tag(workspaceId, messageId);
        var answer = await _connection.GetDatabase().ScriptEvaluateAsync(
            Count,
            [$"{tag}:v", $"{tag}:c"],
            [visitorId, 1 << (int)metric, CountFields[(int)metric]]).ConfigureAwait(false);
        return (long)answer == 1;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<MessageMetrics> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        cancellationToken.ThrowIfCancellationRequested();
        return Read(await _connection.GetDatabase().HashGetAsync($"{Tag(workspaceId, messageId)}:c", CountFields).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    /// <remarks>Every message's read is sent at once (pipelined), each to its own slot's node.</remarks>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<ImmutableArray<MessageMetrics>> GetManyAsync(string workspaceId, IReadOnlyList<string> messageIds, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        ArgumentNullException.ThrowIfNull(messageIds);
        foreach (var messageId in messageIds)
        {
            IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageIds));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var database = _connection.GetDatabase();
        var reads = new Task<RedisValue[]>[messageIds.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = database.HashGetAsync($"{Tag(workspaceId, messageIds[i])}:c", CountFields);
        }

        var counts = ImmutableArray.CreateBuilder<MessageMetrics>(reads.Length);
        foreach (var read in reads)
        {
            counts.Add(Read(await read.ConfigureAwait(false)));
        }

        return counts.MoveToImmutable();
    }

    private static MessageMetrics Read(RedisValue[] values) =>
        new(values[0].IsNull ? 0 : (long)values[0], values[1].IsNull ? 0 : (long)values[1], values[2].IsNull ? 0 : (long)values[2]);


    private string Tag(string workspaceId, string messageId) => $"{_prefix}{{{workspaceId}:{messageId}}}";
}
