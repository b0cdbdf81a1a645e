using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

public sealed class HostWiringTests : IDisposable
{
    private readonly DirectoryInfo _webRoot = Directory.CreateTempSubdirectory("widget-host-pages-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TimeProvider_ReplacedInConfigure_IsTheCatalogsClock()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        await using var host = await ApiHost.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(new FixedTime(now)));

        var (_, body) = await host.ActionAsync("winter-sale", "publish", 1);

        Assert.Equal("2026-12-01T10:00:00Z", (string?)body!["message"]!["updatedAt"]);
    }

    [Fact]
    public async Task VisitorContexts_AreReusedAcrossEvents_AndNoValueOfOneVisitorReachesTheNext()
    {
        await using var host = await ApiHost.StartAsync();
        var visitors = host.App.Services.GetRequiredService<global::WidgetHost.VisitorContexts>();
        var fields = host.App.Services.GetRequiredService<ProactiveMessaging.Runtime.ProactiveEngine>().GetFields("demo-shop");
        var countrySet = new ConditionCompiler(fields: fields)
            .Compile(ConditionGroup.All(new Condition("visitor.country", ConditionOperator.IsSet)))
            .GetValueOrThrow();

        var first = visitors.Rent();
        first.SetCountry("PT");
        Assert.True(countrySet.Evaluate(first));
        visitors.Return(first);
        var second = visitors.Rent();

        Assert.Same(first, second);
        Assert.Same(fields, second.Catalog);
        Assert.False(countrySet.Evaluate(second));
    }

    [Theory]
    [InlineData("/", "shop")]
    [InlineData("/products/desk-lamp", "shop")]
    [InlineData("/cart", "shop")]
    [InlineData("/checkout", "shop")]
    [InlineData("/admin", "admin list")]
    [InlineData("/admin/messages/checkout-help", "admin message")]
    public async Task PageRoute_ServesItsFileWithTheSecurityHeaders(string path, string page)
    {
        Write("shop.html", "shop");
        Write("admin/index.html", "admin list");
        Write("admin/message.html", "admin message");
        await using var host = await StartOnWebRootAsync();

        var response = await host.Visitor.GetAsync(path, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(page, await response.Content.ReadAsStringAsync(Token));
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesAndAssets_AreServedFromTheWebRoot_AndAMissingPageIs404()
    {
        Write("widget/widget.js", "// widget");
        await using var host = await StartOnWebRootAsync();

        var script = await host.Visitor.GetAsync("/widget/widget.js", Token);
        var missing = await host.Visitor.GetAsync("/checkout", Token);

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("nosniff", script.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    public void Dispose() => _webRoot.Delete(recursive: true);

    private Task<ApiHost> StartOnWebRootAsync() =>
        ApiHost.StartAsync(builder => builder.Environment.WebRootFileProvider = new PhysicalFileProvider(_webRoot.FullName));

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_webRoot.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
