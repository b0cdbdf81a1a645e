using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>
/// One test's world: its own host and a fresh browser context (new cookies, storage and clock) on the
/// class's shared browser, 1280x800. Every page of the context reports its console, page errors,
/// failed requests and error responses to one log. <see cref="RunAsync"/> runs the test's body and,
/// when it fails, saves a screenshot of each open page, the log and the failure under
/// artifacts/test-results/browser/TEST/ before rethrowing.
/// </summary>
internal sealed class BrowserScenario : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<IPage> _pages = [];
    private readonly string _testName;

    private BrowserScenario(WidgetHostServer host, IBrowserContext context, string testName)
    {
        Host = host;
        Context = context;
        _testName = testName;
        context.Page += (_, page) => Watch(page);
    }

    public WidgetHostServer Host { get; }

    public IBrowserContext Context { get; }

    /// <summary>Gets the first tab, opened with the scenario.</summary>
    public IPage Page => _pages[0];

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Starts the host and a context; <paramref name="bypassCsp"/> lets the accessibility checks inject axe-core.</summary>
    public static async Task<BrowserScenario> StartAsync(ChromiumFixture chromium, bool bypassCsp = false)
    {
        // Skips (or fails) before anything starts when there is no browser.
        var browser = chromium.Browser;
        var host = await WidgetHostServer.StartAsync(Token);
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = host.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
                Locale = "en-GB",
                TimezoneId = "UTC",
                BypassCSP = bypassCsp,

                // The pages honour reduced motion: no fade-in half done when axe-core measures contrast
                // or a screenshot is taken.
                ReducedMotion = ReducedMotion.Reduce,
            });
            context.SetDefaultTimeout(10_000);
            var testName = TestContext.Current.TestMethod?.MethodName ?? "unnamed";
            var scenario = new BrowserScenario(host, context, testName);
            await context.NewPageAsync();
            return scenario;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens another tab in the same context: the same visitor (localStorage), a new visit (sessionStorage).</summary>
    public Task<IPage> NewTabAsync() => Context.NewPageAsync();

    /// <summary>Runs the test's body; on failure saves what the browser showed and logged, then rethrows.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception failure) when (!IsSkip(failure))
        {
            await SaveFailureAsync(failure);
            throw;
        }
    }

    /// <summary>Calls an admin endpoint with the key and returns the JSON answer (any status).</summary>
    public async Task<(int Status, JsonElement Body)> AdminAsync(string method, string path, object? body = null)
    {
        var options = new APIRequestContextOptions
        {
            Method = method,
            Headers = new Dictionary<string, string> { ["X-Admin-Key"] = WidgetHostServer.AdminKey },
            FailOnStatusCode = false,
        };
        if (body is not null)
        {
            options.DataObject = body;
        }

        var response = await Context.APIRequest.FetchAsync(Host.Url(path), options);
        var text = await response.TextAsync();
        var json = text.Length == 0 ? default : JsonElement.Parse(text);
        return (response.Status, json);
    }

    /// <summary>Sends a visitor event the way the widget does and returns the decision.</summary>
    public async Task<JsonElement> VisitorEventAsync(object visitorEvent)
    {
        var response = await Context.APIRequest.PostAsync(Host.Url("/api/visitor/events"), new APIRequestContextOptions { DataObject = visitorEvent });
        Assert.True(response.Ok, $"POST /api/visitor/events answered {response.Status}: {await response.TextAsync()}");
        return JsonElement.Parse(await response.TextAsync());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        finally
        {
            await Host.DisposeAsync();
        }
    }

    private static bool IsSkip(Exception failure) => failure.GetType().Name == "SkipException";

    private void Watch(IPage page)
    {
        var index = _pages.Count + 1;
        _pages.Add(page);
        page.Console += (_, message) => Add(index, $"console.{message.Type}: {message.Text} ({message.Location})");
        page.PageError += (_, error) => Add(index, $"page error: {error}");
        page.RequestFailed += (_, request) => Add(index, $"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Add(index, $"response {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null)
            {
                Add(index, $"navigated to {frame.Url}");
            }
        };
    }

    private void Add(int page, string line) =>
        _log.Enqueue(string.Create(CultureInfo.InvariantCulture, $"[tab {page}] {line}"));

    private async Task SaveFailureAsync(Exception failure)
    {
        var folder = RepositoryPaths.ResultsFor(_testName);
        for (var i = 0; i < _pages.Count; i++)
        {
            if (_pages[i].IsClosed)
            {
                continue;
            }

            try
            {
                await _pages[i].ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(folder, $"tab-{i + 1}.png"),
                    FullPage = true,
                    Timeout = 5_000,
                });
            }
            catch (PlaywrightException screenshotFailure)
            {
                Add(i + 1, $"no screenshot: {screenshotFailure.Message}");
            }
        }

        var report = new StringBuilder();
        report.AppendLine(failure.ToString()).AppendLine().AppendLine("Browser log:");
        foreach (var line in _log)
        {
            report.AppendLine(line);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "failure.txt"), report.ToString(), CancellationToken.None);
        await File.WriteAllLinesAsync(Path.Combine(folder, "console.log"), _log, CancellationToken.None);
        TestContext.Current.SendDiagnosticMessage($"Browser failure report: {folder}");
    }
}
