using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using ProactiveMessaging;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Storage;
using Quickstart;

// 1. Read the catalog beside the program. A lenient read keeps the messages that are well-formed
//    and reports the ones that are not, each problem with its JSON path.
var path = Path.Combine(AppContext.BaseDirectory, "catalog.json");
var read = MessageJson.ReadCatalog(File.ReadAllBytes(path), new JsonFormatOptions { SkipInvalidMessages = true });
if (!read.TryGetValue(out var document))
{
    Console.WriteLine("The catalog cannot be read:");
    Print(read.Problems);
    return 1;
}

var workspaceId = document.Workspace.Id;
Section($"Catalog of workspace {workspaceId} ({document.Workspace.Name}): {document.Messages.Length} messages read");
foreach (var message in document.Messages)
{
    Console.WriteLine($"[{message.Status}] {message.Name} ({message.Id})");
    Console.WriteLine($"    channel {message.ChannelId}, {Describe(message.Reply)}, timing {message.Timing}, frequency {message.Frequency}, priority {message.Priority}");

    // Incomplete problems do not prevent saving a Draft; they block publishing.
    var incomplete = MessageValidator.Default.Validate(message.Definition).Problems;
    Console.WriteLine(incomplete.IsEmpty ? "    complete: ready to publish" : "    incomplete:");
    Print(incomplete);
}

Console.WriteLine("Left out:");
Print(read.Problems.Where(p => p.Kind == ProblemKind.Malformed));

// 2. The workspace as the messaging platform knows it: one Web Widget channel with a default
//    sender and a flow-builder bot, and the schedules from the catalog.
var bot = new BotInfo("acme-bot") { BrandId = "acme", IsActive = true, IsPublished = true, PublishedAnswerIds = ["resume-order"] };
var snapshot = new WorkspaceSnapshot
{
    AgentWorkspaceActive = true,
    MessagingActive = true,
    DefaultScheduleId = document.Workspace.DefaultScheduleId,
    Schedules = document.Workspace.Schedules,
    Channels = [new ChannelInfo("web-store", ChannelKind.WebWidget) { BrandId = "acme", DefaultSenderName = "Acme Support", UsesFlowBuilder = true, BotId = bot.Id }],
    Bots = [bot],
};

// Tuesday 1 December 2026, 10:00 in London: the store is open.
var clock = new SampleClock(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
// The host wires the catalog to the engine: at start the hosted service loads the Live sets of the
// workspaces the snapshot provider lists, and from then on every publish, pause or edit reaches
// the engine before the catalog's call returns. The catalog and the engine read one options
// object and share one metrics store, so the catalog accepts what the engine compiles and its list
// shows the counts the engine records. See docs/hosting.md.
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Services.AddSingleton<TimeProvider>(clock);
builder.Services.AddProactiveMessaging()
    .AddHostedLiveSets(new SampleWorkspaces(workspaceId, snapshot));
using var host = builder.Build();
var catalog = host.Services.GetRequiredService<MessageCatalog>();
var engine = host.Services.GetRequiredService<ProactiveEngine>();

// Import the catalog as it was read (versions, statuses and history kept, no presets added),
// then start the host, which loads the Live set into the engine.
(await catalog.ImportAsync(document, snapshot)).EnsureSucceeded();
await host.StartAsync();

// 3. Publish. The bot's answer is not published yet: the publish is refused with every problem.
Section("Publishing");
var unpublishedAnswer = snapshot with { Bots = [bot with { PublishedAnswerIds = [] }] };
var welcome = (await catalog.GetAsync(workspaceId, "welcome-back"))!;
var refused = await catalog.PublishAsync(workspaceId, welcome.Id, welcome.Version, unpublishedAnswer);
Console.WriteLine($"Publish '{welcome.Name}' while its bot answer is unpublished: {(refused.Succeeded ? "published" : "refused")}");
Print(refused.Problems);

foreach (var message in document.Messages)
{
    var current = (await catalog.GetAsync(workspaceId, message.Id))!;
    var published = await catalog.PublishAsync(workspaceId, current.Id, current.Version, snapshot);
    Console.WriteLine($"Publish '{current.Name}': {(published.Succeeded ? $"now {published.Status}" : "refused")}");
    Print(published.Problems);
}

// 4. Play visitors through their events.
var visitor = new VisitorContext(engine.Fields);

Section("Ana, on the checkout page in Portuguese (Brazil), during business hours");
visitor.Reset();
visitor.SetPageUrl("https://shop.example/checkout/payment");
visitor.SetLanguage("pt-BR");
visitor.SetTimeOnPage(Duration.FromSeconds(5));
await Decide("ana", VisitorEventKind.PageView, "first second on the page");
visitor.SetTimeOnPage(Duration.FromSeconds(35));
var shown = await Decide("ana", VisitorEventKind.Heartbeat, "after 35 seconds");
if (shown.Message is { } help)
{
    Console.WriteLine($"    on open: ask for {(help.AskForName ? "name" : "")}{(help.AskForName && help.AskForEmail ? " and " : "")}{(help.AskForEmail ? "email" : "")}, then say \"{shown.FollowUpText}\", then hand over to an online agent: {help.HandsOverToAgent}");
    await Outcome("ana", help.MessageId, VisitorOutcome.Opened);
    await Outcome("ana", help.MessageId, VisitorOutcome.Replied);
}

Section("Ben, a returning visitor, on his second page");
visitor.Reset();
visitor.SetPageUrl("https://shop.example/products/42");
visitor.SetReturning(true);
visitor.SetPageViews(2);
var bubble = await Decide("ben", VisitorEventKind.PageView, "second page view");
if (bubble.Message is { } botMessage)
{
    Console.WriteLine($"    sent as the bot '{botMessage.BotId}'; on open the bot starts answer '{botMessage.BotAnswerId}'");
    await Outcome("ben", botMessage.MessageId, VisitorOutcome.Opened);
}

Section("Chloe, on the pricing page at 20:00, dismisses the message, then comes back");
clock.Set(new DateTimeOffset(2026, 12, 1, 20, 0, 0, TimeSpan.Zero));
visitor.Reset();
visitor.SetPageUrl("https://shop.example/pricing");
var announcement = await Decide("chloe", VisitorEventKind.PageView, "pricing page, store closed");
await Outcome("chloe", announcement.Message!.MessageId, VisitorOutcome.Dismissed);
await Decide("chloe", VisitorEventKind.Heartbeat, "same page view, after dismissing with X");
await Decide("chloe", VisitorEventKind.PageView, "next page view (every time: once per page view)");

Section("Dan, on the checkout page at 20:00, outside business hours");
visitor.Reset();
visitor.SetPageUrl("https://shop.example/checkout");
visitor.SetTimeOnPage(Duration.FromSeconds(40));
await Decide("dan", VisitorEventKind.Heartbeat, "checkout help runs during business hours only");

// 5. The metrics count visitors, not clicks.
Section("Metrics");
foreach (var message in document.Messages)
{
    var metrics = await engine.GetMetricsAsync(workspaceId, message.Id);
    Console.WriteLine($"{message.Name}: sent {metrics.Sent}, opened {metrics.Opened}, replied {metrics.Replied}");
}

await host.StopAsync();
return 0;

async Task<Decision> Decide(string visitorId, VisitorEventKind kind, string moment)
{
    var decision = await engine.DecideAsync(new VisitorEvent
    {
        WorkspaceId = workspaceId,
        ChannelId = "web-store",
        VisitorId = visitorId,
        Kind = kind,
        Visitor = visitor,
    });
    Console.WriteLine(decision.ShouldShow
        ? $"  {moment}: show \"{decision.Text}\" as a {decision.Message!.Presentation} from {decision.Message.SenderName ?? decision.Message.BotId}"
        : $"  {moment}: nothing ({decision.Outcome})");
    return decision;
}

async Task Outcome(string visitorId, string messageId, VisitorOutcome outcome)
{
    var recorded = await engine.RecordOutcomeAsync(new OutcomeEvent { WorkspaceId = workspaceId, VisitorId = visitorId, MessageId = messageId, Outcome = outcome });
    Console.WriteLine($"  {visitorId}: {outcome} ({recorded})");
}

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine($"== {title}");
}

static string Describe(MessageReply reply) => reply switch
{
    AgentReply agent => $"agent reply{(agent.AskForName ? ", asks for a name" : "")}{(agent.AskForEmail ? ", asks for an email" : "")}",
    BotReply bot => $"bot reply starting answer {bot.AnswerId}",
    _ => "reply",
};

static void Print(IEnumerable<Problem> problems)
{
    foreach (var problem in problems)
    {
        Console.WriteLine($"    {problem.Path}: {problem.Message} [{problem.Code}]");
    }
}
