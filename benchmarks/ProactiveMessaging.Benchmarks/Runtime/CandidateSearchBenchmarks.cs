using BenchmarkDotNet.Attributes;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Model;
using ProactiveMessaging.Model.Internal;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Runtime.Internal;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// The engine's candidate search alone (no event checks, clock or store), over the same channel
/// plan's messages with the candidate index and with a plain scan of every message, side by side:
/// the mixed channel of <see cref="RuntimeWorkspace"/> (the visitor on a blog post no message
/// targets) and the generated catalog of <see cref="GeneratedCatalogBenchmarks"/> (the visitor on
/// a product page no message targets). Nothing passes in either.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CandidateSearchBenchmarks
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 4, 12, 0);

    private ChannelPlan _indexed = null!;
    private ChannelPlan _scanned = null!;
    private VisitorContext _visitor = null!;

    [Params("mixed", "generated")]
    public string Catalog { get; set; } = "mixed";

    [Params(100, 1000, 10000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var generated = Catalog == "generated";
        var fields = generated ? GeneratedCatalogBenchmarks.Fields : FieldCatalog.Default;
        var validator = new MessageValidator(fields: fields);
        var compiler = new ConditionCompiler(new MessageValidationOptions(), fields);
        var planned = Enumerable.Range(0, Messages)
            .Select(i => generated
                ? GeneratedCatalogBenchmarks.Message(i, Messages, validator)
                : ProactiveMessage.CreateDraft($"m{i}", RuntimeWorkspace.Definition(i), Now, validator).GetValueOrThrow())
            .Select(message => new PlannedMessage(
                message,
                compiler.Compile(message.Rules.Conditions!).GetValueOrThrow(),
                new ShownMessage(message, PresentationKind.LauncherBubble, SenderKind.DefaultSender, "Support", botId: null),
                ResolvedWindow.Always))
            .ToArray();
        var hours = new ProactiveMessaging.Scheduling.CachedBusinessHours(RuntimeWorkspace.Snapshot.Schedules[0]);
        _indexed = new ChannelPlan("web", planned, hours);
        _scanned = new ChannelPlan("web", planned, hours, indexed: false);
        _visitor = generated ? GeneratedCatalogBenchmarks.Visitor(fields, "/products/p-none") : RuntimeWorkspace.Visitor(fields, RuntimeWorkspace.HomeUrl);
        if (Indexed() != DecisionOutcome.NoConditionsMet || Scan() != DecisionOutcome.NoConditionsMet)
        {
            throw new InvalidOperationException("A message passed: the benchmark measures a search that finds nothing.");
        }
    }

    [Benchmark(Baseline = true)]
    public DecisionOutcome Scan() => Search(_scanned);

    [Benchmark]
    public DecisionOutcome Indexed() => Search(_indexed);

    private DecisionOutcome Search(ChannelPlan plan)
    {
        var timing = new EventTiming(plan.Hours, Now);
        if (CandidateSearch.TryFind(plan, _visitor, "visitor-1", ref timing, out var candidates, out var nothing))
        {
            candidates.Return();
            return DecisionOutcome.Show;
        }

        return nothing;
    }
}
