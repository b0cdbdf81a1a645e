using WidgetHost;

namespace ProactiveMessaging.WidgetHost.Tests;

public sealed class HostStartTests
{
    [Fact]
    public async Task Host_WithoutConfiguredUrls_ListensOnLoopbackOnAFreePort()
    {
        await using var app = WidgetHostApp.Create([]);
        await app.StartAsync(TestContext.Current.CancellationToken);

        var uri = new Uri(Assert.Single(app.Urls));
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.NotEqual(0, uri.Port);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
