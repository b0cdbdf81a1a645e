using System.Collections.Frozen;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Tests.Architecture;

/// <summary>
/// The folders of ProactiveMessaging.Core and which may use which: the allowed list below is the
/// architecture, one line per edge with its reason. A use outside it, or a cycle, fails.
/// </summary>
/// <remarks>
/// <para>
/// A folder is a namespace below <c>ProactiveMessaging</c> with its <c>Internal</c> part
/// (<c>ProactiveMessaging.Conditions.Internal</c> is folder Conditions). The DI extensions, in
/// <c>Microsoft.Extensions.DependencyInjection</c> as the platform expects, are folder DependencyInjection.
/// </para>
/// <para>
/// The root namespace holds two kinds of types and is read as two folders: <c>Root</c>, the shared
/// vocabulary every folder may use (problems, validation results, ids, the exception base), which uses
/// no folder; and <c>Options</c>, the host's options and their defaults, which gather the settings of
/// several folders and so sit above them.
/// </para>
/// </remarks>
public sealed class FolderDependencyTests
{
    /// <summary>The folders every folder may use, with the reason.</summary>
    private static readonly FrozenDictionary<string, string> SharedFolders = new Dictionary<string, string>
    {
        ["Root"] = "problems, validation results, ids and the exception base are the library's shared vocabulary",
    }.ToFrozenDictionary();

    /// <summary>The root namespace's types that form folder Options.</summary>
    private static readonly FrozenSet<string> OptionsTypes = FrozenSet.Create("ProactiveMessagingOptions", "ProactiveMessagingDefaults");

    private static readonly FrozenDictionary<FolderEdge, string> Allowed = new Dictionary<FolderEdge, string>
    {
        // The leaves: Text (text rules) and Scheduling (business hours) use only Root.
        [new("Conditions", "Text")] = "condition texts are checked as well-formed UTF-16 and language tags; operator names are camel case",
        [new("Conditions", "Scheduling")] = "visitor.localDayOfWeek takes the schedules' day names",
        [new("Model", "Conditions")] = "a message's rules are a condition tree, and its validator checks them",
        [new("Model", "Scheduling")] = "the workspace settings hold the business-hours schedules",
        [new("Model", "Text")] = "message texts are checked for emoji, UTF-16 and language tags",
        [new("Frequency", "Model")] = "a frequency candidate carries the message's MessageFrequency",
        [new("Storage", "Model")] = "the message and metrics stores keep messages and their metrics",
        [new("Storage", "Frequency")] = "the in-memory frequency store keeps each visitor's VisitorFrequencyState and applies FrequencyRules",
        [new("Serialization", "Model")] = "the JSON format reads and writes messages and workspace settings",
        [new("Serialization", "Conditions")] = "the JSON format reads and writes condition trees and declared attributes",
        [new("Serialization", "Scheduling")] = "the JSON format reads and writes business-hours schedules",
        [new("Serialization", "Text")] = "JSON enum names are camel case",
        [new("Options", "Model")] = "the host's options carry the message validation limits",
        [new("Options", "Conditions")] = "the host's options carry the field catalog",
        [new("Options", "Frequency")] = "the host's options carry the fatigue caps",
        [new("Lifecycle", "Model")] = "the catalog manages messages through their lifecycle",
        [new("Lifecycle", "Conditions")] = "the live set compiles the conditions of Live messages",
        [new("Lifecycle", "Scheduling")] = "publish requirements and the live set resolve channels' schedules",
        [new("Lifecycle", "Serialization")] = "the catalog imports and exports catalog documents",
        [new("Lifecycle", "Storage")] = "the catalog keeps messages in the message store",
        [new("Lifecycle", "Options")] = "the catalog is built from the host's options",
        [new("Lifecycle", "Diagnostics")] = "the catalog logs live-set rebuilds",
        [new("Runtime", "Model")] = "decisions show messages and apply their timing and frequency",
        [new("Runtime", "Conditions")] = "the engine evaluates compiled conditions against the visitor's context",
        [new("Runtime", "Scheduling")] = "the engine reads each channel's cached business-hours state",
        [new("Runtime", "Frequency")] = "the engine asks for reservations and records outcomes",
        [new("Runtime", "Storage")] = "the engine calls the frequency and metrics stores",
        [new("Runtime", "Lifecycle")] = "the engine builds its plans from the catalog's live set",
        [new("Runtime", "Options")] = "the engine is built from the host's options",
        [new("Runtime", "Diagnostics")] = "the engine logs and records its instruments under the public telemetry names",
        [new("DependencyInjection", "Options")] = "registration binds and validates the host's options",
        [new("DependencyInjection", "Model")] = "registration provides the message validator",
        [new("DependencyInjection", "Storage")] = "registration provides the default stores",
        [new("DependencyInjection", "Lifecycle")] = "registration provides the catalog",
        [new("DependencyInjection", "Runtime")] = "registration provides the engine",
        [new("Experiments", "Model")] = "experiment results are computed for a message's experiment",
        [new("Storage", "Experiments")] = "the experiment stores count each arm's visitors",
        [new("Runtime", "Experiments")] = "the engine assigns arms and counts exposures, outcomes and conversions",
        [new("Lifecycle", "Experiments")] = "the catalog reports each message's experiment results",
    }.ToFrozenDictionary();

    private static readonly Lazy<Dictionary<FolderEdge, string>> Used = new(ReadUsedEdges);

    [Fact]
    public void Library_UsesOnlyTheAllowedFolders()
    {
        var outside = Used.Value
            .Where(edge => !IsAllowed(edge.Key))
            .Select(edge => $"{edge.Key} ({edge.Value})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(outside.Count == 0, "Folder uses outside the allowed list (add the edge with its reason, or move the code to the folder that owns it):\n" + string.Join('\n', outside));
    }

    [Fact]
    public void Library_HasNoCycleAmongFolders()
    {
        var cycle = FolderGraph.FindCycle(Used.Value.Keys);

        Assert.True(cycle.IsEmpty, "The folders use each other: " + string.Join(" -> ", cycle));
    }

    [Fact]
    public void AllowedList_HasNoCycle()
    {
        var cycle = FolderGraph.FindCycle(Allowed.Keys);

        Assert.True(cycle.IsEmpty, "The allowed list has a cycle: " + string.Join(" -> ", cycle));
    }

    [Fact]
    public void AllowedList_NamesOnlyEdgesTheLibraryUses()
    {
        // The list reads as the architecture, so an edge the code no longer has is taken out of it.
        var unused = Allowed.Keys.Where(edge => !Used.Value.ContainsKey(edge)).Select(edge => edge.ToString()).Order(StringComparer.Ordinal).ToList();

        Assert.True(unused.Count == 0, "Allowed edges the library no longer uses:\n" + string.Join('\n', unused));
    }

    [Fact]
    public void Root_UsesNoOtherFolder() =>
        Assert.DoesNotContain(Used.Value.Keys, edge => SharedFolders.ContainsKey(edge.From));

    /// <summary>Maps a namespace and an outermost type name to its folder; <see langword="null"/> outside the library's namespaces.</summary>
    internal static string? FolderOf(string ns, string typeName)
    {
        const string Prefix = "ProactiveMessaging.";
        if (ns == "Microsoft.Extensions.DependencyInjection")
        {
            return "DependencyInjection";
        }

        if (ns == "ProactiveMessaging")
        {
            // The options, their defaults and their validation rules (and validators generated for them).
            return OptionsTypes.Contains(typeName) || typeName.StartsWith("ProactiveMessagingOptions", StringComparison.Ordinal) ? "Options" : "Root";
        }

        if (!ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        int dot = ns.IndexOf('.', Prefix.Length);
        return dot < 0 ? ns[Prefix.Length..] : ns[Prefix.Length..dot];
    }

    private static bool IsAllowed(FolderEdge edge) => SharedFolders.ContainsKey(edge.To) || Allowed.ContainsKey(edge);

    private static Dictionary<FolderEdge, string> ReadUsedEdges()
    {
        var edges = FolderGraph.FromAssembly(typeof(ProactiveEngine).Assembly.Location, FolderOf);
        foreach (var (edge, example) in FolderGraph.FromSources(SourceFolder(), FolderOf))
        {
            edges.TryAdd(edge, example);
        }

        return edges;
    }

    /// <summary>The library's sources, found from the test's output folder up to the repository root.</summary>
    private static string SourceFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "src", "ProactiveMessaging.Core");
            if (File.Exists(Path.Combine(candidate, "ProactiveMessaging.Core.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The library's sources (src/ProactiveMessaging.Core) are not above the test's output folder.");
    }
}
