using Microsoft.Playwright;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>
/// One headless Chromium shared by the tests of a class (each test gets its own context, so its own
/// cookies and storage). The browser is Debian's chromium at /usr/bin/chromium, or the one named by
/// PROACTIVE_CHROMIUM; Playwright never downloads one. When it is missing the tests skip with the
/// reason, unless PROACTIVE_REQUIRE_SERVICES is set (./build.sh test sets it): then it is a failure.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missing;

    /// <summary>Gets the browser; skips the test (or fails it when browsers are required) when there is none.</summary>
    public IBrowser Browser
    {
        get
        {
            if (_browser is not null)
            {
                return _browser;
            }

            Assert.Skip(_missing ?? "The browser did not start.");
            throw new InvalidOperationException(_missing);
        }
    }

    private static string Executable =>
        Environment.GetEnvironmentVariable("PROACTIVE_CHROMIUM") is { Length: > 0 } path ? path : DefaultExecutable;

    private static bool Required => Environment.GetEnvironmentVariable("PROACTIVE_REQUIRE_SERVICES") is { Length: > 0 } value && value != "0";

    public async ValueTask InitializeAsync()
    {
        var executable = Executable;
        if (!File.Exists(executable))
        {
            _missing = $"No Chromium at {executable}: run scripts/install-chromium.sh (./build.sh test does) or set PROACTIVE_CHROMIUM.";
            if (Required)
            {
                throw new InvalidOperationException(_missing);
            }

            return;
        }

        // The driver must never fetch a browser of its own, whatever the machine's settings.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        List<string> args =
        [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-dev-shm-usage",
        ];
        if (Environment.IsPrivilegedProcess)
        {
            // Chromium refuses to start its sandbox as root; as any other user the sandbox stays on.
            args.Add("--no-sandbox");
        }

        // Without UserDataDir Playwright gives the browser a new temporary profile, removed on close.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = args,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
