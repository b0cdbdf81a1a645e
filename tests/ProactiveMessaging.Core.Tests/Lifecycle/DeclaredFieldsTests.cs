using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>A catalog file that declares its own custom attributes and events needs no host code.</summary>
public sealed class DeclaredFieldsTests
{
    private static readonly WorkspaceSnapshot Snapshot = EndToEndWorkspace.WebMain;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static CatalogDocument Example() =>
        MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(GoldenFileTests.ExamplesDirectory, "catalog-declared-fields.json"))).GetValueOrThrow();

    [Fact]
    public async Task ImportedCatalogWithDeclarations_ValidatesPublishesAndDecides_WithoutHostDeclarations()
    {
        using var services = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();
        var catalog = services.GetRequiredService<MessageCatalog>();
        var engine = services.GetRequiredService<ProactiveEngine>();
        using var _ = catalog.AddListener(engine.CreateLiveSetListener(_ => Snapshot));

        var document = Example();
        (await catalog.ImportAsync(document, Snapshot, cancellationToken: Token)).EnsureSucceeded();

        // The Draft that tests declared fields can be edited and created again in the workspace.
        var draft = document.Messages.Single(m => m.Status == MessageStatus.Draft);
        var copy = await catalog.CreateAsync("outdoor-shop", draft.Definition with { ChannelId = "web-main", Reply = new AgentReply("Your order ships today if you order now.") }, Token);
        Assert.True(copy.Succeeded, ProblemAssert.Describe(copy.Problems));
        var published = await catalog.PublishAsync("outdoor-shop", copy.Value!.Id, copy.Value.Version, Snapshot, Token);
        Assert.True(published.Succeeded, ProblemAssert.Describe(published.Problems));

        // The engine compiled the Live message against the workspace's fields: a visitor of them is shown it.
        var fields = engine.GetFields("outdoor-shop");
        Assert.NotSame(engine.Fields, fields);
        var visitor = new VisitorContext(fields);
        visitor.SetText(fields.GetSlot("custom.plan"), "premium");
        visitor.SetNumber(fields.GetSlot("custom.cartValue"), 640);
        visitor.SetEventCount(fields.GetSlot("event.addedToCart"), 3);
        visitor.SetText(fields.GetSlot("custom.company"), "Acme");
        var decision = await engine.DecideAsync(new VisitorEvent { WorkspaceId = "outdoor-shop", ChannelId = "web-main", VisitorId = "v1", Visitor = visitor }, Token);

        Assert.True(decision.ShouldShow, decision.ToString());
        Assert.Equal("premium-cart-help", decision.Message!.MessageId);
    }

    [Fact]
    public async Task VisitorOfTheHostFields_OnAWorkspaceWithDeclarations_IsAnInvalidEventNamingGetFields()
    {
        using var services = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();
        var catalog = services.GetRequiredService<MessageCatalog>();
        var engine = services.GetRequiredService<ProactiveEngine>();
        using var _ = catalog.AddListener(engine.CreateLiveSetListener(_ => Snapshot));
        (await catalog.ImportAsync(Example(), Snapshot, cancellationToken: Token)).EnsureSucceeded();

        var decision = await engine.DecideAsync(new VisitorEvent { WorkspaceId = "outdoor-shop", ChannelId = "web-main", VisitorId = "v1", Visitor = new VisitorContext(engine.Fields) }, Token);

        Assert.Equal(DecisionOutcome.InvalidEvent, decision.Outcome);
        Assert.Contains("GetFields", decision.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveSets_OfUnchangedDeclarations_KeepOneFieldCatalog_SoVisitorContextsStayValid()
    {
        using var services = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();
        var catalog = services.GetRequiredService<MessageCatalog>();
        var engine = services.GetRequiredService<ProactiveEngine>();
        using var _ = catalog.AddListener(engine.CreateLiveSetListener(_ => Snapshot));
        (await catalog.ImportAsync(Example(), Snapshot, cancellationToken: Token)).EnsureSucceeded();
        var before = engine.GetFields("outdoor-shop");

        var live = (await catalog.ListAsync("outdoor-shop", cancellationToken: Token)).Items.Single(m => m.Status == MessageStatus.Live);
        (await catalog.PauseAsync("outdoor-shop", live.Id, live.Version, Token)).EnsureSucceeded();

        Assert.Same(before, engine.GetFields("outdoor-shop"));
        Assert.Same(before, catalog.GetLiveSet("outdoor-shop").Fields);
    }

    [Fact]
    public async Task Settings_ThatDropADeclarationInUse_AreRefused_AndNothingChanges()
    {
        using var services = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();
        var catalog = services.GetRequiredService<MessageCatalog>();
        var document = Example();
        (await catalog.ImportAsync(document, Snapshot, cancellationToken: Token)).EnsureSucceeded();

        var result = await catalog.SetWorkspaceSettingsAsync(document.Workspace with { CustomAttributes = [] }, Token);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Code == CatalogProblemCodes.DeclarationInUse);
        Assert.Equal(document.Workspace, await catalog.GetWorkspaceSettingsAsync("outdoor-shop", Token));
    }

    [Fact]
    public async Task Settings_WithAMalformedDeclaration_AreRefusedWithItsPath()
    {
        using var services = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();
        var catalog = services.GetRequiredService<MessageCatalog>();

        var result = await catalog.SetWorkspaceSettingsAsync(new WorkspaceSettings("shop") { Events = ["added to cart"] }, Token);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Path == "$.events[0]");
    }
}
