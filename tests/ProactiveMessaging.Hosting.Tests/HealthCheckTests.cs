using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ProactiveMessaging.Hosting.Tests;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task HealthCheck_AfterStartUpLoading_IsHealthy_WithTheLoadedWorkspacesAndTheLastRefresh()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);

        var health = await harness.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(1, health.Data["workspacesLoaded"]);
        Assert.Equal(0, health.Data["workspacesFailed"]);
        Assert.Equal(HostHarness.Start, health.Data["lastRefresh"]);
        Assert.Equal("reachable", health.Data["messageStore"]);
        Assert.Equal("reachable", health.Data["frequencyStore"]);
        Assert.Equal("reachable", health.Data["metricsStore"]);
    }

    public static TheoryData<string> Stores => new() { "message", "frequency", "metrics" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task HealthCheck_WithAThrowingStore_IsUnhealthy_AndNamesTheStore(string store)
    {
        var failing = new FailingMessageStore { Failing = true };
        await using var harness = new HostHarness(messaging: builder => _ = store switch
        {
            "message" => builder.UseMessageStore(_ => failing),
            "frequency" => builder.UseFrequencyStore(_ => new ThrowingFrequencyStore()),
            _ => builder.UseMetricsStore(_ => new ThrowingMetricsStore()),
        });
        await harness.Host.StartAsync(HostHarness.Token);

        var health = await harness.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.StartsWith($"The {store} store cannot be reached", health.Description, StringComparison.Ordinal);
        Assert.NotEqual("reachable", health.Data[store + "Store"]);
        Assert.NotNull(health.Exception);
    }

    [Fact]
    public async Task HealthCheck_WithAStoreThatNeverAnswers_IsUnhealthyAtTheProbeDeadline()
    {
        await using var harness = new HostHarness(messaging: builder => builder.UseMetricsStore(_ => new SilentMetricsStore()));
        await harness.Host.StartAsync(HostHarness.Token);

        var check = harness.CheckHealthAsync();
        await harness.EventuallyAsync(() => Task.FromResult(check.IsCompleted), LiveSetHostingDefaults.StoreProbeTimeout, "the check ends");
        var health = await check;

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("The metrics store cannot be reached (metrics: no answer within 5 s).", health.Description);
    }

    [Fact]
    public async Task HealthCheck_BeforeStartUpLoadingFinishes_IsUnhealthy_ThenHealthy()
    {
        await using var harness = new HostHarness();
        var gate = new TaskCompletionSource();
        harness.Provider.ListingGate = gate.Task;

        var start = harness.Host.StartAsync(HostHarness.Token);
        await harness.EventuallyAsync(async () => (await harness.CheckHealthAsync()).Description?.Contains("has not finished", StringComparison.Ordinal) == true, what: "loading is reported");
        Assert.Equal(HealthStatus.Unhealthy, (await harness.CheckHealthAsync()).Status);
        Assert.False(start.IsCompleted);

        gate.SetResult();
        await start;

        Assert.Equal(HealthStatus.Healthy, (await harness.CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task HealthCheck_BeforeTheHostStarts_IsUnhealthy()
    {
        await using var harness = new HostHarness();

        var health = await harness.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("NotStarted", health.Data["loading"]);
    }

    [Fact]
    public async Task HealthCheck_WhenTheWorkspaceListWasNeverRead_IsUnhealthy()
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero);
        harness.Provider.FailListing(1);
        await harness.Host.StartAsync(HostHarness.Token);

        var health = await harness.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("The workspace list could not be read", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_WhenEveryWorkspaceFailed_IsUnhealthy_AndWhenSomeDid_IsDegradedNamingThem()
    {
        await using var harness = new HostHarness(o => o.RefreshInterval = TimeSpan.Zero);
        harness.Provider.AlwaysFailing = HostHarness.Workspace;
        await harness.Host.StartAsync(HostHarness.Token);

        Assert.Equal(HealthStatus.Unhealthy, (await harness.CheckHealthAsync()).Status);

        // A publish in a workspace met for the first time loads it in the background.
        harness.Provider.Set("beta", Snapshots.Healthy);
        await HostHarness.PublishAsync(harness.Catalog, "beta");
        await harness.EventuallyAsync(async () => (await harness.CheckHealthAsync()).Status == HealthStatus.Degraded, LiveSetHostingDefaults.RetryDelay, "beta is loaded");

        var health = await harness.CheckHealthAsync();
        Assert.Equal($"1 of 2 workspaces failed to load or refresh ({HostHarness.Workspace}).", health.Description);
        Assert.Equal(1, health.Data["workspacesLoaded"]);
        Assert.Equal(1, health.Data["workspacesFailed"]);
    }

    [Fact]
    public async Task HealthCheck_AfterStop_IsUnhealthy()
    {
        await using var harness = new HostHarness();
        await harness.Host.StartAsync(HostHarness.Token);
        await harness.Host.StopAsync(HostHarness.Token);

        var health = await harness.CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("Stopped", health.Data["loading"]);
    }

    [Fact]
    public async Task HealthCheck_WithoutTheHostedService_ReportsTheStoresOnly()
    {
        await using var harness = new HostHarness(hostedLiveSets: false);

        var health = await harness.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.False(health.Data.ContainsKey("workspacesLoaded"));
    }

    [Fact]
    public void AddProactiveMessaging_OnTheHealthChecks_CalledTwice_RegistersOneCheck()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging();
        services.AddHealthChecks().AddProactiveMessaging().AddProactiveMessaging(tags: ["ready"]);
        using var provider = services.BuildServiceProvider();

        var registration = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal(LiveSetHostingDefaults.HealthCheckName, registration.Name);
        Assert.Equal(HealthStatus.Unhealthy, registration.FailureStatus);
    }

    [Fact]
    public async Task HealthCheck_WithAFailureStatusOfDegraded_ReportsAStoreFailureAsDegraded()
    {
        var services = new ServiceCollection();
        services.AddProactiveMessaging().UseMetricsStore(_ => new ThrowingMetricsStore());
        services.AddLogging();
        services.AddHealthChecks().AddProactiveMessaging(failureStatus: HealthStatus.Degraded);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(HostHarness.Token);

        Assert.Equal(HealthStatus.Degraded, report.Entries[LiveSetHostingDefaults.HealthCheckName].Status);
    }
}
