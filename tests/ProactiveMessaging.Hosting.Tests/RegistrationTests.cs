using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProactiveMessaging.Lifecycle;

namespace ProactiveMessaging.Hosting.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void AddHostedLiveSets_CalledTwice_RegistersOneHostedServiceOneProviderAndOneValidator()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging().AddHostedLiveSets<EmptyProvider>().AddHostedLiveSets<EmptyProvider>(o => o.RetryDelay = TimeSpan.FromSeconds(1));

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IWorkspaceSnapshotProvider));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<LiveSetHostingOptions>));
        using var provider = services.BuildServiceProvider();
        Assert.Equal(TimeSpan.FromSeconds(1), provider.GetRequiredService<IOptions<LiveSetHostingOptions>>().Value.RetryDelay);
    }

    [Fact]
    public void AddHostedLiveSets_KeepsAProviderTheHostRegistered()
    {
        var own = new EmptyProvider();
        var services = new ServiceCollection().AddSingleton<IWorkspaceSnapshotProvider>(own);
        services.AddProactiveMessaging().AddHostedLiveSets(_ => new EmptyProvider());
        using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<IWorkspaceSnapshotProvider>());
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new LiveSetHostingOptions();

        Assert.Equal(TimeSpan.FromMinutes(1), options.RefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ChangeCheckInterval);
        Assert.Equal(4, options.MaxConcurrentRefreshes);
        Assert.Equal(TimeSpan.FromSeconds(5), LiveSetHostingDefaults.StoreProbeTimeout);
    }

    public static TheoryData<string, string> InvalidOptions => new()
    {
        { "interval-short", nameof(LiveSetHostingOptions.RefreshInterval) },
        { "interval-negative", nameof(LiveSetHostingOptions.RefreshInterval) },
        { "interval-long", nameof(LiveSetHostingOptions.RefreshInterval) },
        { "retry-zero", nameof(LiveSetHostingOptions.RetryDelay) },
        { "retry-long", nameof(LiveSetHostingOptions.RetryDelay) },
        { "check-short", nameof(LiveSetHostingOptions.ChangeCheckInterval) },
        { "check-long", nameof(LiveSetHostingOptions.ChangeCheckInterval) },
        { "timeout-zero", nameof(LiveSetHostingOptions.RefreshTimeout) },
        { "timeout-long", nameof(LiveSetHostingOptions.RefreshTimeout) },
        { "concurrency-zero", nameof(LiveSetHostingOptions.MaxConcurrentRefreshes) },
        { "concurrency-high", nameof(LiveSetHostingOptions.MaxConcurrentRefreshes) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOptions_FailAtStart_NamingTheOption(string change, string option)
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging().AddHostedLiveSets<EmptyProvider>(o => Break(o, change));
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(option, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RefreshInterval_ZeroOrInfinite_IsValid(int milliseconds)
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging().AddHostedLiveSets<EmptyProvider>(o => o.RefreshInterval = TimeSpan.FromMilliseconds(milliseconds));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task InvalidOptions_StopTheHostFromStarting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddProactiveMessaging().AddHostedLiveSets<EmptyProvider>(o => o.MaxConcurrentRefreshes = 0);
        using var host = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(HostHarness.Token));
    }

    private static void Break(LiveSetHostingOptions options, string change)
    {
        switch (change)
        {
            case "interval-short": options.RefreshInterval = TimeSpan.FromMilliseconds(500); break;
            case "interval-negative": options.RefreshInterval = TimeSpan.FromSeconds(-5); break;
            case "interval-long": options.RefreshInterval = TimeSpan.FromDays(2); break;
            case "retry-zero": options.RetryDelay = TimeSpan.Zero; break;
            case "retry-long": options.RetryDelay = TimeSpan.FromHours(2); break;
            case "check-short": options.ChangeCheckInterval = TimeSpan.FromMilliseconds(99); break;
            case "check-long": options.ChangeCheckInterval = TimeSpan.FromHours(2); break;
            case "timeout-zero": options.RefreshTimeout = TimeSpan.Zero; break;
            case "timeout-long": options.RefreshTimeout = TimeSpan.FromMinutes(11); break;
            case "concurrency-zero": options.MaxConcurrentRefreshes = 0; break;
            default: options.MaxConcurrentRefreshes = 65; break;
        }
    }

    private sealed class EmptyProvider : IWorkspaceSnapshotProvider
    {
        public ValueTask<IReadOnlyCollection<string>> GetWorkspaceIdsAsync(CancellationToken cancellationToken) => new([]);

        public ValueTask<WorkspaceSnapshot?> GetSnapshotAsync(string workspaceId, CancellationToken cancellationToken) => new((WorkspaceSnapshot?)null);
    }
}
