using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Redis.Internal;
using ProactiveMessaging.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis;

/// <summary>
/// An <see cref="IFrequencyStore"/> on Redis for hosts on many nodes: each visitor's
/// <see cref="VisitorFrequencyState"/> is one string key, changed only by a server-side
/// compare-and-set, and the core's <see cref="FrequencyRules"/> decide on this node.
/// </summary>
/// <remarks>
/// <para>
/// A call reads nothing first: it applies the rules to the state it last saw for the visitor (or
/// to a new visitor's state), and one script sets the new state only if the stored one is still
/// what it assumed. When another node changed the visitor meanwhile, the script answers with the
/// stored state and the call applies the rules again to it: one round trip for a new visitor or
/// one this node served last, two when nodes alternate, more only under contention for the same
/// visitor. Two nodes can therefore never both send a <c>Once</c> message, show two messages at
/// once or pass a cap.
/// </para>
/// <para>
/// Keys are <c>{prefix}{{workspaceId:visitorId}}:f</c>, the braces keeping a visitor in one Redis
/// Cluster slot. A visitor that was sent something is kept without expiry; one that was not
/// expires after the idle timeout. Now comes from the requests, never from the server's clock.
/// Thread-safe.
/// </para>
/// </remarks>
public sealed class RedisFrequencyStore : IFrequencyStore
{
    // Sets KEYS[1] to ARGV[2] only if it holds ARGV[1] ('' for none); ARGV[3] is the time to live
    // in milliseconds, 0 for none. Answers 1, or the stored value when it was not the one assumed.
    private const string CompareAndSet = """
        local current = redis.call('GET', KEYS[1])
        if (current == false and ARGV[1] == '') or current == ARGV[1] then
          if ARGV[2] ~= ARGV[1] then
            if ARGV[3] == '0' then
              redis.call('SET', KEYS[1], ARGV[2])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
          end
          return 1
        end
        return current or ''
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly FrequencyRules _rules;
    private readonly string _prefix;
    private readonly long _idleMilliseconds;
    private readonly int _maxAttempts;
    private readonly int _cacheSize;
    private readonly ConcurrentDictionary<string, byte[]> _lastSeen = new(StringComparer.Ordinal);

    /// <summary>Creates a store.</summary>
    /// <param name="connection">The connection, shared with the host's other Redis users.</param>
    /// <param name="options">The settings; copied. The defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public RedisFrequencyStore(IConnectionMultiplexer connection, RedisFrequencyStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new RedisFrequencyStoreOptions();
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.VisitorIdleTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.LocalStateCacheSize, nameof(options));
        _connection = connection;
        _rules = new FrequencyRules(Duration.FromTimeSpan(options.VisitorIdleTimeout));
        _prefix = options.KeyPrefix;
        _idleMilliseconds = (long)Math.Ceiling(options.VisitorIdleTimeout.TotalMilliseconds);
        _maxAttempts = options.MaxAttempts;
        _cacheSize = options.LocalStateCacheSize;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>, the policy is <see langword="null"/>, or there is no candidate.</exception>
    /// <exception cref="RedisException">The server failed, or other nodes kept changing the visitor for every attempt.</exception>
    public async ValueTask<ReservationResult> TryReserveAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        var key = Key(request.WorkspaceId, request.VisitorId);
        ReservationResult result = default;
        await ChangeAsync(key, state => result = _rules.Reserve(state, request), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>, the policy is <see langword="null"/>, or there is no candidate.</exception>
    /// <exception cref="RedisException">The server failed.</exception>
    public async ValueTask<ImmutableArray<ReservationStatus>> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = (byte[]?)await _connection.GetDatabase().StringGetAsync(Key(request.WorkspaceId, request.VisitorId)).ConfigureAwait(false);
        var state = stored is null ? new VisitorFrequencyState() : VisitorFrequencyState.FromBytes(stored);
        var statuses = new ReservationStatus[request.Candidates.Length];
        _rules.Preview(state, request, statuses);
        return ImmutableCollectionsMarshal.AsImmutableArray(statuses);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">An id is <see langword="null"/> or breaks the <see cref="IdRule"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a defined value.</exception>
    /// <exception cref="RedisException">The server failed, or other nodes kept changing the visitor for every attempt.</exception>
    public async ValueTask<bool> RecordOutcomeAsync(string workspaceId, string visitorId, string visitId, string? messageId, VisitorOutcome outcome, Instant now, CancellationToken cancellationToken)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(workspaceId), nameof(workspaceId));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(visitorId), nameof(visitorId));
        ArgumentNullException.ThrowIfNull(visitId);
        IdChecks.ThrowIfInvalid(messageId is null || IdRule.IsValid(messageId), nameof(messageId));
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "The outcome is not a defined value.");
        }

        var applied = false;
        await ChangeAsync(Key(workspaceId, visitorId), state => applied = _rules.RecordOutcome(state, visitId, messageId, outcome, now), cancellationToken).ConfigureAwait(false);
        return applied;
    }

    private static void Validate(in ReservationRequest request)
    {
        IdChecks.ThrowIfInvalid(IdRule.IsValid(request.WorkspaceId), nameof(request));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(request.VisitorId), nameof(request));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(request.VisitId), nameof(request));
        IdChecks.ThrowIfInvalid(IdRule.IsValidVisitorId(request.PageViewId), nameof(request));
        ArgumentNullException.ThrowIfNull(request.Policy, nameof(request));
        if (request.Candidates.IsEmpty)
        {
            throw new ArgumentException("A reservation request needs at least one candidate.", nameof(request));
        }
    }


    /// <summary>Applies <paramref name="change"/> to the visitor's state and stores the result, with a compare-and-set retried on conflict.</summary>
    private async Task ChangeAsync(string key, Action<VisitorFrequencyState> change, CancellationToken cancellationToken)
    {
        var database = _connection.GetDatabase();
        var assumed = _lastSeen.TryGetValue(key, out var seen) ? seen : [];
        for (var attempt = 0; attempt < _maxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = assumed.Length == 0 ? new VisitorFrequencyState() : VisitorFrequencyState.FromBytes(assumed);
            change(state);
            var updated = state.ToBytes();
            var ttl = state.IsForgettableWhenIdle ? _idleMilliseconds : 0;
            var answer = await database.ScriptEvaluateAsync(CompareAndSet, [key], [assumed, updated, ttl]).ConfigureAwait(false);
            if (answer.Resp2Type == ResultType.Integer && (long)answer == 1)
            {
                Remember(key, updated);
                return;
            }

            assumed = (byte[]?)answer ?? [];
            if (attempt >= 2)
            {
                // Many nodes on one visitor at once: spread the retries over a window that doubles
                // with each loss (4 ms up to 128 ms) so that one of them wins, then read the state
                // afresh: the one the conflict returned is as old as the wait, and would lose again.
#pragma warning disable CA5394 // Jitter, not security.
                await Task.Delay(Random.Shared.Next(0, 1 << Math.Min(attempt, 7)), cancellationToken).ConfigureAwait(false);
#pragma warning restore CA5394
                assumed = (byte[]?)await database.StringGetAsync(key).ConfigureAwait(false) ?? [];
            }
        }

        _lastSeen.TryRemove(key, out _);
        throw new RedisException($"The visitor's frequency state kept changing on other nodes; gave up after {_maxAttempts} attempts.");
    }

    private void Remember(string key, byte[] state)
    {
        if (_cacheSize == 0)
        {
            return;
        }

        // Bounded without bookkeeping: a full cache starts again; a miss costs one extra round trip.
        if (_lastSeen.Count >= _cacheSize)
        {
            _lastSeen.Clear();
        }

        _lastSeen[key] = state;
    }

    private string Key(string workspaceId, string visitorId) => $"{_prefix}{{{workspaceId}:{visitorId}}}:f";
}
