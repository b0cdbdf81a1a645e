using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;
using ProactiveMessaging.Tests.Lifecycle;
using ProactiveMessaging.Tests.Storage;

namespace ProactiveMessaging.Tests.Runtime;

/// <summary>
/// Measures what the engine's plans keep per planned message and per workspace (the figures in
/// docs/runtime.md and docs/benchmarks.md), and guards them against regressions.
/// </summary>
[Collection(typeof(HeapMeasurements))]
public sealed class PlanMemoryTests
{
    private const int Workspaces = 2_000;
    private const int MessagesPerWorkspace = 10;

    [Fact]
    public void Plans_KeepLessThan4KBPerPlannedMessage_ManyWorkspacesOfTenMessages()
    {
        // The Live sets exist before and after the measurement: only the plans count, and with
        // them each workspace's share (its entry, its channels' plans).
        var sets = Enumerable.Range(0, Workspaces)
            .Select(w => GeneratedLiveSets.Set(Enumerable.Range(w * MessagesPerWorkspace, MessagesPerWorkspace).Select(i => GeneratedLiveSets.Message(i)), 1, WorkspaceId(w)))
            .ToArray();
        using var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());

        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var set in sets)
        {
            Assert.Empty(engine.ApplyLiveSet(set, Snapshots.Healthy));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perMessage = (after - before) / (double)(Workspaces * MessagesPerWorkspace);
        TestContext.Current.TestOutputHelper?.WriteLine($"Plans: {perMessage:F0} bytes per planned message, workspaces included ({Workspaces} workspaces of {MessagesPerWorkspace}).");
        GC.KeepAlive(engine);
        GC.KeepAlive(sets);

        Assert.InRange(perMessage, 1, 4096);
    }

    [Fact]
    public void Plans_KeepLessThan2KBPerWorkspace_WithoutLiveMessages()
    {
        // The share of a workspace alone: its entry and the plans of the snapshot's channels.
        var sets = Enumerable.Range(0, Workspaces).Select(w => GeneratedLiveSets.Set([], 1, WorkspaceId(w))).ToArray();
        using var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());

        var before = GC.GetTotalMemory(forceFullCollection: true);
        foreach (var set in sets)
        {
            engine.ApplyLiveSet(set, Snapshots.Healthy);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perWorkspace = (after - before) / (double)Workspaces;
        TestContext.Current.TestOutputHelper?.WriteLine($"Plans: {perWorkspace:F0} bytes per workspace without Live messages ({Snapshots.Healthy.Channels.Length} channels in the snapshot).");
        GC.KeepAlive(engine);
        GC.KeepAlive(sets);

        Assert.InRange(perWorkspace, 1, 2048);
    }

    private static string WorkspaceId(int w) => "ws-" + w.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
