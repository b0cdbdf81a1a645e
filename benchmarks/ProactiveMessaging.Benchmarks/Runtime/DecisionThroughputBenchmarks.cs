using System.Globalization;
using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Runtime;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// Decisions per second on the 100-message channel of <see cref="RuntimeWorkspace"/>: one thread
/// (baseline) against one worker per core sharing the engine and the in-memory stores.
/// </summary>
/// <remarks>
/// Each invocation makes <see cref="Decisions"/> decisions, so the time per operation is the
/// wall-clock time per decision and its inverse the throughput. Each worker has its own visitor
/// contexts and 1,000 visitors of its own, taken in turn; one event in four is on the pricing page
/// (one frequency-store round trip, refused: the message was used up in the set-up), the others
/// on a page no message targets (no store call).
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class DecisionThroughputBenchmarks
{
    public const int Decisions = 40_000;
    private const int VisitorsPerWorker = 1_000;

    private RuntimeWorkspace _workspace = null!;
    private Worker[] _workers = null!;

    public static int Cores => Environment.ProcessorCount;

    [GlobalSetup]
    public void Setup()
    {
        _workspace = RuntimeWorkspace.Create(100);
        _workers = new Worker[Cores];
        for (var w = 0; w < _workers.Length; w++)
        {
            var visitorIds = new string[VisitorsPerWorker];
            for (var v = 0; v < visitorIds.Length; v++)
            {
                visitorIds[v] = string.Create(CultureInfo.InvariantCulture, $"visitor-{w}-{v}");
                _workspace.UseUpPricingMessage(visitorIds[v]);
            }

            _workers[w] = new Worker(_workspace.Engine, visitorIds);
        }

        if (_workers[0].Run(VisitorsPerWorker * 4) != VisitorsPerWorker)
        {
            throw new InvalidOperationException("Every pricing-page event should be refused by its frequency.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _workspace.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public int OneThread() => _workers[0].Run(Decisions);

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int AllCores()
    {
        var share = Decisions / _workers.Length;
        var refused = 0;
        Parallel.For(0, _workers.Length, new ParallelOptions { MaxDegreeOfParallelism = _workers.Length }, w => Interlocked.Add(ref refused, _workers[w].Run(share)));
        return refused;
    }

    private sealed class Worker
    {
        private readonly ProactiveEngine _engine;
        private readonly VisitorEvent[] _home;
        private readonly VisitorEvent[] _pricing;

        public Worker(ProactiveEngine engine, string[] visitorIds)
        {
            _engine = engine;
            var home = RuntimeWorkspace.Visitor(engine.Fields, RuntimeWorkspace.HomeUrl);
            var pricing = RuntimeWorkspace.Visitor(engine.Fields, RuntimeWorkspace.PricingUrl);
            _home = Array.ConvertAll(visitorIds, id => RuntimeWorkspace.Event(home, id));
            _pricing = Array.ConvertAll(visitorIds, id => RuntimeWorkspace.Event(pricing, id));
        }

        /// <summary>Makes <paramref name="decisions"/> decisions and returns how many were refused by frequency.</summary>
        public int Run(int decisions)
        {
            var refused = 0;
            for (var i = 0; i < decisions; i++)
            {
                var v = i % _home.Length;
                var pending = _engine.DecideAsync((i & 3) == 0 ? _pricing[v] : _home[v]);
                if (!pending.IsCompletedSuccessfully)
                {
                    throw new InvalidOperationException("The decision did not complete synchronously.");
                }

                if (pending.Result.Outcome == DecisionOutcome.FrequencyCapped)
                {
                    refused++;
                }
            }

            return refused;
        }
    }
}
