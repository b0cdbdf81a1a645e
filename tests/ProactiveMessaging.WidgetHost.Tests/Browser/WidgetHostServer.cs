using Microsoft.AspNetCore.Builder;
using WidgetHost;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>
/// The sample host for one test: in-memory stores (no Redis, whatever the environment says), a known
/// admin key, started on a free loopback port; stopped and disposed at the end of the test.
/// </summary>
internal sealed class WidgetHostServer : IAsyncDisposable
{
    /// <summary>The admin key the tests sign in with.</summary>
    public const string AdminKey = "browser-tests-admin-key";

    private readonly WebApplication _app;

    private WidgetHostServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the address the host listens on, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An absolute address on the host.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public static async Task<WidgetHostServer> StartAsync(CancellationToken cancellationToken)
    {
        // The host's request logs would drown the test output; warnings and errors still show.
        string[] args = [$"--WidgetHost:AdminKey={AdminKey}", "--WidgetHost:Redis=", "--Logging:LogLevel:Default=Warning"];
        var app = WidgetHostApp.Create(args);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Urls.Single();
            return new WidgetHostServer(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
