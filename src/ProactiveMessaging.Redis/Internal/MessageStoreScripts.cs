namespace ProactiveMessaging.Redis.Internal;

/// <summary>
/// The server-side scripts of <see cref="RedisMessageStore"/>. Each one checks everything before it
/// writes anything, so a refused write changes nothing; each write bumps the workspace's revision
/// and publishes it in the same script, so a change and its notification are one step.
/// </summary>
/// <remarks>
/// Every script gets the workspace's keys in one order (they share the hash tag
/// <c>{workspaceId}</c>, so one Redis Cluster slot): KEYS[1] messages (id to stored form),
/// KEYS[2] versions (id to version), KEYS[3] names (id to folded name), KEYS[4] name counts
/// (folded name to how many messages use it), KEYS[5] the initialised flag, KEYS[6] the revision,
/// KEYS[7] the settings. ARGV[1] is the changes channel, ARGV[2] the workspace id; the operation's
/// arguments follow. A script answers a table whose first item says what happened:
/// <c>ok</c> and the new revision, <c>exists</c> and an id, <c>missing</c> and an id,
/// <c>conflict</c>, an id and the stored version, <c>taken</c>, or <c>initialised</c>.
/// Versions travel as decimal strings and are compared as such (the client writes them in one form).
/// </remarks>
internal static class MessageStoreScripts
{
    private const string Common = """
        local function bump()
          local revision = redis.call('INCR', KEYS[6])
          redis.call('PUBLISH', ARGV[1], tostring(revision) .. ' ' .. ARGV[2])
          return revision
        end
        local function unname(id)
          local old = redis.call('HGET', KEYS[3], id)
          if old then
            if redis.call('HINCRBY', KEYS[4], old, -1) <= 0 then
              redis.call('HDEL', KEYS[4], old)
            end
            redis.call('HDEL', KEYS[3], id)
          end
        end
        local function put(id, version, stored, folded)
          unname(id)
          redis.call('HSET', KEYS[1], id, stored)
          redis.call('HSET', KEYS[2], id, version)
          redis.call('HSET', KEYS[3], id, folded)
          redis.call('HINCRBY', KEYS[4], folded, 1)
        end
        local function check(id, expected)
          local stored = redis.call('HGET', KEYS[2], id)
          if not stored then
            return {'missing', id}
          end
          if stored ~= expected then
            return {'conflict', id, stored}
          end
          return nil
        end

        """;

    /// <summary>ARGV[3] id, ARGV[4] stored form, ARGV[5] folded name, ARGV[6] '1' to refuse a name in use.</summary>
    public const string Insert = Common + """
        if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then
          return {'exists', ARGV[3]}
        end
        if ARGV[6] == '1' and tonumber(redis.call('HGET', KEYS[4], ARGV[5]) or '0') > 0 then
          return {'taken'}
        end
        put(ARGV[3], '1', ARGV[4], ARGV[5])
        return {'ok', bump()}
        """;

    /// <summary>ARGV[3] id, ARGV[4] stored form, ARGV[5] folded name, ARGV[6] expected version, ARGV[7] new version.</summary>
    public const string Replace = Common + """
        local refused = check(ARGV[3], ARGV[6])
        if refused then
          return refused
        end
        put(ARGV[3], ARGV[7], ARGV[4], ARGV[5])
        return {'ok', bump()}
        """;

    /// <summary>ARGV[3] id, ARGV[4] expected version.</summary>
    public const string Delete = Common + """
        local refused = check(ARGV[3], ARGV[4])
        if refused then
          return refused
        end
        unname(ARGV[3])
        redis.call('HDEL', KEYS[1], ARGV[3])
        redis.call('HDEL', KEYS[2], ARGV[3])
        return {'ok', bump()}
        """;

    /// <summary>From ARGV[3], one (id, stored form, folded name) triple per seed, each at version 1.</summary>
    public const string Initialize = Common + """
        if redis.call('EXISTS', KEYS[5]) == 1 then
          return {'initialised'}
        end
        for i = 3, #ARGV, 3 do
          if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 1 then
            return {'exists', ARGV[i]}
          end
        end
        for i = 3, #ARGV, 3 do
          put(ARGV[i], '1', ARGV[i + 1], ARGV[i + 2])
        end
        redis.call('SET', KEYS[5], '1')
        return {'ok', bump()}
        """;

    /// <summary>ARGV[3] the settings' stored form.</summary>
    public const string SetSettings = Common + """
        redis.call('SET', KEYS[7], ARGV[3])
        return {'ok', bump()}
        """;

    /// <summary>
    /// ARGV[3] the settings' stored form, ARGV[4] the number of inserts; then one (id, version,
    /// stored form, folded name) group per insert, then one (id, version, stored form, folded name,
    /// expected version) group per replacement.
    /// </summary>
    public const string Import = Common + """
        local inserts = tonumber(ARGV[4])
        local first = 5
        local split = first + inserts * 4
        for i = first, split - 1, 4 do
          if redis.call('HEXISTS', KEYS[2], ARGV[i]) == 1 then
            return {'exists', ARGV[i]}
          end
        end
        for i = split, #ARGV, 5 do
          local refused = check(ARGV[i], ARGV[i + 4])
          if refused then
            return refused
          end
        end
        for i = first, split - 1, 4 do
          put(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
        end
        for i = split, #ARGV, 5 do
          put(ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3])
        end
        redis.call('SET', KEYS[7], ARGV[3])
        redis.call('SET', KEYS[5], '1')
        return {'ok', bump()}
        """;
}
