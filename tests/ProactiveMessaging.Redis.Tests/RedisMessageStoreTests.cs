using System.Text.Json.Nodes;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Storage;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests;

/// <summary>
/// The Redis message store against the whole message store contract, on a standalone server and on
/// a cluster; its change notifications; and writers on two connections (two nodes) racing.
/// </summary>
[Collection(nameof(SharedRedisServers))]
public sealed class RedisMessageStoreTests(RedisServers servers)
{
    private static readonly Instant Created = Instant.FromUtc(2025, 3, 1, 9, 0);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Cases() => RedisServers.OnEachServer(MessageStoreContract.CaseNames);

    public static TheoryData<string> Servers() => ["standalone", "cluster"];

    [Theory]
    [MemberData(nameof(Cases))]
    public Task RedisMessageStore_Keeps(string server, string contractCase) =>
        MessageStoreContract.RunAsync(contractCase, _ => new(new RedisMessageStore(servers[server])), Token);

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task EveryChange_IncrementsTheRevision_AndPublishesIt(string server)
    {
        var store = new RedisMessageStore(servers[server], NewPrefix());
        var ws = NewWorkspace();
        var queue = await servers[server].GetSubscriber().SubscribeAsync(store.ChangesChannel);
        try
        {
            Assert.Equal(0, await store.GetRevisionAsync(ws));

            await store.InsertAsync(ws, Draft("m1"), Token);
            await store.InsertIfNameUnusedAsync(ws, Draft("m2", "Other"), Token);
            await store.ReplaceAsync(ws, Draft("m1", "Renamed", version: 2), 1, Token);
            await store.DeleteAsync(ws, "m2", 1, Token);
            await store.InitializeWorkspaceAsync(ws, [Draft("p1", "Preset")], Token);
            await store.SetSettingsAsync(ws, new WorkspaceSettings(ws) { Name = "Acme" }, Token);
            await store.ImportWorkspaceAsync(ws, new WorkspaceSettings(ws), [Draft("m3", "Imported")], [], Token);

            for (var revision = 1; revision <= 7; revision++)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(Token);
                wait.CancelAfter(TimeSpan.FromSeconds(10));
                var message = await queue.ReadAsync(wait.Token);
                Assert.Equal($"{revision} {ws}", (string?)message.Message);
                Assert.True(RedisMessageStore.TryParseChange(message.Message, out var changed, out var parsed));
                Assert.Equal((ws, (long)revision), (changed, parsed));
            }

            Assert.Equal(7, await store.GetRevisionAsync(ws));
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task RefusedWrites_LeaveTheRevisionAlone(string server)
    {
        var store = new RedisMessageStore(servers[server], NewPrefix());
        var ws = NewWorkspace();
        await store.InitializeWorkspaceAsync(ws, [Draft("m1", "Taken")], Token);
        await store.ReplaceAsync(ws, Draft("m1", "Taken", version: 2), 1, Token);

        await Assert.ThrowsAsync<MessageVersionConflictException>(async () => await store.ReplaceAsync(ws, Draft("m1", "Stale", version: 2), 1, Token));
        await Assert.ThrowsAsync<MessageVersionConflictException>(async () => await store.DeleteAsync(ws, "m1", 1, Token));
        await Assert.ThrowsAsync<MessageAlreadyExistsException>(async () => await store.InsertAsync(ws, Draft("m1"), Token));
        await Assert.ThrowsAsync<MessageNotFoundException>(async () => await store.ImportWorkspaceAsync(ws, new WorkspaceSettings(ws), [], [Draft("ghost", version: 2)], Token));
        Assert.False(await store.InsertIfNameUnusedAsync(ws, Draft("m2", "TAKEN"), Token));
        Assert.False(await store.InitializeWorkspaceAsync(ws, [Draft("p1")], Token));

        Assert.Equal(2, await store.GetRevisionAsync(ws));
    }

    [Theory]
    // A change notification
    [InlineData("1 ws", true, "ws", 1L)]
    [InlineData("9223372036854775807 a-b_c.d:e", true, "a-b_c.d:e", long.MaxValue)]
    // Not one
    [InlineData("", false, "", 0L)]
    [InlineData("ws", false, "", 0L)]
    [InlineData("1", false, "", 0L)]
    [InlineData("1 ", false, "", 0L)]
    [InlineData(" ws", false, "", 0L)]
    [InlineData("0 ws", false, "", 0L)]
    [InlineData("-1 ws", false, "", 0L)]
    [InlineData("+1 ws", false, "", 0L)]
    [InlineData("x ws", false, "", 0L)]
    [InlineData("1 two words", false, "", 0L)]
    [InlineData("99999999999999999999 ws", false, "", 0L)]
    public void TryParseChange_ReadsOnlyRevisionSpaceWorkspace(string payload, bool expected, string workspaceId, long revision)
    {
        Assert.Equal(expected, RedisMessageStore.TryParseChange(payload, out var parsedWorkspace, out var parsedRevision));
        Assert.Equal((workspaceId, revision), (parsedWorkspace, parsedRevision));
    }

    [Fact]
    public void TryParseChange_OfNothing_IsFalse() => Assert.False(RedisMessageStore.TryParseChange(RedisValue.Null, out _, out _));

    [Fact]
    public void ChangesChannel_IsThePrefixedLiteralChannel()
    {
        using var offline = ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=1");
        var channel = new RedisMessageStore(offline, "app1:").ChangesChannel;

        Assert.Equal("app1:changes", channel.ToString());
        Assert.False(channel.IsPattern);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task StaleUpdatesFromTwoNodes_ExactlyOneWins(string server)
    {
        const int Writers = 16;
        await using var other = await SecondNodeAsync(server);
        var nodes = new[] { new RedisMessageStore(servers[server]), new RedisMessageStore(other) };
        var ws = NewWorkspace();
        await nodes[0].InsertAsync(ws, Draft("m1"), Token);
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, Writers).Select(i => Task.Run(
            async () =>
            {
                start.Wait(Token);
                try
                {
                    await nodes[i % 2].ReplaceAsync(ws, Draft("m1", $"Writer {i}", version: 2), 1, Token);
                    return $"Writer {i}";
                }
                catch (MessageVersionConflictException conflict) when (conflict.ActualVersion == 2)
                {
                    return null;
                }
            },
            Token)).ToList();
        start.Set();
        var winners = (await Task.WhenAll(writers)).OfType<string>().ToList();

        var winner = Assert.Single(winners);
        var stored = await nodes[1].GetAsync(ws, "m1", Token);
        Assert.Equal((winner, 2L), (stored!.Name, stored.Version));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task InitializationsFromTwoNodes_SeedExactlyOnce(string server)
    {
        const int Callers = 16;
        await using var other = await SecondNodeAsync(server);
        var nodes = new[] { new RedisMessageStore(servers[server]), new RedisMessageStore(other) };
        var ws = NewWorkspace();
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, Callers).Select(i => Task.Run(
            async () =>
            {
                start.Wait(Token);
                return await nodes[i % 2].InitializeWorkspaceAsync(ws, [Draft($"p{i}-a"), Draft($"p{i}-b")], Token);
            },
            Token)).ToList();
        start.Set();
        var seeded = await Task.WhenAll(callers);

        Assert.Equal(1, seeded.Count(s => s));
        Assert.Equal(2, (await nodes[0].ListAsync(ws, Token)).Length);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task DuplicatesThroughCatalogsOnTwoNodes_GetDistinctNames(string server)
    {
        const int CopiesPerNode = 8;
        await using var other = await SecondNodeAsync(server);
        var metrics = new InMemoryMetricsStore();
        var catalogs = new[] { new MessageCatalog(new RedisMessageStore(servers[server]), metrics), new MessageCatalog(new RedisMessageStore(other), metrics) };
        var ws = NewWorkspace();
        var source = (await catalogs[0].CreateAsync(ws, new MessageDefinition { Name = "Pricing help" }, Token)).GetValueOrThrow();

        var duplicates = catalogs.SelectMany(catalog => Enumerable.Range(0, CopiesPerNode).Select(_ => Task.Run(() => catalog.DuplicateAsync(ws, source.Id, Token), Token))).ToList();
        var results = await Task.WhenAll(duplicates);

        var names = results.Select(r => r.EnsureSucceeded().Message!.Name).ToList();
        Assert.Equal(2 * CopiesPerNode, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var stored = await new RedisMessageStore(servers[server]).ListAsync(ws, Token);
        Assert.Equal(2 * CopiesPerNode, stored.Count(m => m.Name.StartsWith("Copy of Pricing help", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task CorruptStoredMessage_ThrowsTheFormatErrorNamingKeyAndField(string server)
    {
        var prefix = NewPrefix();
        var store = new RedisMessageStore(servers[server], prefix);
        var ws = NewWorkspace();
        await store.InsertAsync(ws, Draft("good"), Token);
        var key = $"{prefix}{{{ws}}}:m";
        await servers[server].GetDatabase().HashSetAsync(key, "bad", "{\"formatVersion\": 1, \"id\": ");

        var get = await Assert.ThrowsAsync<RedisMessageStoreFormatException>(async () => await store.GetAsync(ws, "bad", Token));
        var list = await Assert.ThrowsAsync<RedisMessageStoreFormatException>(async () => await store.ListAsync(ws, Token));

        Assert.Equal((key, "bad"), (get.Key, get.Field));
        Assert.Equal((key, "bad"), (list.Key, list.Field));
        Assert.NotEmpty(get.Problems);
        Assert.Contains("field 'bad'", get.Message, StringComparison.Ordinal);
        Assert.Equal("good", (await store.GetAsync(ws, "good", Token))!.Id);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task MessageStoredUnderAnotherId_ThrowsTheFormatError(string server)
    {
        var prefix = NewPrefix();
        var store = new RedisMessageStore(servers[server], prefix);
        var ws = NewWorkspace();
        await store.InsertAsync(ws, Draft("m1"), Token);
        var key = $"{prefix}{{{ws}}}:m";
        await servers[server].GetDatabase().HashSetAsync(key, "m2", await servers[server].GetDatabase().HashGetAsync(key, "m1"));

        var error = await Assert.ThrowsAsync<RedisMessageStoreFormatException>(async () => await store.GetAsync(ws, "m2", Token));

        Assert.Equal("m2", error.Field);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task CorruptStoredSettings_ThrowTheFormatErrorNamingTheKey(string server)
    {
        var prefix = NewPrefix();
        var store = new RedisMessageStore(servers[server], prefix);
        var ws = NewWorkspace();
        var key = $"{prefix}{{{ws}}}:s";
        await servers[server].GetDatabase().StringSetAsync(key, "not json");

        var error = await Assert.ThrowsAsync<RedisMessageStoreFormatException>(async () => await store.GetSettingsAsync(ws, Token));

        Assert.Equal((key, (string?)null), (error.Key, error.Field));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task MessagesTestingAWorkspacesCustomAttribute_ReadBack(string server)
    {
        var store = new RedisMessageStore(servers[server], NewPrefix());
        var ws = NewWorkspace();
        var settings = new WorkspaceSettings(ws) { CustomAttributes = [new CustomAttributeDeclaration("plan", FieldType.Text)] };
        var validator = new MessageValidator(fields: settings.ExtendFields(FieldCatalog.Default).GetValueOrThrow());
        var definition = new MessageDefinition
        {
            Name = "Gold plan",
            Rules = new MessageRules { Conditions = ConditionGroup.All(new Conditions.Condition("custom.plan", ConditionOperator.Contains, "gold")) },
        };
        var message = ProactiveMessage.CreateDraft("m1", definition, Created, validator).GetValueOrThrow();
        await store.SetSettingsAsync(ws, settings, Token);

        await store.InsertAsync(ws, message, Token);

        Assert.Equal(message, await store.GetAsync(ws, "m1", Token));
        Assert.Equal([message], await store.ListAsync(ws, Token));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task BadIds_AreRefusedBeforeAnyWrite(string server)
    {
        var store = new RedisMessageStore(servers[server], NewPrefix());
        var ws = NewWorkspace();

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync("bad id", "m1", Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync(ws, "bad id", Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.DeleteAsync(ws, "{m1}", 1, Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetRevisionAsync("ws}"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetSettingsAsync(ws, new WorkspaceSettings(ws) { DefaultScheduleId = "missing" }, Token));

        Assert.Equal(0, await store.GetRevisionAsync(ws));
        Assert.Null(await store.GetSettingsAsync(ws, Token));
    }

    private static ProactiveMessage Draft(string id, string name = "A message", long version = 1)
    {
        var draft = ProactiveMessage.CreateDraft(id, new MessageDefinition { Name = name }, Created).GetValueOrThrow();
        if (version == 1)
        {
            return draft;
        }

        // The version of a stored message, set the way any reader of the format could.
        var document = JsonNode.Parse(MessageJson.WriteMessageUtf8(draft))!.AsObject();
        document["version"] = version;
        return MessageJson.ReadMessage(document.ToJsonString()).GetValueOrThrow();
    }

    private static string NewWorkspace() => $"ws-{Guid.NewGuid():N}";

    private static string NewPrefix() => $"t{Guid.NewGuid():N}:";

    private async Task<ConnectionMultiplexer> SecondNodeAsync(string server) =>
        await ConnectionMultiplexer.ConnectAsync(servers[server].Configuration);
}
