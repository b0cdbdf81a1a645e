using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Tests;

/// <summary>The README's example, kept compiling and true.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_PublishesAMessageAndShowsItToAMatchingVisitor()
    {
        using var services = new ServiceCollection()
            .AddProactiveMessaging(options => options.PerVisitCap = 2)
            .Services.BuildServiceProvider();
        var catalog = services.GetRequiredService<MessageCatalog>();
        var engine = services.GetRequiredService<ProactiveEngine>();

        var snapshot = new WorkspaceSnapshot
        {
            AgentWorkspaceActive = true,
            MessagingActive = true,
            Channels = [new ChannelInfo("web-store", ChannelKind.WebWidget) { DefaultSenderName = "Acme Support" }],
        };
        using var _ = catalog.AddListener(engine.CreateLiveSetListener(workspaceId => snapshot));

        var created = await catalog.CreateAsync("acme", new MessageDefinition
        {
            Name = "Help on the checkout page",
            ChannelId = "web-store",
            Reply = new AgentReply("Need help paying?") { AskForEmail = true, FollowUp = "Thanks, an agent is on the way." },
            Rules = new MessageRules
            {
                Conditions = ConditionGroup.All(
                    new Condition("page.path", ConditionOperator.StartsWith, "/checkout"),
                    new Condition("page.timeOnPage", ConditionOperator.AtLeast, 30)),
            },
            Frequency = MessageFrequency.OncePerVisit,
        }, TestContext.Current.CancellationToken);
        var draft = created.GetValueOrThrow();
        var published = await catalog.PublishAsync("acme", draft.Id, draft.Version, snapshot, TestContext.Current.CancellationToken);
        Assert.True(published.Succeeded, string.Join("; ", published.Problems));

        var visitor = new VisitorContext(engine.Fields);
        visitor.SetPageUrl("https://shop.example/checkout");
        visitor.SetTimeOnPage(NodaTime.Duration.FromSeconds(42));
        var decision = await engine.DecideAsync(new VisitorEvent
        {
            WorkspaceId = "acme",
            ChannelId = "web-store",
            VisitorId = "visitor-1",
            Visitor = visitor,
        }, TestContext.Current.CancellationToken);

        Assert.True(decision.ShouldShow, decision.ToString());
        Assert.Equal("Need help paying?", decision.Text);
        Assert.StartsWith("Show ", decision.ToString(), StringComparison.Ordinal);
    }
}
