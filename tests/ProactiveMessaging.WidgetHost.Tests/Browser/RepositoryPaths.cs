namespace ProactiveMessaging.WidgetHost.Tests.Browser;

/// <summary>Folders the browser tests write to, found relative to the repository root.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>Gets the repository root (the folder of the solution file), or null when the tests run outside a checkout.</summary>
    public static string? RepositoryRoot => Root.Value;

    /// <summary>
    /// Gets the folder for the browser tests' results: artifacts/test-results/browser in the repository
    /// (the folder ./build.sh test empties and fills), else test-results/browser beside the test assembly.
    /// </summary>
    public static string BrowserResults => RepositoryRoot is { } root
        ? Path.Combine(root, "artifacts", "test-results", "browser")
        : Path.Combine(AppContext.BaseDirectory, "test-results", "browser");

    /// <summary>The folder for one test's failure report or screenshots, named after the test method.</summary>
    public static string ResultsFor(string testName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. testName.Select(c => invalid.Contains(c) ? '_' : c)]);
        var folder = Path.Combine(BrowserResults, safe);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProactiveMessaging.Core.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
