using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ProactiveMessaging.Tool.Tests;

/// <summary>
/// The tool as users get it: packed as a dotnet tool, installed with <c>dotnet tool install</c>
/// into a temporary tool path, and run as a process.
/// </summary>
public sealed class PackedToolTests(PackedToolTests.InstalledTool tool) : IClassFixture<PackedToolTests.InstalledTool>, IDisposable
{
    /// <summary>The runtime whose package holds the tool compiled ahead of time (ToolPackageRuntimeIdentifiers).</summary>
    private const string NativeRuntime = "linux-x64";

    private readonly ToolRun _run = new();

    [Fact]
    public async Task PackedTool_InstalledIntoAToolPath_RunsAsAProcess_WithTheExitCodesOfEachOutcome()
    {
        var (root, proactive, runtime) = (RepositoryRoot(), tool.Proactive, tool.Runtime);

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

        // On linux-x64 the installed tool is the native executable, with no .NET assembly beside it.
        if (runtime == NativeRuntime)
        {
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(ResolveLink(proactive))!, "proactive.dll")), "the linux-x64 package holds the native executable");
        }
    }

    [Fact]
    public async Task PackedTool_EveryCommand_WritesExactlyWhatTheToolRunInProcessWrites()
    {
        var (root, proactive) = (RepositoryRoot(), tool.Proactive);
        var visitor = _run.Write("visitor.json", ExplainCommandTests.CheckoutVisitor);
        var log = _run.Write("events.jsonl", SimulateCommandTests.GeneratedLog(visitors: 30) + "{\"formatVersion\":1,\"broken\n");
        var invalid = _run.ChangedCatalog("invalid.json", catalog => catalog["messages"]![0]!.AsObject()["priority"] = "high");
        var changed = _run.ChangedCatalog("changed.json", catalog => catalog["messages"]![0]!.AsObject()["status"] = "paused");
        string[][] commands =
        [
            ["validate", invalid, "--format", "json"],
            ["validate", invalid, "--format", "github"],
            ["analyse", ToolRun.Example("catalog.json"), "--at", "2026-11-30T10:00:00Z", "--format", "json", "--fail-on", "info"],
            ["analyse", ToolRun.Example("catalog.json"), "--at", "2026-11-30T10:00:00Z", "--workspace", ToolRun.Example("workspace.json")],
            ["diff", ToolRun.Example("catalog.json"), changed, log, "--skip-bad-lines", "--format", "json"],
            ["explain", ToolRun.Example("catalog.json"), visitor],
            ["explain", ToolRun.Example("catalog.json"), visitor, "--format", "json", "--at", "2026-11-30T20:00:00Z"],
            ["simulate", ToolRun.Example("catalog.json"), log, "--format", "json", "--skip-bad-lines"],
            ["simulate", ToolRun.Example("catalog.json"), log, "--format", "csv", "--skip-bad-lines", "--workspace", ToolRun.Example("workspace.json")],
            ["simulate", ToolRun.Example("catalog.json"), log],
        ];

        foreach (var command in commands)
        {
            var installed = await RunAsync(proactive, root, command);
            var inProcess = await ToolRun.RunAsync(command);

            Assert.Equal((inProcess.Exit, inProcess.Output + inProcess.Error), installed);
        }
    }

    public void Dispose() => _run.Dispose();

    private static string ResolveLink(string path) => File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

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

    /// <summary>
    /// The tool as users get it, packed and installed once for the class: the pointer package and the
    /// package this machine installs (the native one on linux-x64, the portable one elsewhere), installed
    /// from that folder alone into a temporary tool path.
    /// </summary>
    public sealed class InstalledTool : IAsyncLifetime
    {
        private readonly ToolRun _folder = new();

        /// <summary>Gets the installed command's path.</summary>
        public string Proactive { get; private set; } = string.Empty;

        /// <summary>Gets the runtime of the package installed (<c>linux-x64</c> or <c>any</c>).</summary>
        public string Runtime { get; private set; } = string.Empty;

        public async ValueTask InitializeAsync()
        {
            var root = RepositoryRoot();
            var packages = Path.Combine(_folder.Folder, "packages");
            var tools = Path.Combine(_folder.Folder, "tools");
            var project = Path.Combine(root, "src", "ProactiveMessaging.Tool", "ProactiveMessaging.Tool.csproj");

            // The pointer package from the test run's build output (no second build); the runtime's
            // package builds the tool's own project for that runtime, never the libraries the other
            // test projects are running from.
            var pointer = await DotnetAsync(root, "pack", project, "-c", "Release", "--no-build", "-o", packages);
            Assert.True(pointer.Exit == 0, pointer.Output);
            Runtime = RuntimeInformation.RuntimeIdentifier == NativeRuntime ? NativeRuntime : "any";
            string[] runtimePack = ["pack", project, "-c", "Release", "-r", Runtime, "-p:BuildProjectReferences=false", "-o", packages];
            var pack = await DotnetAsync(root, Runtime == NativeRuntime ? runtimePack : [.. runtimePack, "-p:PublishAot=false"]);
            Assert.True(pack.Exit == 0, pack.Output);

            var package = Assert.Single(Directory.GetFiles(packages, "ProactiveMessaging.Tool.*.nupkg"), file => char.IsDigit(Path.GetFileName(file)["ProactiveMessaging.Tool.".Length]));
            var version = Path.GetFileNameWithoutExtension(package)["ProactiveMessaging.Tool.".Length..];
            Assert.True(File.Exists(Path.Combine(packages, $"ProactiveMessaging.Tool.{Runtime}.{version}.nupkg")), $"the {Runtime} package is packed");
            var install = await DotnetAsync(root, "tool", "install", "ProactiveMessaging.Tool", "--tool-path", tools, "--add-source", packages, "--version", version);
            Assert.True(install.Exit == 0, install.Output);
            Assert.True(Directory.Exists(Path.Combine(tools, ".store", "proactivemessaging.tool", version, $"proactivemessaging.tool.{Runtime}")), $"the {Runtime} package is the one installed");
            Proactive = Path.Combine(tools, OperatingSystem.IsWindows() ? "proactive.exe" : "proactive");
        }

        public ValueTask DisposeAsync()
        {
            _folder.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
