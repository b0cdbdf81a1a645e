using System.Text.Json.Nodes;

namespace ProactiveMessaging.Tool.Tests;

/// <summary>Runs the command line in-process with captured output, and writes input files to a folder of its own.</summary>
internal sealed class ToolRun : IDisposable
{
    public ToolRun()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "proactive-tool-tests", Guid.NewGuid().ToString("N"));

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ToolApp.RunAsync(args, ToolConsole.ForWriters(output, error), TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Writes a file into the folder; returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The example catalog, changed by <paramref name="change"/>, written into the folder.</summary>
    public string ChangedCatalog(string name, Action<JsonObject> change)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(Example("catalog.json")))!.AsObject();
        change(catalog);
        return Write(name, catalog.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temporary folder is left for the system to clean.
        }
    }
}
