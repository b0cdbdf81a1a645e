using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Internal;

/// <summary>
/// Checks at start that no primary may evict a key the stores must keep: a server whose
/// <c>maxmemory-policy</c> is one of the <c>allkeys-*</c> policies is refused (the host does not
/// start) unless <see cref="ProactiveMessagingRedisOptions.AllowUnsafeEvictionPolicy"/> is set.
/// </summary>
/// <remarks>
/// <c>noeviction</c> and the <c>volatile-*</c> policies are safe: the stores set a time-to-live
/// only on a visitor's frequency state that holds no send (nothing a later decision needs), and
/// nothing else they write expires. A server that cannot be reached at start is not checked (the
/// host starts, the engine answers "store unavailable" until it is back), and the check runs again
/// each time a connection is restored, logging an error then if the policy is unsafe.
/// </remarks>
internal sealed class RedisEvictionPolicyCheck(
    IConnectionMultiplexer connection,
    IOptions<ProactiveMessagingRedisOptions> options,
    ILogger<RedisEvictionPolicyCheck>? logger = null) : IHostedService
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        connection.ConnectionRestored += OnConnectionRestored;
        IReadOnlyList<(string Server, string Policy)>? unsafePolicies;
        try
        {
            unsafePolicies = await FindUnsafeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or RedisCommandException or TimeoutException)
        {
            RedisLog.EvictionPolicyUnchecked(_logger, exception.Message, exception);
            return;
        }

        if (unsafePolicies is null)
        {
            RedisLog.EvictionPolicyUnchecked(_logger, "no server is connected", null);
            return;
        }

        foreach (var (server, policy) in unsafePolicies)
        {
            if (!options.Value.AllowUnsafeEvictionPolicy)
            {
                throw new InvalidOperationException(
                    $"Redis server {server} has maxmemory-policy '{policy}', which may evict the keys the ProactiveMessaging stores must keep (Once marks, counted visitors, messages). " +
                    "Set it to 'noeviction' or a 'volatile-*' policy, or set ProactiveMessagingRedisOptions.AllowUnsafeEvictionPolicy to start anyway. See docs/redis.md.");
            }

            RedisLog.EvictionPolicyUnsafe(_logger, server, policy);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        connection.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    /// <summary>Whether a policy may evict keys without a time-to-live.</summary>
    internal static bool IsUnsafe(string policy) => policy.StartsWith("allkeys-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connected primaries whose policy is unsafe, with the policy; <see langword="null"/> when none is connected.</summary>
    internal async Task<IReadOnlyList<(string Server, string Policy)>?> FindUnsafeAsync(CancellationToken cancellationToken)
    {
        var found = new List<(string, string)>();
        var checkedAny = false;
        foreach (var endpoint in connection.GetEndPoints())
        {
            var server = connection.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            checkedAny = true;
            var policy = await ReadPolicyAsync(server).WaitAsync(Deadline, cancellationToken).ConfigureAwait(false);
            if (policy is not null && IsUnsafe(policy))
            {
                found.Add((endpoint.ToString() ?? "?", policy));
            }
        }

        return checkedAny ? found : null;
    }

    private static async Task<string?> ReadPolicyAsync(IServer server)
    {
        // StackExchange.Redis sends CONFIG and INFO only on connections opened with admin rights,
        // which the stores do not need; a script may call INFO, and its memory section names the
        // policy (also on managed services that disable CONFIG).
        var info = await server.ExecuteAsync("EVAL", "return redis.call('INFO', 'memory')", 0).ConfigureAwait(false);
        return PolicyFromInfo((string?)info);
    }

    /// <summary>The <c>maxmemory_policy</c> line of an <c>INFO memory</c> answer, or <see langword="null"/> when it has none.</summary>
    internal static string? PolicyFromInfo(string? info)
    {
        const string Field = "maxmemory_policy:";
        foreach (var line in (info ?? string.Empty).AsSpan().EnumerateLines())
        {
            if (line.StartsWith(Field, StringComparison.Ordinal))
            {
                return line[Field.Length..].Trim().ToString();
            }
        }

        return null;
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => _ = RecheckAsync();

    private async Task RecheckAsync()
    {
        try
        {
            foreach (var (server, policy) in await FindUnsafeAsync(CancellationToken.None).ConfigureAwait(false) ?? [])
            {
                RedisLog.EvictionPolicyUnsafe(_logger, server, policy);
            }
        }
        catch (Exception exception) when (exception is RedisException or RedisCommandException or TimeoutException)
        {
            RedisLog.EvictionPolicyUnchecked(_logger, exception.Message, exception);
        }
    }
}
