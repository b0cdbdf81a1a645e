using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Experiments.Internal;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// What an experiment adds to one <see cref="ProactiveEngine.DecideAsync"/>: the same events on two
/// workspaces of <see cref="RuntimeWorkspace"/> (10 Live messages), one as it is (the baseline of
/// each category) and one whose pricing message has an experiment with a 50 % rollout, three
/// variants (50/30/20), a 10 % holdout and a page goal. Visitor ids are 36 characters, like a GUID.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>NoConditions</c>: the visitor reads a blog post no message targets; the experiment's message fails its conditions before any assignment.</item>
/// <item><c>FrequencyCapped</c>: a visitor in the rollout and not held out, already sent the pricing message (shown and dismissed): the assignment, then one frequency-store round trip that refuses.</item>
/// <item><c>NotInRollout</c>: a visitor outside the rollout on the pricing page, against the same visitor and event without the experiment (already sent: frequency capped).</item>
/// <item><c>HeldOut</c>: a held-out visitor on the pricing page, again and again (the steady state): held out once, the hold-out counts for the message's own frequency as a send would, so later events are capped like a sent visitor's, against the same visitor and event without the experiment (frequency capped).
/// <c>HeldOut_ExperimentStoreNoOp</c> is the same decision with an experiment store that does nothing, so that
/// the engine's share and the store's share of the difference can be told apart.</item>
/// <item><c>GoalMissed</c>: a page view of the blog post in the workspace whose message has a page goal (checked, and missed, before the decision) against the workspace without goals.</item>
/// <item><c>Assignment</c>: <see cref="ExperimentPositions.Of"/> alone for a 36-character visitor id.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ExperimentBenchmarks
{
    private const int Messages = 10;

    private RuntimeWorkspace _plain = null!;
    private RuntimeWorkspace _experiment = null!;
    private RuntimeWorkspace _experimentNoOpStore = null!;
    private VisitorEvent _home;
    private VisitorEvent _homeView;
    private VisitorEvent _capped;
    private VisitorEvent _outside;
    private VisitorEvent _held;
    private ulong _seed;
    private ulong[] _seeds = [];
    private string _visitorId = null!;

    /// <summary>The pricing message's experiment: every part of it at once.</summary>
    public static MessageExperiment Experiment { get; } = new()
    {
        RolloutPercent = 50m,
        HoldoutPercent = 10m,
        Variants =
        [
            new MessageVariant { Id = "a", Weight = 50m, Text = "Questions about pricing? We can help." },
            new MessageVariant { Id = "b", Weight = 30m, Text = "Comparing plans? Ask us." },
            new MessageVariant { Id = "c", Weight = 20m, Text = "Need a quote? Chat with us." },
        ],
        Goal = ConversionGoal.ForPage(new Condition("page.path", ConditionOperator.Is, "/checkout/done")),
    };

    [GlobalSetup]
    public void Setup()
    {
        _plain = RuntimeWorkspace.Create(Messages);
        _experiment = RuntimeWorkspace.Create(Messages, i => i == 0 ? RuntimeWorkspace.Definition(i) with { Experiment = Experiment } : RuntimeWorkspace.Definition(i));
        _experimentNoOpStore = RuntimeWorkspace.Create(Messages, i => i == 0 ? RuntimeWorkspace.Definition(i) with { Experiment = Experiment } : RuntimeWorkspace.Definition(i), new NoOpExperimentStore());
        _seed = ExperimentPositions.Seed(RuntimeWorkspace.WorkspaceId, _experiment.PricingMessageId, Experiment.Salt);
        _seeds = [_seed, ExperimentPositions.Seed(RuntimeWorkspace.WorkspaceId, _experimentNoOpStore.PricingMessageId, Experiment.Salt)];

        // One visitor of each kind; each is also the visitor of its baseline, on the workspace without the experiment.
        var capped = FirstVisitor(positions => positions.Rollout < 5_000 && positions.Holdout >= 1_000);
        var outside = FirstVisitor(positions => positions.Rollout >= 5_000);
        var held = FirstVisitor(positions => positions.Rollout < 5_000 && positions.Holdout < 1_000);
        _visitorId = capped;
        _experiment.UseUpPricingMessage(capped);
        foreach (var visitor in new[] { capped, outside, held })
        {
            _plain.UseUpPricingMessage(visitor);
        }

        var fields = _plain.Engine.Fields;
        _home = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(fields, RuntimeWorkspace.HomeUrl), capped);
        _homeView = _home with { Kind = VisitorEventKind.PageView };
        _capped = RuntimeWorkspace.Event(RuntimeWorkspace.Visitor(fields, RuntimeWorkspace.PricingUrl), capped);
        _outside = _capped with { VisitorId = outside };
        _held = _capped with { VisitorId = held };

        foreach (var (workspace, experiment) in new[] { (_plain, false), (_experiment, true) })
        {
            RuntimeWorkspace.Expect(DecisionOutcome.NoConditionsMet, workspace.Decide(_home));
            RuntimeWorkspace.Expect(DecisionOutcome.NoConditionsMet, workspace.Decide(_homeView));
            RuntimeWorkspace.Expect(DecisionOutcome.FrequencyCapped, workspace.Decide(_capped));
            RuntimeWorkspace.Expect(experiment ? DecisionOutcome.NotInRollout : DecisionOutcome.FrequencyCapped, workspace.Decide(_outside));
            RuntimeWorkspace.Expect(experiment ? DecisionOutcome.HeldOut : DecisionOutcome.FrequencyCapped, workspace.Decide(_held));
        }

        RuntimeWorkspace.Expect(DecisionOutcome.HeldOut, _experimentNoOpStore.Decide(_held));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _experiment.Dispose();
        _experimentNoOpStore.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("NoConditions")]
    public DecisionOutcome NoConditions_Plain() => Decide(_plain, _home);

    [Benchmark]
    [BenchmarkCategory("NoConditions")]
    public DecisionOutcome NoConditions_Experiment() => Decide(_experiment, _home);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FrequencyCapped")]
    public DecisionOutcome FrequencyCapped_Plain() => Decide(_plain, _capped);

    [Benchmark]
    [BenchmarkCategory("FrequencyCapped")]
    public DecisionOutcome FrequencyCapped_Experiment() => Decide(_experiment, _capped);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("NotInRollout")]
    public DecisionOutcome NotInRollout_Plain() => Decide(_plain, _outside);

    [Benchmark]
    [BenchmarkCategory("NotInRollout")]
    public DecisionOutcome NotInRollout_Experiment() => Decide(_experiment, _outside);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("HeldOut")]
    public DecisionOutcome HeldOut_Plain() => Decide(_plain, _held);

    [Benchmark]
    [BenchmarkCategory("HeldOut")]
    public DecisionOutcome HeldOut_Experiment() => Decide(_experiment, _held);

    [Benchmark]
    [BenchmarkCategory("HeldOut")]
    public DecisionOutcome HeldOut_ExperimentStoreNoOp() => Decide(_experimentNoOpStore, _held);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("GoalMissed")]
    public DecisionOutcome GoalMissed_Plain() => Decide(_plain, _homeView);

    [Benchmark]
    [BenchmarkCategory("GoalMissed")]
    public DecisionOutcome GoalMissed_Experiment() => Decide(_experiment, _homeView);

    [Benchmark]
    [BenchmarkCategory("Assignment")]
    public int Assignment() => ExperimentPositions.Of(_seed, _visitorId).Variant;

    private static DecisionOutcome Decide(RuntimeWorkspace workspace, VisitorEvent visitorEvent)
    {
        var pending = workspace.Engine.DecideAsync(visitorEvent);

        // The in-memory stores complete synchronously; anything else would be measured wrong.
        return pending.IsCompletedSuccessfully ? pending.Result.Outcome : throw new InvalidOperationException("The decision did not complete synchronously.");
    }

    /// <summary>The first 36-character visitor id whose positions match in the pricing message's experiment of both workspaces (their message ids differ).</summary>
    private string FirstVisitor(Func<ExperimentPositions, bool> where)
    {
        for (var i = 0; ; i++)
        {
            var id = "3f2b1c4e-9d7a-4e61-8b05-" + i.ToString("D12", CultureInfo.InvariantCulture);
            if (Array.TrueForAll(_seeds, seed => where(ExperimentPositions.Of(seed, id))))
            {
                return id;
            }
        }
    }

    /// <summary>An experiment store that records nothing and answers at once: the engine's own cost, without a store's.</summary>
    private sealed class NoOpExperimentStore : IExperimentStore
    {
        public ValueTask<bool> RecordExposureAsync(string workspaceId, string messageId, string armId, string visitorId, Instant now, CancellationToken cancellationToken) => new(false);

        public ValueTask<string?> RecordAsync(string workspaceId, string messageId, string visitorId, ArmMetric metric, Instant now, Duration window, CancellationToken cancellationToken) => new((string?)null);

        public ValueTask<ImmutableArray<ArmCounts>> GetAsync(string workspaceId, string messageId, CancellationToken cancellationToken) => new(ImmutableArray<ArmCounts>.Empty);
    }
}
