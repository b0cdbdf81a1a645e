using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Testing.Lifecycle;

namespace ProactiveMessaging.Testing.Tests.Lifecycle;

public sealed class WorkspaceSnapshotBuilderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Build_WithAWebWidget_LetsAnAgentMessagePublish()
    {
        var snapshot = new WorkspaceSnapshotBuilder().AddWebWidget("web").Build();

        var published = await PublishAsync(snapshot, new AgentReply("Need a hand?"), "web");

        Assert.True(published.Succeeded, string.Join("; ", published.Problems));
    }

    [Fact]
    public async Task Build_WithABot_LetsABotMessagePublish_InOneBrand()
    {
        var snapshot = new WorkspaceSnapshotBuilder().InBrand("shoes").AddBot("bot", "web-bot", "welcome", "returns").Build();

        var published = await PublishAsync(snapshot, new BotReply("Ask our bot", "returns"), "web-bot");

        Assert.True(published.Succeeded, string.Join("; ", published.Problems));
        Assert.All(snapshot.Channels, static c => Assert.Equal("shoes", c.BrandId));
        Assert.Equal("shoes", Assert.Single(snapshot.Bots).BrandId);
    }

    [Fact]
    public async Task Build_WithMessagingOff_RefusesPublishing()
    {
        var snapshot = new WorkspaceSnapshotBuilder().AddWebWidget("web").WithMessagingActive(false).Build();

        var published = await PublishAsync(snapshot, new AgentReply("Need a hand?"), "web");

        Assert.Contains(published.Problems, static p => p.Code == RequirementProblemCodes.MessagingInactive);
    }

    [Fact]
    public void Build_KeepsTheOrderAdded_AndTheDefaultSchedule()
    {
        var snapshot = new WorkspaceSnapshotBuilder()
            .AddDailySchedule("hours", "Europe/London", new LocalTime(9, 0), new LocalTime(17, 0), isDefault: true)
            .AddWebWidget("web")
            .AddMobileSdk("app", senderName: "Acme", scheduleId: "hours")
            .WithAgentWorkspaceActive(false)
            .Build();

        Assert.Equal(["web", "app"], snapshot.Channels.Select(static c => c.Id));
        Assert.Equal(("hours", "Acme"), (snapshot.DefaultScheduleId, snapshot.Channels[1].DefaultSenderName));
        Assert.Equal(7, snapshot.FindSchedule("hours")!.Weekly.Length);
        Assert.False(snapshot.AgentWorkspaceActive);
        Assert.True(snapshot.MessagingActive);
    }

    [Fact]
    public void AddDailySchedule_WithAnUnknownZone_ListsTheProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new WorkspaceSnapshotBuilder().AddDailySchedule("hours", "Mars/Olympus", new LocalTime(9, 0), new LocalTime(17, 0)));

        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }

    private static async Task<MessageActionResult> PublishAsync(WorkspaceSnapshot snapshot, MessageReply reply, string channel)
    {
        var catalog = new MessageCatalog(new InMemoryMessageStore(), new InMemoryMetricsStore(), timeProvider: new FakeTime(Instant.FromUtc(2025, 3, 3, 10, 0)));
        var definition = new MessageDefinition
        {
            Name = "Help",
            ChannelId = channel,
            Reply = reply,
            Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.url", ConditionOperator.Contains, "/pricing")) },
        };
        var draft = (await catalog.CreateAsync("acme", definition, Token)).GetValueOrThrow();
        return await catalog.PublishAsync("acme", draft.Id, draft.Version, snapshot, Token);
    }
}
