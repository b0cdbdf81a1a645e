using Microsoft.Extensions.DependencyInjection;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Lifecycle;

/// <summary>
/// The catalog and engine of one service provider, the engine following the catalog's Live sets
/// with one snapshot: what the end-to-end condition tests publish through and decide with.
/// </summary>
internal sealed class EndToEndWorkspace : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IDisposable _listener;

    public EndToEndWorkspace(WorkspaceSnapshot snapshot, TimeProvider? time = null)
    {
        Snapshot = snapshot;
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        _provider = services.AddProactiveMessaging(o => o.SeedPresets = false).Services.BuildServiceProvider();
        Catalog = _provider.GetRequiredService<MessageCatalog>();
        Engine = _provider.GetRequiredService<ProactiveEngine>();
        _listener = Catalog.AddListener(Engine.CreateLiveSetListener(_ => Snapshot));
    }

    /// <summary>The example workspace's snapshot: one web channel, <c>web-main</c>, whose default sender publishes agent replies.</summary>
    public static WorkspaceSnapshot WebMain { get; } = new()
    {
        AgentWorkspaceActive = true,
        MessagingActive = true,
        Channels = [new ChannelInfo("web-main", ChannelKind.WebWidget) { DefaultSenderName = "Outdoor Support" }],
    };

    public WorkspaceSnapshot Snapshot { get; }

    public MessageCatalog Catalog { get; }

    public ProactiveEngine Engine { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Imports the settings (declared attributes and events) of the golden example docs/examples/catalog-declared-fields.json.</summary>
    public async Task ImportDeclaredFieldsAsync()
    {
        var document = MessageJson.ReadCatalog(File.ReadAllBytes(Path.Combine(GoldenFileTests.ExamplesDirectory, "catalog-declared-fields.json"))).GetValueOrThrow();
        (await Catalog.ImportAsync(new CatalogDocument(document.Workspace, []), Snapshot, cancellationToken: Token)).EnsureSucceeded();
    }

    /// <summary>Creates and publishes a message, failing the test with every problem when either step is refused.</summary>
    public async Task<ProactiveMessage> PublishAsync(string workspaceId, MessageDefinition definition)
    {
        var created = await Catalog.CreateAsync(workspaceId, definition, Token);
        Assert.True(created.Succeeded, ProblemAssert.Describe(created.Problems));
        var published = await Catalog.PublishAsync(workspaceId, created.Value!.Id, created.Value.Version, Snapshot, Token);
        Assert.True(published.Succeeded, ProblemAssert.Describe(published.Problems));
        return published.Message!;
    }

    public void Dispose()
    {
        _listener.Dispose();
        _provider.Dispose();
    }
}
