using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

var services = new ServiceCollection()
    .AddProactiveMessaging(options => options.PerVisitCap = 2)   // in-memory stores by default
    .Services.BuildServiceProvider();
var catalog = services.GetRequiredService<MessageCatalog>();
var engine = services.GetRequiredService<ProactiveEngine>();

// What the messaging platform knows about the workspace: channels, bots, schedules.
var snapshot = new WorkspaceSnapshot
{
    AgentWorkspaceActive = true,
    MessagingActive = true,
    Channels = [new ChannelInfo("web-store", ChannelKind.WebWidget) { DefaultSenderName = "Acme Support" }],
};
using var _ = catalog.AddListener(engine.CreateLiveSetListener(workspaceId => snapshot));

// Write a message, then publish it: every problem comes back at once, with its JSON path.
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
});
var draft = created.GetValueOrThrow();
var published = await catalog.PublishAsync("acme", draft.Id, draft.Version, snapshot);

// On the hot path: reuse one VisitorContext per thread, decide, show what the decision says.
var visitor = new VisitorContext(engine.Fields);
visitor.SetPageUrl("https://shop.example/checkout");
visitor.SetTimeOnPage(NodaTime.Duration.FromSeconds(42));
var decision = await engine.DecideAsync(new VisitorEvent
{
    WorkspaceId = "acme",
    ChannelId = "web-store",
    VisitorId = "visitor-1",
    Visitor = visitor,
});
Console.WriteLine(decision); // Show ...: "Need help paying?"  (or Nothing: and the reason)
