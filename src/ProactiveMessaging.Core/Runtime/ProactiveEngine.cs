using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Diagnostics.Internal;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime.Internal;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// Decides, for each visitor event, which proactive message to show, if any: channel plan, then
/// timing, then the compiled conditions in priority order, then one frequency-store round trip.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe; one engine serves every workspace and thread of a host. Deciding is lock-free on the
/// plans and allocates nothing with the in-memory stores. It never throws for bad input or a failing
/// store: an invalid event gets <see cref="DecisionOutcome.InvalidEvent"/>, a store that throws or
/// passes <see cref="ProactiveMessagingOptions.StoreTimeout"/> gets
/// <see cref="DecisionOutcome.StoreUnavailable"/> (fail closed: nothing is shown). Only a cancellation
/// requested by the caller's own token is thrown, as <see cref="OperationCanceledException"/>.
/// </para>
/// <para>
/// Plans come from the catalog's Live set: call <see cref="ApplyLiveSet"/> with each new set and the
/// workspace snapshot it was checked against (or register <see cref="CreateLiveSetListener"/>). A new
/// plan replaces the old one in a single reference swap, so a decision sees either the old plans or
/// the new, never a mix.
/// </para>
/// <para>
/// Priority: the Live set's choice order (see <see cref="LiveMessageSet"/>): higher
/// <see cref="MessageDefinition.Priority"/> first, then the most recently published, then the smaller
/// id (ordinal). The first candidate that the frequency store accepts is shown.
/// </para>
/// <para>
/// Each event reads the clock once: the visit tracking, the business hours and the frequency store
/// all see that one instant.
/// </para>
/// </remarks>
public sealed class ProactiveEngine : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EngineMetrics _telemetry;
    private readonly FrequencyPolicy _policy;
    private readonly VisitTracker _visits;
    private readonly EnginePlans _plans;
    private readonly EngineStores _stores;
    private readonly SendStep _send;
    private readonly OutcomeRecorder _outcomes;
    private readonly EventExplainer _explainer;

    /// <summary>Creates an engine.</summary>
    /// <param name="frequencyStore">The frequency store.</param>
    /// <param name="metricsStore">The metrics store.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Checked with the same rules as the host's start-up validation.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">The logger; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">The meter factory; <see langword="null"/> to create the meter directly.</param>
    /// <param name="experimentStore">
    /// Counts the visitors of each experiment arm; <see langword="null"/> for a new
    /// <see cref="InMemoryExperimentStore"/>. Pass the catalog the same instance, so that its
    /// experiment results read what the engine counts.
    /// </param>
    /// <exception cref="ArgumentNullException">A store is null.</exception>
    /// <exception cref="OptionsValidationException">The options break a rule (such as a <see cref="ProactiveMessagingOptions.StoreTimeout"/> that is not positive); the failures name each option.</exception>
    public ProactiveEngine(
        IFrequencyStore frequencyStore,
        IMetricsStore metricsStore,
        ProactiveMessagingOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<ProactiveEngine>? logger = null,
        IMeterFactory? meterFactory = null,
        IExperimentStore? experimentStore = null)
    {
        ArgumentNullException.ThrowIfNull(frequencyStore);
        ArgumentNullException.ThrowIfNull(metricsStore);
        options ??= new ProactiveMessagingOptions();
        ProactiveMessagingOptionsRules.ThrowIfInvalid(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _policy = options.ToFrequencyPolicy();
        _visits = new VisitTracker(options.VisitInactivityGap, options.MaxTrackedVisitors, options.RequireVisitIds);
        _plans = new EnginePlans(new ConditionCompiler(options.Validation, options.Fields), options.Validation, _logger);
        _telemetry = new EngineMetrics(meterFactory, new PatternTimeoutGauge(_plans).Read);
        var failures = new StoreFailureLog(_logger, _telemetry, _timeProvider);
        _stores = new EngineStores(frequencyStore, metricsStore, experimentStore ?? new InMemoryExperimentStore(), options.StoreTimeout, _timeProvider, failures, _telemetry);
        _send = new SendStep(_stores);
        _outcomes = new OutcomeRecorder(_stores, _visits, _plans, _timeProvider);
        _explainer = new EventExplainer(_plans, _visits, _stores, _policy, _timeProvider);
    }

    /// <summary>Gets the field catalogue conditions are compiled against; create each <see cref="VisitorContext"/> with it.</summary>
    public FieldCatalog Fields => _plans.Fields;

    /// <summary>Gets how many messages' conditions the engine compiled, for tests and benchmarks of plan reuse (see <see cref="ApplyLiveSet"/>).</summary>
    internal long PlanCompilations => _plans.Compilations;

    /// <summary>
    /// Gets the field catalogue of a workspace's plans: <see cref="Fields"/>, extended with the
    /// custom attributes and events the workspace declares in its settings (see
    /// <see cref="LiveMessageSet.Fields"/>). Create the <see cref="VisitorContext"/> of that
    /// workspace's events with it; the instance stays the same for as long as the declarations do.
    /// </summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <returns>The workspace's fields; <see cref="Fields"/> for a workspace never loaded or that declares nothing.</returns>
    public FieldCatalog GetFields(string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        return _plans.FieldsOf(workspaceId);
    }

    /// <summary>
    /// Compiles a workspace's Live messages into per-channel plans and swaps them in atomically. A
    /// set older than the plans' is ignored; a set of the same version replaces them, so that a
    /// changed snapshot (a schedule's hours, a default sender) reaches the plans even when no Live
    /// message changed.
    /// </summary>
    /// <remarks>
    /// A message whose id, version and conditions are those of the current plans keeps its compiled
    /// conditions (while the workspace's field catalogue is the same instance): applying a set in
    /// which one message changed compiles that message only.
    /// </remarks>
    /// <param name="liveSet">The catalog's Live set.</param>
    /// <param name="snapshot">The workspace snapshot: channel kinds, default senders, bots and schedules.</param>
    /// <returns>The problems of the Live messages left out of the plans (for example a condition on a field the engine does not know); empty when all compiled.</returns>
    public ImmutableArray<Problem> ApplyLiveSet(LiveMessageSet liveSet, WorkspaceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(liveSet);
        ArgumentNullException.ThrowIfNull(snapshot);
        return _plans.Apply(liveSet, snapshot);
    }

    /// <summary>Creates a listener that applies each new Live set of a catalog with the snapshot the host provides for its workspace.</summary>
    /// <param name="snapshots">Returns the current snapshot of a workspace, or <see langword="null"/> to skip the update.</param>
    /// <returns>A listener to register with <see cref="MessageCatalog.AddListener"/>.</returns>
    public ILiveSetListener CreateLiveSetListener(Func<string, WorkspaceSnapshot?> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        return new Listener(this, snapshots);
    }

    /// <summary>Decides what to show for a visitor event.</summary>
    /// <param name="visitorEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the decision; the engine applies its own store deadline besides.</param>
    /// <returns>The decision; never an exception for bad input or a failing store.</returns>
    public ValueTask<Decision> DecideAsync(VisitorEvent visitorEvent, CancellationToken cancellationToken = default)
    {
        // The duration is measured only while someone listens to it: reading the timestamp costs
        // about as much as the rest of a decision on a channel with nothing to evaluate.
        var start = _telemetry.TimesDecisions ? Stopwatch.GetTimestamp() : 0;
        var deciding = DecideCoreAsync(visitorEvent, cancellationToken);

        // The single exit: every decision is recorded here, whichever step answered it.
        return deciding.IsCompletedSuccessfully
            ? new ValueTask<Decision>(Recorded(deciding.Result, start))
            : RecordedAsync(deciding, start);
    }

    /// <summary>Records what happened after a decision: an open, a dismissal, a closed window, a reply, or a conversation opening or ending.</summary>
    /// <param name="outcomeEvent">The outcome.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the outcome was recorded; never an exception for bad input or a failing store.</returns>
    public ValueTask<OutcomeRecording> RecordOutcomeAsync(OutcomeEvent outcomeEvent, CancellationToken cancellationToken = default) =>
        _outcomes.RecordAsync(outcomeEvent, cancellationToken);

    /// <summary>
    /// Explains what <see cref="DecideAsync"/> would decide for an event now, and why: per Live
    /// message of the channel in priority order, the timing verdict, the conditions condition by
    /// condition with the visitor's values, and what the frequency store would answer for it.
    /// </summary>
    /// <remarks>
    /// Changes nothing: no send is reserved, no metric or decision counted, no visit or page view
    /// recorded, so a decision made afterwards is the same as without the explanation. The frequency
    /// store is asked once, read-only (<see cref="IFrequencyStore.PreviewAsync"/>), with every Live
    /// message of the channel, under the same deadline as a decision; a failing store gives
    /// <see cref="FrequencyVerdict.StoreUnavailable"/> while timing and conditions are still
    /// explained. For tools and support: it allocates, and evaluates every condition with the plain
    /// reference interpreter.
    /// </remarks>
    /// <param name="visitorEvent">The event, as it would be sent to <see cref="DecideAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call; the engine applies its own store deadline besides.</param>
    /// <returns>The explanation; never an exception for bad input or a failing store (only the caller's own cancellation is thrown).</returns>
    public ValueTask<EventExplanation> ExplainAsync(VisitorEvent visitorEvent, CancellationToken cancellationToken = default) =>
        _explainer.ExplainAsync(visitorEvent, cancellationToken);

    /// <summary>Reads a message's visitor counts from the metrics store.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    public ValueTask<MessageMetrics> GetMetricsAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default) =>
        _stores.GetMetricsAsync(workspaceId, messageId, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _telemetry.Dispose();

    /// <summary>The pipeline of DESIGN.md, step by step; each step that answers returns the decision.</summary>
    // Out of line: inlined into a host's caller with DecideAsync, it makes one frame too large to run well.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<Decision> DecideCoreAsync(in VisitorEvent visitorEvent, CancellationToken cancellationToken)
    {
        // The channel plan first: found, it proves the workspace and channel ids valid (plans are
        // kept under valid ids only), and the other checks run against the fields it was compiled
        // with. Not found, the event is checked in full, so an invalid event is told so either way.
        if (_plans.Find(visitorEvent, out var fields, out var goals) is not { } plan)
        {
            return NotFound(visitorEvent);
        }

        // The rest of the event: its other ids, its kind and a visitor context made for those fields.
        if (EventChecks.CheckAfterChannel(visitorEvent, fields, _visits.RequiresHostIds) is { } problem)
        {
            return Invalid(problem);
        }

        // Nothing to evaluate and nothing to track (the host passed both ids, so the tracker would
        // record nothing): the clock is not read.
        if (plan.Messages.Length == 0 && goals.Length == 0 && visitorEvent.VisitId is not null && visitorEvent.PageViewId is not null)
        {
            return new ValueTask<Decision>(Decision.Nothing(DecisionOutcome.NoLiveMessage));
        }

        // The event's one clock reading. Every event of a known channel is activity, whether or not
        // a message matches: the visit only ends after the inactivity gap without any event.
        var now = Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());

        // Relative date conditions ("within the last 7 days") are measured from this same reading.
        visitorEvent.Visitor.SetNow(now);
        _visits.Touch(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitorEvent.VisitId, visitorEvent.PageViewId, visitorEvent.Kind == VisitorEventKind.PageView, now);

        // A conversion goal this event reaches is counted before the decision (which it does not change).
        if (goals.Length != 0 && Goals.FirstReached(goals, visitorEvent) is var reached and >= 0)
        {
            return ConvertThenDecideAsync(visitorEvent, plan, goals, reached, now, cancellationToken);
        }

        return DecideAtAsync(visitorEvent, plan, now, cancellationToken);
    }

    /// <summary>Timing (the cached business hours at the event's instant), the compiled conditions, then the send.</summary>
    private ValueTask<Decision> DecideAtAsync(in VisitorEvent visitorEvent, ChannelPlan plan, Instant now, CancellationToken cancellationToken)
    {
        var timing = new EventTiming(plan.Hours, now);
        if (!CandidateSearch.TryFind(plan, visitorEvent.Visitor, visitorEvent.VisitorId, ref timing, out var candidates, out var nothing))
        {
            return new ValueTask<Decision>(Decision.Nothing(nothing));
        }

        return SendAsync(visitorEvent, plan, now, candidates, cancellationToken);
    }

    /// <summary>Counts the conversions of the goals the event reaches (each in the visitor's latest arm, within the goal's window), then decides.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Decision> ConvertThenDecideAsync(VisitorEvent visitorEvent, ChannelPlan plan, WorkspaceGoal[] goals, int reached, Instant now, CancellationToken cancellationToken)
    {
        // Each goal is checked once: the first reached was found by the caller.
        for (; reached >= 0; reached = Goals.FirstReached(goals, visitorEvent, reached + 1))
        {
            var goal = goals[reached];
            await _stores.CountInArmAsync(visitorEvent.WorkspaceId, goal.MessageId, visitorEvent.VisitorId, ArmMetric.Converted, now, goal.Window, cancellationToken).ConfigureAwait(false);
        }

        return await DecideAtAsync(visitorEvent, plan, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One frequency-store round trip for the candidates in priority order, then the decision and
    /// the recorded send.
    /// </summary>
    /// <remarks>
    /// Out of line: most events have no candidate, and inlined, the request and the store's answer
    /// would make every decision's frame larger (and zeroed) for nothing.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<Decision> SendAsync(in VisitorEvent visitorEvent, ChannelPlan plan, Instant now, CandidateBuffer candidates, CancellationToken cancellationToken)
    {
        var (visitId, pageViewId) = _visits.Ids(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitorEvent.VisitId, visitorEvent.PageViewId, now);
        var request = new ReservationRequest(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitId, pageViewId, now, candidates.Offered, _policy);
        return _send.SendAsync(request, candidates, plan.Messages, visitorEvent, cancellationToken);
    }

    /// <summary>No plan for the event: an invalid event if any check fails, otherwise why there is no plan.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ValueTask<Decision> NotFound(in VisitorEvent visitorEvent) =>
        EventChecks.Check(visitorEvent, Fields, _visits.RequiresHostIds) is { } problem
            ? Invalid(problem)
            : new ValueTask<Decision>(Decision.Nothing(_plans.NotFound(visitorEvent.WorkspaceId)));

    private ValueTask<Decision> Invalid(Problem problem)
    {
        Log.InvalidEvent(_logger, problem.Code, problem.Path);
        return new ValueTask<Decision>(Decision.Invalid(problem));
    }

    private Decision Recorded(Decision decision, long start)
    {
        _telemetry.Decided(decision.Outcome, start);
        return decision;
    }

    // Out of line, so that the synchronous path does not carry (and zero) its state machine.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async ValueTask<Decision> RecordedAsync(ValueTask<Decision> deciding, long start) =>
        Recorded(await deciding.ConfigureAwait(false), start);

    private sealed class Listener(ProactiveEngine engine, Func<string, WorkspaceSnapshot?> snapshots) : ILiveSetListener
    {
        public void OnLiveSetChanged(LiveMessageSet liveSet)
        {
            if (snapshots(liveSet.WorkspaceId) is { } snapshot)
            {
                engine.ApplyLiveSet(liveSet, snapshot);
            }
        }
    }
}
