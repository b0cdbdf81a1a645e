using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class PresetTests
{
    private static readonly CancellationToken Token = CatalogHarness.Token;

    [Fact]
    public async Task FirstAccess_SeedsThreeIncompleteDrafts()
    {
        var harness = new CatalogHarness();

        var page = await harness.Catalog.ListAsync("new", cancellationToken: Token);

        Assert.Equal(3, page.TotalCount);
        Assert.All(page.Items, m => Assert.Equal((MessageStatus.Draft, MessageMetrics.Zero, 1L), (m.Status, m.Metrics, m.Version)));
        Assert.All(page.Items, m => Assert.Contains(PublishRequirements.Check(m.Definition, Snapshots.Healthy), p => p.Kind == ProblemKind.Incomplete));
        Assert.Equal(
            ["Announcement on the pricing page", "Help on the checkout page", "Welcome back returning visitors"],
            page.Items.Select(m => m.Name));
    }

    [Fact]
    public async Task Presets_BecomePublishableOnceAChannelIsChosen()
    {
        var harness = new CatalogHarness();
        foreach (var preset in (await harness.Catalog.ListAsync("new", cancellationToken: Token)).Items)
        {
            var edited = (await harness.Catalog.EditAsync("new", preset.Id, preset.Version, preset.Definition with { ChannelId = Snapshots.WebChannel }, cancellationToken: Token)).EnsureSucceeded();

            var published = await harness.Catalog.PublishAsync("new", preset.Id, edited.Message!.Version, Snapshots.Healthy, Token);

            Assert.True(published.Succeeded, published.RefusalDescription);
        }
    }

    [Fact]
    public async Task Presets_AreSeededOnlyOnce_EvenAfterTheyAreDeleted()
    {
        var harness = new CatalogHarness();
        foreach (var preset in (await harness.Catalog.ListAsync("new", cancellationToken: Token)).Items)
        {
            (await harness.Catalog.DeleteAsync("new", preset.Id, preset.Version, Token)).EnsureSucceeded();
        }

        var again = new MessageCatalog(harness.Store, harness.MetricsStore);

        Assert.Equal(0, (await again.ListAsync("new", cancellationToken: Token)).TotalCount);
        Assert.Equal(0, (await harness.Catalog.ListAsync("new", cancellationToken: Token)).TotalCount);
    }

    [Fact]
    public async Task ManyConcurrentFirstAccesses_SeedExactlyOnce()
    {
        var store = new InMemoryMessageStore();
        var catalogs = new[] { new MessageCatalog(store, new InMemoryMetricsStore()), new MessageCatalog(store, new InMemoryMetricsStore()), new MessageCatalog(store, new InMemoryMetricsStore()) };
        using var start = new ManualResetEventSlim();

        var accesses = Enumerable.Range(0, 48).Select(i => Task.Run(
            async () =>
            {
                start.Wait(Token);
                var catalog = catalogs[i % catalogs.Length];
                return i % 2 == 0
                    ? (await catalog.ListAsync("crowded", cancellationToken: Token)).TotalCount
                    : (await catalog.CreateAsync("crowded", Definitions.Incomplete($"Mine {i}"), Token)).Value is null ? -1 : 0;
            },
            Token)).ToList();
        start.Set();
        await Task.WhenAll(accesses);

        var messages = await store.ListAsync("crowded", Token);
        Assert.Equal(3, messages.Count(m => m.Name is "Help on the checkout page" or "Welcome back returning visitors" or "Announcement on the pricing page"));
        Assert.Equal(3 + 24, messages.Length);
    }

    [Fact]
    public async Task FirstAccess_WithSeedPresetsOff_SeedsNothing()
    {
        var harness = new CatalogHarness(options: new ProactiveMessagingOptions { SeedPresets = false });

        var page = await harness.Catalog.ListAsync("own", cancellationToken: Token);
        var created = await harness.Catalog.CreateAsync("own", Definitions.Agent(), Token);

        Assert.Equal(0, page.TotalCount);
        Assert.Equal([created.Value!.Id], (await harness.Store.ListAsync("own", Token)).Select(m => m.Id));
    }

    [Fact]
    public async Task AWorkspaceFirstUsedWithoutPresets_NeverGetsThemLater()
    {
        var harness = new CatalogHarness(options: new ProactiveMessagingOptions { SeedPresets = false });
        await harness.Catalog.ListAsync("own", cancellationToken: Token);

        var withPresets = new MessageCatalog(harness.Store, harness.MetricsStore);

        Assert.Equal(0, (await withPresets.ListAsync("own", cancellationToken: Token)).TotalCount);
        Assert.Equal(3, (await withPresets.ListAsync("other", cancellationToken: Token)).TotalCount);
    }

    [Fact]
    public async Task Presets_ThatTheConfiguredLimitsRefuse_AreLeftOut()
    {
        var options = new ProactiveMessagingOptions();
        options.Validation.MaxNameLength = 31;
        var harness = new CatalogHarness(options: options);

        var page = await harness.Catalog.ListAsync("short", cancellationToken: Token);

        Assert.Equal(["Help on the checkout page", "Welcome back returning visitors"], page.Items.Select(m => m.Name));
    }

    [Fact]
    public async Task EachWorkspace_GetsItsOwnPresets()
    {
        var harness = new CatalogHarness();

        var first = await harness.Catalog.ListAsync("one", cancellationToken: Token);
        var second = await harness.Catalog.ListAsync("two", cancellationToken: Token);

        Assert.Equal(3, first.TotalCount);
        Assert.Equal(3, second.TotalCount);
        Assert.Empty(first.Items.Select(m => m.Id).Intersect(second.Items.Select(m => m.Id)));
    }
}
