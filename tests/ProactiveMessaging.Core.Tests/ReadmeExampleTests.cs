using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Tests;

/// <summary>The README's example, kept compiling and true.</summary>
[Collection(nameof(Samples.ConsoleOutputTests))]
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_IsTheProgramOfTheExampleApp_WordForWord()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readme", "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var program = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readme", "Program.cs.txt")).ReplaceLineEndings("\n");

        Assert.Equal(program, block);
    }

    [Fact]
    public async Task ReadmeExampleApp_Runs_AndShowsTheMessage()
    {
        var entryPoint = System.Reflection.Assembly.Load("ReadmeExample").EntryPoint!;
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var result = entryPoint.Invoke(null, [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.StartsWith("Show ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Need help paying?", output.ToString(), StringComparison.Ordinal);
    }

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
