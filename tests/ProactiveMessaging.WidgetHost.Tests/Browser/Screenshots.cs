using Microsoft.Playwright;

namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>
/// The README's screenshots. With PROACTIVE_UPDATE_SCREENSHOTS=1 they are written to docs/images/ in
/// the repository; otherwise to the test results, so every run still takes them (and a broken page
/// shows there) without touching the committed files.
/// </summary>
internal static class Screenshots
{
    public static bool Updating => Environment.GetEnvironmentVariable("PROACTIVE_UPDATE_SCREENSHOTS") == "1";

    /// <summary>Saves the page's viewport (1280x800) as <paramref name="fileName"/>; returns where.</summary>
    public static async Task<string> SaveAsync(IPage page, string fileName)
    {
        string folder;
        if (Updating)
        {
            var root = RepositoryPaths.RepositoryRoot
                ?? throw new InvalidOperationException("PROACTIVE_UPDATE_SCREENSHOTS=1 needs the tests to run from a checkout of the repository.");
            folder = Path.Combine(root, "docs", "images");
            Directory.CreateDirectory(folder);
        }
        else
        {
            folder = RepositoryPaths.ResultsFor("screenshots");
        }

        var path = Path.Combine(folder, fileName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
