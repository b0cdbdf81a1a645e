using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// One <see cref="ProactiveEngine.DecideAsync"/> on a channel of 1 to 1,000 Live messages of the
/// mixed rules of <see cref="RuntimeWorkspace"/>, with the in-memory stores and a reused visitor
/// context, the host passing its visit and page view ids.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="PlanOnly"/> (baseline): an event on a channel with no Live message: the event
/// checks, the plan lookup and the telemetry, the floor of every decision.</item>
/// <item><see cref="NothingMatches"/>: the visitor reads a blog post no message targets: every
/// message is evaluated, none passes, and the store is not called.</item>
/// <item><see cref="FrequencyUsedUp"/>: the visitor is on the pricing page, whose <c>Once</c>
/// message was already shown and dismissed: every message is evaluated, one passes, and one
/// frequency-store round trip refuses it.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionBenchmarks
{
    private RuntimeWorkspace _workspace = null!;
    private ProactiveEngine _engine = null!;
    private VisitorEvent _emptyChannel;
    private VisitorEvent _home;
    private VisitorEvent _pricing;

    [Params(1, 10, 100, 1000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workspace = RuntimeWorkspace.Create(Messages);
        _engine = _workspace.Engine;
        _workspace.UseUpPricingMessage("visitor-1");
        _emptyChannel = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(_engine.Fields, RuntimeWorkspace.HomeUrl), "visitor-1", RuntimeWorkspace.EmptyChannel);
        _home = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(_engine.Fields, RuntimeWorkspace.HomeUrl), "visitor-1");
        _pricing = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(_engine.Fields, RuntimeWorkspace.PricingUrl), "visitor-1");
        RuntimeWorkspace.Expect(DecisionOutcome.NoLiveMessage, _workspace.Decide(_emptyChannel));
        RuntimeWorkspace.Expect(DecisionOutcome.NoConditionsMet, _workspace.Decide(_home));
        RuntimeWorkspace.Expect(DecisionOutcome.FrequencyCapped, _workspace.Decide(_pricing));
    }

    [GlobalCleanup]
    public void Cleanup() => _workspace.Dispose();

    [Benchmark(Baseline = true)]
    public DecisionOutcome PlanOnly() => Decide(_emptyChannel);

    [Benchmark]
    public DecisionOutcome NothingMatches() => Decide(_home);

    [Benchmark]
    public DecisionOutcome FrequencyUsedUp() => Decide(_pricing);

    private DecisionOutcome Decide(VisitorEvent visitorEvent)
    {
        var pending = _engine.DecideAsync(visitorEvent);

        // The in-memory stores complete synchronously; anything else would be measured wrong.
        return pending.IsCompletedSuccessfully ? pending.Result.Outcome : throw new InvalidOperationException("The decision did not complete synchronously.");
    }
}
