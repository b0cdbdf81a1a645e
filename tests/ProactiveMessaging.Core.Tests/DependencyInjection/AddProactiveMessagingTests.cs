using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Runtime;

namespace ProactiveMessaging.Tests.DependencyInjection;

public sealed class AddProactiveMessagingTests
{
    [Fact]
    public void AddProactiveMessaging_RegistersEveryPartAsASingleton()
    {
        using var provider = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();

        Assert.IsType<InMemoryFrequencyStore>(provider.GetRequiredService<IFrequencyStore>());
        Assert.IsType<InMemoryMetricsStore>(provider.GetRequiredService<IMetricsStore>());
        Assert.IsType<InMemoryMessageStore>(provider.GetRequiredService<IMessageStore>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(provider.GetRequiredService<ProactiveEngine>(), provider.GetRequiredService<ProactiveEngine>());
        Assert.Same(provider.GetRequiredService<MessageCatalog>(), provider.GetRequiredService<MessageCatalog>());
        Assert.NotNull(provider.GetRequiredService<MessageValidator>());
    }

    [Fact]
    public async Task AddProactiveMessaging_AHostsOwnStoresAndClock_Win()
    {
        var store = new CountingFrequencyStore();
        var time = new FakeTimeProvider(EngineHarness.Start);
        var services = new ServiceCollection().AddSingleton<IFrequencyStore>(store).AddSingleton<TimeProvider>(time);
        services.AddProactiveMessaging();
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<IFrequencyStore>());
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
        await PublishAndShowAsync(provider);

        Assert.Equal(1, store.Reservations);
        Assert.Equal(NodaTime.Instant.FromDateTimeOffset(EngineHarness.Start), store.LastReservationNow);
    }

    [Fact]
    public async Task AddProactiveMessaging_CustomAttributeAndEvent_AreAcceptedByTheCatalogAndDecidedByTheEngine()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(EngineHarness.Start));
        services.AddProactiveMessaging(o => o.Fields = ProactiveMessaging.Conditions.FieldCatalog.Default
            .WithEvent("addedToCart")
            .WithCustomAttribute("plan", ProactiveMessaging.Conditions.FieldType.Enum, ["free", "pro"]));
        using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<MessageCatalog>();
        var engine = provider.GetRequiredService<ProactiveEngine>();
        var definition = EngineHarness.Agent() with
        {
            Rules = new MessageRules
            {
                Conditions = ProactiveMessaging.Conditions.ConditionGroup.All(
                    new ProactiveMessaging.Conditions.Condition("event.addedToCart.count", ProactiveMessaging.Conditions.ConditionOperator.AtLeast, 2),
                    new ProactiveMessaging.Conditions.Condition("custom.plan", ProactiveMessaging.Conditions.ConditionOperator.Is, "pro")),
            },
        };

        var created = await catalog.CreateAsync("ws", definition, EngineHarness.Token);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        (await catalog.PublishAsync("ws", created.Value!.Id, created.Value.Version, ProactiveMessaging.Tests.Lifecycle.Snapshots.Healthy, EngineHarness.Token)).EnsureSucceeded();
        Assert.Empty(engine.ApplyLiveSet(catalog.GetLiveSet("ws"), ProactiveMessaging.Tests.Lifecycle.Snapshots.Healthy));
        var visitor = new ProactiveMessaging.Conditions.VisitorContext(engine.Fields);
        var addedToCart = engine.Fields.GetSlot("event.addedToCart");
        visitor.SetText(engine.Fields.GetSlot("custom.plan"), "pro");
        visitor.RecordEvent(addedToCart);
        var visitorEvent = EngineHarness.Event("v1", visitor) with { WorkspaceId = "ws", Kind = VisitorEventKind.AppEvent };

        Assert.Equal(DecisionOutcome.NoConditionsMet, (await engine.DecideAsync(visitorEvent, EngineHarness.Token)).Outcome);
        visitor.RecordEvent(addedToCart);
        var decision = await engine.DecideAsync(visitorEvent, EngineHarness.Token);

        Assert.Equal(DecisionOutcome.Show, decision.Outcome);
        Assert.Equal(created.Value.Id, decision.Message!.MessageId);
    }

    [Fact]
    public async Task AddProactiveMessaging_ValidationLimits_ApplyToTheCatalog()
    {
        using var provider = new ServiceCollection().AddProactiveMessaging(o => o.Validation.MaxNameLength = 5).Services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<MessageCatalog>();

        var created = await catalog.CreateAsync("ws", EngineHarness.Agent("Longer than five"), EngineHarness.Token);

        Assert.Contains(created.Problems, p => p.Code == ModelProblemCodes.NameTooLong);
        Assert.Contains(provider.GetRequiredService<MessageValidator>().Validate(EngineHarness.Agent("Longer than five")).Problems, p => p.Code == ModelProblemCodes.NameTooLong);
    }

    [Fact]
    public async Task AddProactiveMessaging_TheCatalogListsTheCountsOfTheEnginesMetricsStore()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(EngineHarness.Start));
        services.AddProactiveMessaging();
        using var provider = services.BuildServiceProvider();
        var (catalog, draft) = await PublishAndShowAsync(provider);

        Assert.Equal(new MessageMetrics(1, 0, 0), (await catalog.GetAsync("ws", draft.Id, EngineHarness.Token))!.Metrics);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 0)]
    public async Task AddProactiveMessaging_SeedPresets_DecidesWhetherANewWorkspaceStartsWithThePresets(bool seed, int expected)
    {
        using var provider = new ServiceCollection().AddProactiveMessaging(o => o.SeedPresets = seed).Services.BuildServiceProvider();

        var page = await provider.GetRequiredService<MessageCatalog>().ListAsync("ws", cancellationToken: EngineHarness.Token);

        Assert.Equal(expected, page.TotalCount);
    }

    [Fact]
    public void Builder_UseFrequencyStore_ReplacesTheDefault()
    {
        var store = new CountingFrequencyStore();
        using var provider = new ServiceCollection().AddProactiveMessaging().UseFrequencyStore(_ => store).Services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<IFrequencyStore>());
    }

    [Fact]
    public void AddProactiveMessaging_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging();
        var once = services.Select(d => d.ServiceType).ToList();
        services.AddProactiveMessaging();

        foreach (var type in new[] { typeof(ProactiveEngine), typeof(MessageCatalog), typeof(IFrequencyStore), typeof(IMetricsStore), typeof(IMessageStore), typeof(TimeProvider), typeof(IValidateOptions<ProactiveMessagingOptions>) })
        {
            Assert.Equal(1, services.Count(d => d.ServiceType == type));
        }

        Assert.Equal(once.Count(t => t == typeof(IConfigureOptions<ProactiveMessagingOptions>)), services.Count(d => d.ServiceType == typeof(IConfigureOptions<ProactiveMessagingOptions>)));
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<ProactiveEngine>());
    }

    [Fact]
    public void AddProactiveMessaging_CalledTwiceWithConfiguration_AppliesBoth()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging(o => o.LifetimeCap = 5);
        services.AddProactiveMessaging(o => o.PerVisitCap = 2);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value;
        Assert.Equal(5, options.LifetimeCap);
        Assert.Equal(2, options.PerVisitCap);
    }

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "gap-zero", nameof(ProactiveMessagingOptions.VisitInactivityGap) },
        { "gap-long", nameof(ProactiveMessagingOptions.VisitInactivityGap) },
        { "timeout-zero", nameof(ProactiveMessagingOptions.StoreTimeout) },
        { "timeout-long", nameof(ProactiveMessagingOptions.StoreTimeout) },
        { "lifetime-zero", nameof(ProactiveMessagingOptions.LifetimeCap) },
        { "per-visit-negative", nameof(ProactiveMessagingOptions.PerVisitCap) },
        { "per-visit-above-lifetime", nameof(ProactiveMessagingOptions.PerVisitCap) },
        { "window-count-zero", nameof(ProactiveMessagingOptions.FatigueWindows) },
        { "window-period-zero", nameof(ProactiveMessagingOptions.FatigueWindows) },
        { "tracked-zero", nameof(ProactiveMessagingOptions.MaxTrackedVisitors) },
        { "fields-null", nameof(ProactiveMessagingOptions.Fields) },
        { "depth-zero", nameof(ProactiveMessagingOptions.Validation) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOptions_FailAtStart_NamingTheOption(string change, string option)
    {
        using var provider = new ServiceCollection().AddProactiveMessaging(o => Break(o, change)).Services.BuildServiceProvider();

        var startup = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var resolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value);

        Assert.Contains(option, startup.Message, StringComparison.Ordinal);
        Assert.Contains(option, resolve.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ProactiveEngine>());
    }

    [Fact]
    public void InvalidOptions_EveryProblemIsListed()
    {
        using var provider = new ServiceCollection().AddProactiveMessaging(o =>
        {
            o.StoreTimeout = TimeSpan.Zero;
            o.VisitInactivityGap = TimeSpan.Zero;
            o.LifetimeCap = 0;
        }).Services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains(nameof(ProactiveMessagingOptions.StoreTimeout), StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains(nameof(ProactiveMessagingOptions.VisitInactivityGap), StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains(nameof(ProactiveMessagingOptions.LifetimeCap), StringComparison.Ordinal));
    }

    [Fact]
    public void DefaultOptions_PassTheStartupValidation()
    {
        using var provider = new ServiceCollection().AddProactiveMessaging().Services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(ProactiveMessagingDefaults.VisitInactivityGap, provider.GetRequiredService<IOptions<ProactiveMessagingOptions>>().Value.VisitInactivityGap);
    }

    internal static void Break(ProactiveMessagingOptions options, string change)
    {
        switch (change)
        {
            case "gap-zero": options.VisitInactivityGap = TimeSpan.Zero; break;
            case "gap-long": options.VisitInactivityGap = TimeSpan.FromDays(8); break;
            case "timeout-zero": options.StoreTimeout = TimeSpan.Zero; break;
            case "timeout-long": options.StoreTimeout = TimeSpan.FromMinutes(2); break;
            case "lifetime-zero": options.LifetimeCap = 0; break;
            case "per-visit-negative": options.PerVisitCap = -1; break;
            case "per-visit-above-lifetime": options.LifetimeCap = 2; options.PerVisitCap = 3; break;
            case "window-count-zero": options.FatigueWindows.Add(new FatigueWindow(0, NodaTime.Duration.FromHours(1))); break;
            case "window-period-zero": options.FatigueWindows.Add(new FatigueWindow(1, NodaTime.Duration.Zero)); break;
            case "tracked-zero": options.MaxTrackedVisitors = 0; break;
            case "fields-null": options.Fields = null!; break;
            default: options.Validation.MaxConditionDepth = 0; break;
        }
    }

    /// <summary>Publishes a message through the registered catalog, applies its Live set and shows it to a visitor on the pricing page.</summary>
    private static async Task<(MessageCatalog Catalog, ProactiveMessage Draft)> PublishAndShowAsync(ServiceProvider provider)
    {
        var catalog = provider.GetRequiredService<MessageCatalog>();
        var engine = provider.GetRequiredService<ProactiveEngine>();
        var draft = (await catalog.CreateAsync("ws", EngineHarness.Agent(), EngineHarness.Token)).GetValueOrThrow();
        (await catalog.PublishAsync("ws", draft.Id, draft.Version, ProactiveMessaging.Tests.Lifecycle.Snapshots.Healthy, EngineHarness.Token)).EnsureSucceeded();
        engine.ApplyLiveSet(catalog.GetLiveSet("ws"), ProactiveMessaging.Tests.Lifecycle.Snapshots.Healthy);
        var visitor = new ProactiveMessaging.Conditions.VisitorContext(engine.Fields);
        visitor.SetPageUrl(EngineHarness.PricingUrl);

        Assert.True((await engine.DecideAsync(EngineHarness.Event("v1", visitor) with { WorkspaceId = "ws" }, EngineHarness.Token)).ShouldShow);
        return (catalog, draft);
    }
}
