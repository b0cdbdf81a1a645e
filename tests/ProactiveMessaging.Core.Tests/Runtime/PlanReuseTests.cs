using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>Applying a Live set compiles only the messages that changed since the current plans.</summary>
public sealed class PlanReuseTests
{
    private const int Count = 1_000;

    private int _visitors;

    [Fact]
    public void Apply_WhenOneMessageOfALargeSetIsEdited_CompilesThatMessageOnly()
    {
        using var engine = NewEngine();
        var messages = GeneratedLiveSets.Messages(Count);
        Assert.Empty(engine.ApplyLiveSet(GeneratedLiveSets.Set(messages, 1), Snapshots.Healthy));
        Assert.Equal(Count, engine.PlanCompilations);

        // Message 500 now targets another page: a new version with other conditions.
        var edited = GeneratedLiveSets.Message(500, version: 3, path: "/landing/moved");
        Assert.Empty(engine.ApplyLiveSet(GeneratedLiveSets.Set(messages.SetItem(500, edited), 2), Snapshots.Healthy));

        Assert.Equal(Count + 1, engine.PlanCompilations);
        Assert.Equal(DecisionOutcome.NoConditionsMet, Decide(engine, GeneratedLiveSets.PathOf(500)).Outcome);
        Assert.Equal(edited.Id, Decide(engine, "/landing/moved").Message?.MessageId);
        Assert.Equal(messages[499].Id, Decide(engine, GeneratedLiveSets.PathOf(499)).Message?.MessageId);
    }

    [Fact]
    public void Apply_WhenAMessageIsRemovedAndAnotherAdded_CompilesTheAddedOneOnly()
    {
        using var engine = NewEngine();
        var messages = GeneratedLiveSets.Messages(Count);
        engine.ApplyLiveSet(GeneratedLiveSets.Set(messages, 1), Snapshots.Healthy);

        var added = GeneratedLiveSets.Message(Count);
        engine.ApplyLiveSet(GeneratedLiveSets.Set(messages.RemoveAt(7).Add(added), 2), Snapshots.Healthy);

        Assert.Equal(Count + 1, engine.PlanCompilations);
        Assert.Equal(DecisionOutcome.NoConditionsMet, Decide(engine, GeneratedLiveSets.PathOf(7)).Outcome);
        Assert.Equal(added.Id, Decide(engine, GeneratedLiveSets.PathOf(Count)).Message?.MessageId);
    }

    [Fact]
    public void Apply_WhenTheSameMessagesComeAsNewInstances_CompilesNothing()
    {
        // A host that reads the Live set back from a store gets equal messages, not the same objects.
        using var engine = NewEngine();
        engine.ApplyLiveSet(GeneratedLiveSets.Set(GeneratedLiveSets.Messages(Count), 1), Snapshots.Healthy);

        engine.ApplyLiveSet(GeneratedLiveSets.Set(GeneratedLiveSets.Messages(Count), 2), Snapshots.Healthy);

        Assert.Equal(Count, engine.PlanCompilations);
        Assert.Equal("m000042", Decide(engine, GeneratedLiveSets.PathOf(42)).Message?.MessageId);
    }

    [Fact]
    public void Apply_WhenTheDefaultSenderChanges_KeepsTheConditionsAndShowsTheNewSender()
    {
        using var engine = NewEngine();
        var messages = GeneratedLiveSets.Messages(10);
        engine.ApplyLiveSet(GeneratedLiveSets.Set(messages, 1), Snapshots.Healthy);
        var before = Decide(engine, GeneratedLiveSets.PathOf(3)).Message;

        var renamed = Snapshots.WithChannel(Snapshots.WebChannel, channel => new ChannelInfo(channel.Id, channel.Kind) { BrandId = channel.BrandId, DefaultSenderName = "Sales team" });
        engine.ApplyLiveSet(GeneratedLiveSets.Set(messages, 1), renamed);
        var after = Decide(engine, GeneratedLiveSets.PathOf(3)).Message;

        Assert.Equal(10, engine.PlanCompilations);
        Assert.NotEqual("Sales team", before?.SenderName);
        Assert.Equal("Sales team", after?.SenderName);
    }

    [Fact]
    public void Apply_WhenNothingChanged_KeepsThePlannedMessages()
    {
        using var engine = NewEngine();
        var set = GeneratedLiveSets.Set(GeneratedLiveSets.Messages(10), 1);
        engine.ApplyLiveSet(set, Snapshots.Healthy);
        var before = Decide(engine, GeneratedLiveSets.PathOf(3)).Message;

        engine.ApplyLiveSet(set, Snapshots.Healthy);

        Assert.Equal(10, engine.PlanCompilations);
        Assert.Same(before, Decide(engine, GeneratedLiveSets.PathOf(3)).Message);
    }

    [Fact]
    public void Apply_WhenTheWorkspaceDeclaresNewFields_CompilesEveryMessageAgain()
    {
        // Compiled conditions belong to the field catalogue they were compiled with.
        using var engine = NewEngine();
        var messages = GeneratedLiveSets.Messages(10);
        engine.ApplyLiveSet(GeneratedLiveSets.Set(messages, 1), Snapshots.Healthy);

        var declared = engine.Fields.WithCustomAttribute("plan", FieldType.Text);
        engine.ApplyLiveSet(GeneratedLiveSets.Set(messages, 2, fields: declared), Snapshots.Healthy);

        Assert.Equal(20, engine.PlanCompilations);
        Assert.Equal("m000003", Decide(engine, GeneratedLiveSets.PathOf(3), declared).Message?.MessageId);
    }

    private static ProactiveEngine NewEngine() => new(new InMemoryFrequencyStore(), new InMemoryMetricsStore());

    private Decision Decide(ProactiveEngine engine, string path, FieldCatalog? fields = null)
    {
        var visitorEvent = new VisitorEvent
        {
            WorkspaceId = EngineHarness.Workspace,
            ChannelId = Snapshots.WebChannel,
            // A new visitor each time: an EveryTime message goes again only once its conditions stopped holding.
            VisitorId = "visitor-" + (++_visitors).ToString(System.Globalization.CultureInfo.InvariantCulture),
            VisitId = "visit",
            PageViewId = "page",
            Kind = VisitorEventKind.PageView,
            Visitor = GeneratedLiveSets.Visitor(fields ?? engine.Fields, path),
        };
        var pending = engine.DecideAsync(visitorEvent, TestContext.Current.CancellationToken);
        return pending.IsCompletedSuccessfully ? pending.Result : throw new InvalidOperationException("The in-memory stores answer synchronously.");
    }
}
