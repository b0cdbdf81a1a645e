using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// One engine holding 1 or 50,000 workspaces of 10 Live messages each (the first 10 of the mixed
/// rules of <see cref="RuntimeWorkspace"/>, on the snapshot's web channel), with the in-memory
/// stores: a decision when nothing matches, in one workspace or in a different workspace each time.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Decide"/>: the blog-post visitor of <see cref="DecisionBenchmarks"/> in one
/// workspace (the middle one): the lookup among all the workspaces, then 10 evaluations.</item>
/// <item><see cref="DecideAcrossWorkspaces"/>: the same event in each of 4,096 workspaces spread over
/// all of them in turn, so that a workspace's plans are rarely in the processor's caches (with one
/// workspace, always the same one).</item>
/// </list>
/// Starting (applying every Live set) is measured by <see cref="StartBenchmarks"/>.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class ManyWorkspacesBenchmarks
{
    private const int Spread = 4_096;

    private ProactiveEngine _engine = null!;
    private VisitorEvent _one;
    private VisitorEvent[] _spread = null!;
    private int _next;

    [Params(1, 50_000)]
    public int Workspaces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = StartBenchmarks.Start(Workspaces, StartBenchmarks.TenMessages());
        var visitor = RuntimeWorkspace.Visitor(_engine.Fields, RuntimeWorkspace.HomeUrl);
        _one = Event(StartBenchmarks.WorkspaceId(Workspaces / 2), visitor);
        _spread = [.. Enumerable.Range(0, Spread).Select(i => Event(StartBenchmarks.WorkspaceId((int)((long)i * Workspaces / Spread)), visitor))];
        foreach (var visitorEvent in _spread.Append(_one))
        {
            if (Decide(visitorEvent) != DecisionOutcome.NoConditionsMet)
            {
                throw new InvalidOperationException("Expected no conditions met.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public DecisionOutcome Decide() => Decide(_one);

    [Benchmark]
    public DecisionOutcome DecideAcrossWorkspaces()
    {
        var index = _next;
        _next = (index + 1) & (Spread - 1);
        return Decide(_spread[index]);
    }

    private static VisitorEvent Event(string workspaceId, ProactiveMessaging.Conditions.VisitorContext visitor) =>
        RuntimeWorkspace.Event(visitor, "visitor-1") with { WorkspaceId = workspaceId };

    private DecisionOutcome Decide(VisitorEvent visitorEvent)
    {
        var pending = _engine.DecideAsync(visitorEvent);
        return pending.IsCompletedSuccessfully ? pending.Result.Outcome : throw new InvalidOperationException("The decision did not complete synchronously.");
    }
}

/// <summary>
/// Starting an engine of 50,000 workspaces of 10 Live messages each: every Live set applied (every
/// message compiled and planned), as a host does at start-up.
/// </summary>
/// <remarks>A few long iterations: one start takes seconds.</remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StartBenchmarks
{
    private ImmutableArray<ProactiveMessage> _messages;

    [Params(50_000)]
    public int Workspaces { get; set; }

    /// <summary>The first 10 messages of the mixed rules, shared by every workspace's set (plans are not).</summary>
    public static ImmutableArray<ProactiveMessage> TenMessages() => GeneratedSets.Messages(10);

    public static string WorkspaceId(int i) => "ws-" + i.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>A new engine with <paramref name="workspaces"/> workspaces of the messages given.</summary>
    public static ProactiveEngine Start(int workspaces, ImmutableArray<ProactiveMessage> messages)
    {
        var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());
        for (var w = 0; w < workspaces; w++)
        {
            if (!engine.ApplyLiveSet(GeneratedSets.Set(WorkspaceId(w), 1, messages), RuntimeWorkspace.Snapshot).IsEmpty)
            {
                throw new InvalidOperationException("A message was left out of the plans.");
            }
        }

        return engine;
    }

    [GlobalSetup]
    public void Setup() => _messages = TenMessages();

    [Benchmark]
    public int Start()
    {
        using var engine = Start(Workspaces, _messages);
        return Workspaces;
    }
}
