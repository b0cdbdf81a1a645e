using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis;

/// <summary>
/// An <see cref="IExperimentStore"/> on Redis for hosts on many nodes: exact per-visitor counts of
/// each arm that every node shares.
/// </summary>
/// <remarks>
/// <para>
/// Per message, two hashes in one Redis Cluster slot (hash tag <c>{workspaceId:messageId}</c>, the
/// metrics store's): <c>{prefix}{{workspaceId:messageId}}:xv</c> holds each visitor's latest
/// exposure (field <c>visitorId</c>, value <c>"{unixTicks} {armId}"</c>) and, per arm it was exposed
/// in, what it was counted for (field <c>"{visitorId} {armId}"</c>, a bit each: counted 1, opened 2,
/// replied 4, converted 8); <c>{prefix}{{workspaceId:messageId}}:xc</c> holds the counts (field
/// <c>"{armId} v"</c>, <c>o</c>, <c>r</c> or <c>c</c>). Ids never hold a space, so the fields cannot
/// collide. One script per call reads, checks and counts together, the conversion window included,
/// so every rule holds exactly across nodes; a read is one <c>HGETALL</c>, which never shows more of
/// a measure than visitors. Nothing expires: the counts stay exact.
/// </para>
/// <para>Thread-safe. The instants are the callers' (the engine's clock), never the server's.</para>
/// </remarks>
public sealed class RedisExperimentStore : IExperimentStore
{
    // Compares two Unix tick counts written in decimal without a leading zero: exactly, since Lua's
    // numbers (doubles) hold only 53 bits and today's ticks need 58.
    private const string TicksBefore = """
        local function before(a, b)
          local na, nb = string.byte(a, 1) == 45, string.byte(b, 1) == 45
          if na ~= nb then return na end
          if #a ~= #b then return (#a < #b) ~= na end
          for i = 1, #a do
            local x, y = string.byte(a, i), string.byte(b, i)
            if x ~= y then return (x < y) ~= na end
          end
          return false
        end
        """;

    // KEYS[1] visitors hash, KEYS[2] counts hash; ARGV[1] visitor, ARGV[2] arm, ARGV[3] the
    // exposure's Unix ticks. Keeps the later of the stored and the given instant (nodes' calls may
    // arrive out of order). Answers 1 when this call counted the visitor in the arm, else 0.
    private const string Expose = TicksBefore + """

        local latest = redis.call('HGET', KEYS[1], ARGV[1])
        local ticks = ARGV[3]
        if latest then
          local was = string.sub(latest, 1, string.find(latest, ' ', 1, true) - 1)
          if before(ticks, was) then ticks = was end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ticks .. ' ' .. ARGV[2])
        local field = ARGV[1] .. ' ' .. ARGV[2]
        local bits = tonumber(redis.call('HGET', KEYS[1], field) or '0')
        if bits % 2 == 1 then
          return 0
        end
        redis.call('HSET', KEYS[1], field, bits + 1)
        redis.call('HINCRBY', KEYS[2], ARGV[2] .. ' v', 1)
        return 1
        """;

    // KEYS as Expose; ARGV[1] visitor, ARGV[2] the metric's bit, ARGV[3] its count's letter,
    // ARGV[4] for a conversion the earliest exposure instant it counts for (now minus the window,
    // in Unix ticks), else empty. Answers the arm counted in, or nil.
    private const string Count = TicksBefore + """

        local latest = redis.call('HGET', KEYS[1], ARGV[1])
        if not latest then
          return false
        end
        local at = string.find(latest, ' ', 1, true)
        local arm = string.sub(latest, at + 1)
        if ARGV[4] == '' then
          if arm == 'control' then
            return false
          end
        elseif before(string.sub(latest, 1, at - 1), ARGV[4]) then
          return false
        end
        local field = ARGV[1] .. ' ' .. arm
        local bits = tonumber(redis.call('HGET', KEYS[1], field) or '0')
        local bit = tonumber(ARGV[2])
        if math.floor(bits / bit) % 2 == 1 then
          return false
        end
        redis.call('HSET', KEYS[1], field, bits + bit)
        redis.call('HINCRBY', KEYS[2], arm .. ' ' .. ARGV[3], 1)
        return arm
        """;

    private static readonly RedisValue[] MetricLetters = [RedisValue.Null, "o", "r", "c"];

    private readonly IConnectionMultiplexer _connection;
    private readonly string _prefix;

    /// <summary>Creates a store.</summary>
    /// <param name="connection">The connection, shared with the host's other Redis users.</param>
    /// <param name="keyPrefix">The prefix of every key the store writes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="keyPrefix"/> is <see langword="null"/>.</exception>
    public RedisExperimentStore(IConnectionMultiplexer connection, string keyPrefix = "pm:")
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = connection;
        _prefix = keyPrefix;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<bool> RecordExposureAsync(string workspaceId, string messageId, string armId, string visitorId, Instant now, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(armId), nameof(armId));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(visitorId), nameof(visitorId));
        cancellationToken.ThrowIfCancellationRequested();
        var tag = Tag(workspaceId, messageId);
        var answer = await _connection.GetDatabase().ScriptEvaluateAsync(
            Expose,
            [$"{tag}:xv", $"{tag}:xc"],
            [visitorId, armId, now.ToUnixTimeTicks()]).ConfigureAwait(false);
        return (long)answer == 1;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined value, or it is <see cref="ArmMetric.Converted"/> and <paramref name="window"/> is not positive.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<string?> RecordAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, Duration window, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(visitorId), nameof(visitorId));
        if (metric is < ArmMetric.Opened or > ArmMetric.Converted)
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "The metric is not a defined value.");
        }

        var earliest = RedisValue.EmptyString;
        if (metric == ArmMetric.Converted)
        {
            if (window <= Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(window), window, "A conversion's window must be positive.");
            }

            earliest = EarliestExposureTicks(now, window).ToString(CultureInfo.InvariantCulture);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var tag = Tag(workspaceId, messageId);
        var answer = await _connection.GetDatabase().ScriptEvaluateAsync(
            Count,
            [$"{tag}:xv", $"{tag}:xc"],
            [visitorId, 1 << (int)metric, MetricLetters[(int)metric], earliest]).ConfigureAwait(false);
        return answer.IsNull ? null : (string?)answer;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<ImmutableArray<ArmCounts>> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValid(messageId), nameof(messageId));
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await _connection.GetDatabase().HashGetAllAsync($"{Tag(workspaceId, messageId)}:xc").ConfigureAwait(false);
        var arms = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = (string)field.Name!;
            var at = name.LastIndexOf(' ');
            var measure = at >= 0 && at == name.Length - 2 ? "vorc".IndexOf(name[at + 1], StringComparison.Ordinal) : -1;
            if (measure < 0)
            {
                continue;
            }

            var arm = name[..at];
            if (!arms.TryGetValue(arm, out var counts))
            {
                arms[arm] = counts = new long[4];
            }

            counts[measure] = (long)field.Value;
        }

        var result = ImmutableArray.CreateBuilder<ArmCounts>(arms.Count);
        foreach (var (arm, counts) in arms)
        {
            if (counts[0] > 0)
            {
                result.Add(new ArmCounts(arm, counts[0], counts[1], counts[2], counts[3]));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The earliest exposure a conversion at <paramref name="now"/> counts for: <paramref name="now"/> minus the window, in Unix ticks, the earliest tick when it reaches past them.</summary>
    private static long EarliestExposureTicks(Instant now, Duration window)
    {
        var windowTicks = window >= Duration.FromTicks(long.MaxValue) ? long.MaxValue : window.BclCompatibleTicks;
        return (long)Int128.Max(long.MinValue, (Int128)now.ToUnixTimeTicks() - windowTicks);
    }

    private string Tag(string workspaceId, string messageId) => $"{_prefix}{{{workspaceId}:{messageId}}}";
}
