using System.Globalization;
using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// Decisions and reservations when visitors come in turn, so that each finds its entries in the
/// engine's tables cold (as in a replayed log of many visitors), against a few visitors whose
/// entries stay in the CPU caches.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Decide"/> runs the 100-message channel of <see cref="RuntimeWorkspace"/> on one thread,
/// one event per visitor in turn, with no host visit or page view ids, so that every event goes
/// through the engine's visit tracking; one event in four is on the pricing page (one frequency-store
/// round trip, refused: the message was used up in the set-up), the others on a page no message
/// targets (no store call).
/// </para>
/// <para>
/// <see cref="Reserve"/> asks the in-memory frequency store alone for a reservation the visitor's
/// <c>Once</c> mark refuses, one visitor in turn: the store's table lookup and rules, nothing else.
/// </para>
/// <para>100,000 visitors is the default capacity of both the visit tracking and the frequency store.</para>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
public class ScatteredVisitorsBenchmarks
{
    public const int Operations = 100_000;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 10, 0);

    private RuntimeWorkspace _workspace = null!;
    private VisitorEvent[] _home = null!;
    private VisitorEvent[] _pricing = null!;
    private InMemoryFrequencyStore _store = null!;
    private ReservationRequest[] _requests = null!;

    [Params(1_000, 100_000)]
    public int Visitors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var visitorIds = new string[Visitors];
        for (var v = 0; v < visitorIds.Length; v++)
        {
            visitorIds[v] = string.Create(CultureInfo.InvariantCulture, $"visitor-{v:D8}");
        }

        _workspace = RuntimeWorkspace.Create(100);
        foreach (var visitorId in visitorIds)
        {
            _workspace.UseUpPricingMessage(visitorId);
        }

        var home = RuntimeWorkspace.Visitor(_workspace.Engine.Fields, RuntimeWorkspace.HomeUrl);
        var pricing = RuntimeWorkspace.Visitor(_workspace.Engine.Fields, RuntimeWorkspace.PricingUrl);
        _home = Array.ConvertAll(visitorIds, id => RuntimeWorkspace.Event(home, id) with { VisitId = null, PageViewId = null });
        _pricing = Array.ConvertAll(visitorIds, id => RuntimeWorkspace.Event(pricing, id) with { VisitId = null, PageViewId = null });

        _store = new InMemoryFrequencyStore();
        FrequencyCandidate[] once = [new("welcome", MessageFrequency.Once)];
        var policy = new FrequencyPolicy();
        _requests = Array.ConvertAll(visitorIds, id => new ReservationRequest(RuntimeWorkspace.WorkspaceId, id, "visit-1", "page-1", Now, once, policy));
        foreach (var request in _requests)
        {
            var reserved = _store.TryReserveAsync(request, CancellationToken.None);
            if (!reserved.IsCompletedSuccessfully || reserved.Result.CandidateIndex < 0)
            {
                throw new InvalidOperationException("A first reservation should succeed.");
            }
        }

        if (Decide() != Operations / 4 || Reserve() != Operations)
        {
            throw new InvalidOperationException("Every pricing-page event and every reservation should be refused by frequency.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _workspace.Dispose();

    /// <summary>Decisions through the engine; returns how many were refused by frequency.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int Decide()
    {
        var engine = _workspace.Engine;
        var refused = 0;
        for (var i = 0; i < Operations; i++)
        {
            var v = i % _home.Length;
            var pending = engine.DecideAsync((i & 3) == 0 ? _pricing[v] : _home[v]);
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

    /// <summary>Reservations of the frequency store alone; returns how many were refused.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public int Reserve()
    {
        var refused = 0;
        for (var i = 0; i < Operations; i++)
        {
            var pending = _store.TryReserveAsync(_requests[i % _requests.Length], CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("The reservation did not complete synchronously.");
            }

            if (pending.Result.CandidateIndex < 0)
            {
                refused++;
            }
        }

        return refused;
    }
}
