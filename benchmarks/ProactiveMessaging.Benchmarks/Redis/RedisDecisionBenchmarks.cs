using System.Globalization;
using BenchmarkDotNet.Attributes;
using ProactiveMessaging.Benchmarks.Runtime;
using ProactiveMessaging.Redis;
using ProactiveMessaging.Runtime;
using StackExchange.Redis;

namespace ProactiveMessaging.Benchmarks.Redis;

/// <summary>
/// Decisions on the 100-message channel of <see cref="RuntimeWorkspace"/> with the Redis frequency
/// and metrics stores, on a redis-server of the benchmark's own on loopback, beside the same engine
/// with the in-memory stores.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="NothingMatchesInMemory"/> (baseline) and <see cref="NothingMatchesRedis"/>: the
/// visitor reads a page no message targets; no store is called, so both must cost the same.</item>
/// <item><see cref="ShownOneCaller"/>: one caller, awaiting each decision before the next
/// (<see cref="DecisionsPerCaller"/> per invocation, so that the harness's own wait for the
/// invocation, a thread switch a host's request would not make, is shared between them); every
/// decision shows a message (an <c>EveryTime</c> message on a product page, the visitor's visits
/// alternating so the message showing in the last visit does not block). A shown decision makes
/// two round trips, one after the other: the frequency store's compare-and-set script (the visitor's
/// state is known to this node, so the first attempt succeeds) and the metrics store's count script
/// (for a visitor already counted as sent it only reads its bit). The set-up counts them on the
/// server and prints the figure.</item>
/// <item><see cref="Shown32InFlight"/> and <see cref="Shown64InFlight"/>: 32 or 64 callers at once,
/// each with 16 visitors of its own, each making <see cref="DecisionsPerCaller"/> such decisions one
/// after the other; time per operation is wall-clock time per decision.</item>
/// </list>
/// The server is started in the set-up on a free 127.0.0.1 port, persistence off, and shut down in
/// the clean-up (a watcher stops it if the benchmark process dies first). Without redis-server the
/// set-up fails with <see cref="RedisServerProcess.Missing"/>. Every shown benchmark checks that all
/// its decisions were shown, so a store failure ("nothing, store unavailable") cannot pass for speed.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class RedisDecisionBenchmarks
{
    public const int DecisionsPerCaller = 8;
    private const int Messages = 100;
    private const int VisitorsPerCaller = 16;
    private const int MaxCallers = 64;

    // Message 2 of the workspace: an EveryTime message on /products/cat-2/, after 20 s on the page.
    private const string ProductUrl = "https://shop.example.com/products/cat-2/blue-shirt?utm_source=newsletter";

    private RedisServerProcess _server = null!;
    private RuntimeWorkspace _inMemory = null!;
    private RuntimeWorkspace _redis = null!;
    private VisitorEvent _inMemoryHome;
    private VisitorEvent _redisHome;
    private Caller _single = null!;
    private Caller[] _callers = null!;
    private readonly Task<int>[] _running = new Task<int>[MaxCallers];

    [GlobalSetup]
    public void Setup()
    {
        _server = RedisServerProcess.Start();
        try
        {
            _inMemory = RuntimeWorkspace.Create(Messages);
            _redis = RuntimeWorkspace.Create(Messages, new RedisFrequencyStore(_server.Connection), new RedisMetricsStore(_server.Connection));
            _inMemoryHome = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(_inMemory.Engine.Fields, RuntimeWorkspace.HomeUrl), "visitor-1");
            _redisHome = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(_redis.Engine.Fields, RuntimeWorkspace.HomeUrl), "visitor-1");
            RuntimeWorkspace.Expect(DecisionOutcome.NoConditionsMet, _inMemory.Decide(_inMemoryHome));
            RuntimeWorkspace.Expect(DecisionOutcome.NoConditionsMet, _redis.Decide(_redisHome));

            _single = new Caller(_redis.Engine, "single", 1_000);
            _callers = new Caller[MaxCallers];
            for (var c = 0; c < _callers.Length; c++)
            {
                _callers[c] = new Caller(_redis.Engine, c.ToString(CultureInfo.InvariantCulture), VisitorsPerCaller);
            }

            // Every visitor's first decision (a new key) and second (a new visit), before measuring.
            _single.RunAsync(2_000).AsTask().GetAwaiter().GetResult();
            foreach (var caller in _callers)
            {
                caller.RunAsync(2 * VisitorsPerCaller).AsTask().GetAwaiter().GetResult();
            }

            PrintRoundTrips();
        }
        catch
        {
            Cleanup();
            throw;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _redis?.Dispose();
        _inMemory?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public DecisionOutcome NothingMatchesInMemory() => DecideNow(_inMemory.Engine, _inMemoryHome);

    [Benchmark]
    public DecisionOutcome NothingMatchesRedis() => DecideNow(_redis.Engine, _redisHome);

    [Benchmark(OperationsPerInvoke = DecisionsPerCaller)]
    public ValueTask<int> ShownOneCaller() => _single.RunAsync(DecisionsPerCaller);

    [Benchmark(OperationsPerInvoke = 32 * DecisionsPerCaller)]
    public Task<int> Shown32InFlight() => InFlightAsync(32);

    [Benchmark(OperationsPerInvoke = MaxCallers * DecisionsPerCaller)]
    public Task<int> Shown64InFlight() => InFlightAsync(MaxCallers);

    private static DecisionOutcome DecideNow(ProactiveEngine engine, VisitorEvent visitorEvent)
    {
        var pending = engine.DecideAsync(visitorEvent);

        // Nothing matches, so no store is called and the decision completes synchronously.
        return pending.IsCompletedSuccessfully ? pending.Result.Outcome : throw new InvalidOperationException("The decision did not complete synchronously.");
    }

    private async Task<int> InFlightAsync(int callers)
    {
        for (var c = 0; c < callers; c++)
        {
            _running[c] = _callers[c].RunAsync(DecisionsPerCaller).AsTask();
        }

        var shown = 0;
        for (var c = 0; c < callers; c++)
        {
            shown += await _running[c].ConfigureAwait(false);
        }

        return shown;
    }

    /// <summary>
    /// Prints the round trips per shown decision, counted by the connection (operations sent), and
    /// the commands the server ran for them (those its scripts call included).
    /// </summary>
    private void PrintRoundTrips()
    {
        const int Decisions = 1_000;
        var server = _server.Connection.GetServer("127.0.0.1", _server.Port);
        server.ConfigResetStatistics();
        var before = _server.Connection.OperationCount;
        _single.RunAsync(Decisions).AsTask().GetAwaiter().GetResult();
        var roundTrips = (_server.Connection.OperationCount - before) / (double)Decisions;
        before = _server.Connection.OperationCount;
        for (var i = 0; i < Decisions; i++)
        {
            DecideNow(_redis.Engine, _redisHome);
        }

        var nothingMatchedRoundTrips = _server.Connection.OperationCount - before;
        var commands = server.Info("commandstats").SelectMany(group => group)
            .Where(stat => stat.Key.StartsWith("cmdstat_", StringComparison.Ordinal) && stat.Key is not ("cmdstat_info" or "cmdstat_config|resetstat"))
            .Select(stat => (Name: stat.Key["cmdstat_".Length..], Calls: long.Parse(stat.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture) / (double)Decisions))
            .OrderBy(command => command.Name, StringComparer.Ordinal);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Redis round trips per shown decision: {roundTrips:0.###}; for {Decisions} decisions where nothing matched: {nothingMatchedRoundTrips}; commands run per decision, scripts' included: {string.Join(", ", commands.Select(command => $"{command.Name} {command.Calls:0.###}"))}"));

        // The sizes scripts/redis-limit.sh gives its requests, to check they are still alike.
        var database = _server.Connection.GetDatabase();
        var stateKey = server.Keys(pattern: "*visitor-single-0*").Single();
        var countsKey = server.Keys(pattern: "*:c").Single();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// A visitor's frequency state: {database.StringLength(stateKey)} bytes at {stateKey}; a message's counts at {countsKey}"));
    }

    /// <summary>One caller: its own visitor context and visitors, taken in turn, each visitor's visits alternating.</summary>
    private sealed class Caller
    {
        private readonly ProactiveEngine _engine;
        private readonly VisitorEvent[] _events;
        private readonly int _visitors;
        private long _next;

        public Caller(ProactiveEngine engine, string name, int visitors)
        {
            _engine = engine;
            _visitors = visitors;
            var context = RuntimeWorkspace.Visitor(engine.Fields, ProductUrl);
            _events = new VisitorEvent[visitors * 2];
            for (var v = 0; v < visitors; v++)
            {
                var visitorId = string.Create(CultureInfo.InvariantCulture, $"visitor-{name}-{v}");
                _events[2 * v] = RuntimeWorkspace.Event(context, visitorId) with { VisitId = "visit-a", PageViewId = "page-a" };
                _events[(2 * v) + 1] = RuntimeWorkspace.Event(context, visitorId) with { VisitId = "visit-b", PageViewId = "page-b" };
            }
        }

        /// <summary>Makes <paramref name="decisions"/> decisions one after the other; throws unless each showed a message.</summary>
        public async ValueTask<int> RunAsync(int decisions)
        {
            for (var i = 0; i < decisions; i++)
            {
                var turn = _next++;
                var visitor = (int)(turn % _visitors);
                var visit = (int)(turn / _visitors) & 1;
                var decision = await _engine.DecideAsync(_events[(2 * visitor) + visit]).ConfigureAwait(false);
                if (decision.Outcome != DecisionOutcome.Show)
                {
                    throw new InvalidOperationException($"Expected a shown message, got {decision}.");
                }
            }

            return decisions;
        }
    }
}
