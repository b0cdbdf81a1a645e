using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Testing;
using ProactiveMessaging.Testing.Lifecycle;

namespace ProactiveMessaging.Hosting.Tests;

/// <summary>A host tested with the Testing package's fakes only, as docs/testing.md shows it.</summary>
public sealed class TestingPackageTests
{
    [Fact]
    public async Task HostedLiveSets_WithThePackagesFakes_FollowAWorkspaceThatTurnsMessagingOff()
    {
        var token = TestContext.Current.CancellationToken;
        var time = new FakeTime(Instant.FromUtc(2025, 3, 3, 10, 0));
        var snapshot = new WorkspaceSnapshotBuilder().AddWebWidget("web").Build();
        var workspaces = new FakeWorkspaceSnapshots("acme", snapshot);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddProactiveMessaging().AddHostedLiveSets(workspaces);
        using var host = builder.Build();
        await host.StartAsync(token);
        var catalog = host.Services.GetRequiredService<MessageCatalog>();
        var engine = host.Services.GetRequiredService<ProactiveEngine>();
        var draft = (await catalog.CreateAsync("acme", HostHarness.Agent(), token)).GetValueOrThrow();
        var live = (await catalog.PublishAsync("acme", draft.Id, draft.Version, snapshot, token)).EnsureSucceeded().Message!;
        Assert.True((await DecideAsync(engine, token)).ShouldShow);

        workspaces.Set("acme", new WorkspaceSnapshotBuilder().AddWebWidget("web").WithMessagingActive(false).Build());

        // The refresh loop may not wait on the clock yet when the test first moves it: move it
        // until the message is in Error, within a generous bound of looks.
        for (var look = 0; look < 1000 && (await catalog.GetAsync("acme", live.Id, token))!.Status != MessageStatus.Error; look++)
        {
            time.Advance(Duration.FromMinutes(1));
            await Task.Delay(10, token);
        }

        Assert.Equal(MessageStatus.Error, (await catalog.GetAsync("acme", live.Id, token))!.Status);
        Assert.False((await DecideAsync(engine, token)).ShouldShow);
        Assert.True(workspaces.ReadCount("acme") >= 2);
        await host.StopAsync(CancellationToken.None);
    }

    private static ValueTask<Decision> DecideAsync(ProactiveEngine engine, CancellationToken token)
    {
        var visitor = new VisitorContext(engine.Fields);
        visitor.SetPageUrl("https://shop.example/pricing");
        return engine.DecideAsync(new VisitorEvent { WorkspaceId = "acme", ChannelId = "web", VisitorId = "visitor-1", Visitor = visitor }, token);
    }
}
