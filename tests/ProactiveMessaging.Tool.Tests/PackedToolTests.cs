using System.Diagnostics;

namespace ProactiveMessaging.Tool.Tests;

/// <summary>
/// The tool as users get it: packed as a dotnet tool, installed with <c>dotnet tool install</c>
/// into a temporary tool path, and run as a process.
/// </summary>
public sealed class PackedToolTests : IDisposable
{
    private readonly ToolRun _run = new();

    [Fact]
    public async Task PackedTool_InstalledIntoAToolPath_RunsAsAProcess_WithTheExitCodesOfEachOutcome()
    {
        var root = RepositoryRoot();
        var packages = Path.Combine(_run.Folder, "packages");
        var tools = Path.Combine(_run.Folder, "tools");

        // The build output of the test run is packed as it is (no second build), then installed
        // from that folder alone, the way a user installs a downloaded package.
        var pack = await DotnetAsync(root, "pack", Path.Combine(root, "src", "ProactiveMessaging.Tool", "ProactiveMessaging.Tool.csproj"), "-c", "Release", "--no-build", "-o", packages);
        Assert.True(pack.Exit == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(packages, "ProactiveMessaging.Tool.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["ProactiveMessaging.Tool.".Length..];
        var install = await DotnetAsync(root, "tool", "install", "ProactiveMessaging.Tool", "--tool-path", tools, "--add-source", packages, "--version", version);
        Assert.True(install.Exit == 0, install.Output);
        var proactive = Path.Combine(tools, OperatingSystem.IsWindows() ? "proactive.exe" : "proactive");

        var valid = await RunAsync(proactive, root, "validate", ToolRun.Example("catalog.json"));
        var invalid = await RunAsync(proactive, root, "validate", _run.ChangedCatalog("invalid.json", catalog => catalog["messages"]![0]!.AsObject()["priority"] = "high"));
        var missing = await RunAsync(proactive, root, "validate", Path.Combine(_run.Folder, "missing.json"));
        var help = await RunAsync(proactive, root, "--help");
        var analyse = await RunAsync(proactive, root, "analyse", ToolRun.Example("catalog.json"));
        var diff = await RunAsync(proactive, root, "diff", ToolRun.Example("catalog.json"), ToolRun.Example("catalog.json"));

        Assert.Equal((0, true), (valid.Exit, valid.Output.Contains("valid, 3 messages", StringComparison.Ordinal)));
        Assert.Equal((1, true), (invalid.Exit, invalid.Output.Contains("json.wrongType", StringComparison.Ordinal)));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no such file", missing.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Output, StringComparison.Ordinal);
        Assert.Equal(0, help.Exit);
        Assert.All(["validate", "explain", "simulate", "analyse", "diff"], command => Assert.Contains(command, help.Output, StringComparison.Ordinal));
        Assert.Equal(0, analyse.Exit);
        Assert.Equal(0, diff.Exit);

        // Output redirected to a file or pipe: no colour codes.
        Assert.DoesNotContain("\u001b[", valid.Output + invalid.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _run.Dispose();

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ProactiveMessaging.Core.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (with ProactiveMessaging.Core.sln) is not above the test's folder.");
    }

    private static Task<(int Exit, string Output)> DotnetAsync(string workingDirectory, params string[] args) => RunAsync("dotnet", workingDirectory, args);

    /// <summary>Runs a process to its end; returns its exit code and its output and error together.</summary>
    private static async Task<(int Exit, string Output)> RunAsync(string fileName, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
