using ProactiveMessaging;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

// Read the catalog beside the program. A lenient read keeps the messages that are well-formed
// and reports the ones that are not, each problem with its JSON path.
var path = Path.Combine(AppContext.BaseDirectory, "catalog.json");
var read = MessageJson.ReadCatalog(File.ReadAllBytes(path), new JsonFormatOptions { SkipInvalidMessages = true });
if (!read.TryGetValue(out var catalog))
{
    Console.WriteLine("The catalog cannot be read:");
    Print(read.Problems);
    return 1;
}

Console.WriteLine($"Workspace {catalog.Workspace.Id} ({catalog.Workspace.Name}): {catalog.Messages.Length} messages read.");
Console.WriteLine();
foreach (var message in catalog.Messages)
{
    Console.WriteLine($"[{message.Status}] {message.Name} ({message.Id})");
    Console.WriteLine($"  channel {message.ChannelId}, {Describe(message.Reply)}, timing {message.Timing}, frequency {message.Frequency}, priority {message.Priority}");
    Console.WriteLine($"  says: \"{message.Reply.Text.Default}\"; in Brazilian Portuguese: \"{message.Reply.Text.Resolve("pt-BR")}\"");

    // Incomplete problems do not prevent saving a Draft; they block publishing.
    var incomplete = MessageValidator.Default.Validate(message.Definition).Problems;
    Console.WriteLine(incomplete.IsEmpty ? "  complete: ready to publish" : "  incomplete:");
    Print(incomplete);
    Console.WriteLine();
}

var rejected = read.Problems.Where(p => p.Kind == ProblemKind.Malformed).ToList();
if (rejected.Count > 0)
{
    Console.WriteLine($"Left out, with {rejected.Count} problems:");
    Print(rejected);
}

return 0;

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
