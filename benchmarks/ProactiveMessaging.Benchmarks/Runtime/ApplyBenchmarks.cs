using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// Applying a Live set of 10,000 messages of the mixed rules of <see cref="RuntimeWorkspace"/> to
/// an engine: every message compiled and indexed, or one message edited in a set already planned.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="ApplyAll"/> (baseline): a new engine applies the set: every message is compiled,
/// as every apply did before plans were reused.</item>
/// <item><see cref="ApplyOneEdit"/>: an engine holding the set applies the next version, in which one
/// message (its conditions) was edited: one message is compiled, the channel's plan rebuilt.</item>
/// <item><see cref="ApplySameAgain"/>: the next version with the same messages (a snapshot change):
/// nothing is compiled.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class ApplyBenchmarks
{
    private const int Count = 10_000;
    private const int EditedIndex = Count / 2;

    private ImmutableArray<ProactiveMessage> _messages;
    private ImmutableArray<ProactiveMessage> _edited;
    private ImmutableArray<ProactiveMessage> _current;
    private ProactiveEngine _engine = null!;
    private long _version;

    [GlobalSetup]
    public void Setup()
    {
        _messages = GeneratedSets.Messages(Count);
        var message = _messages[EditedIndex];
        var definition = message.Definition with { Rules = new MessageRules { Conditions = ConditionGroup.All(new Condition("page.path", ConditionOperator.Is, "/pricing/enterprise")) } };
        _edited = _messages.SetItem(EditedIndex, GeneratedSets.Edited(message, definition));
        _engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());
        _current = _messages;
        Expect(_engine.ApplyLiveSet(GeneratedSets.Set(RuntimeWorkspace.WorkspaceId, ++_version, _current), RuntimeWorkspace.Snapshot));

        // Each edit apply compiles exactly the one message that differs from the plans.
        var before = _engine.PlanCompilations;
        ApplyOneEdit();
        ApplySameAgain();
        if (_engine.PlanCompilations != before + 1)
        {
            throw new InvalidOperationException($"Expected one compilation, got {_engine.PlanCompilations - before}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Baseline = true)]
    public int ApplyAll()
    {
        using var engine = new ProactiveEngine(new InMemoryFrequencyStore(), new InMemoryMetricsStore());
        return Expect(engine.ApplyLiveSet(GeneratedSets.Set(RuntimeWorkspace.WorkspaceId, 1, _messages), RuntimeWorkspace.Snapshot));
    }

    [Benchmark]
    public int ApplyOneEdit()
    {
        // The sets alternate, so that each apply has one message edited against the current plans.
        _current = _current == _messages ? _edited : _messages;
        return Expect(_engine.ApplyLiveSet(GeneratedSets.Set(RuntimeWorkspace.WorkspaceId, ++_version, _current), RuntimeWorkspace.Snapshot));
    }

    [Benchmark]
    public int ApplySameAgain()
    {
        return Expect(_engine.ApplyLiveSet(GeneratedSets.Set(RuntimeWorkspace.WorkspaceId, ++_version, _current), RuntimeWorkspace.Snapshot));
    }

    private static int Expect(ImmutableArray<Problem> problems) =>
        problems.IsEmpty ? 0 : throw new InvalidOperationException(string.Join("; ", problems));
}
