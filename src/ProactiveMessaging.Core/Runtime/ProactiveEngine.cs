using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Diagnostics.Internal;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime.Internal;
using ProactiveMessaging.Scheduling;
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
/// Priority: higher <see cref="MessageDefinition.Priority"/> first, then the most recently published,
/// then the smaller id (ordinal). The first candidate that the frequency store accepts is shown.
/// </para>
/// </remarks>
public sealed class ProactiveEngine : IDisposable
{
    private readonly ConcurrentDictionary<string, WorkspacePlans> _plans = new(StringComparer.Ordinal);
    private readonly Lock _planGate = new();
    private readonly IFrequencyStore _frequency;
    private readonly IMetricsStore _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly EngineMetrics _telemetry;
    private readonly FrequencyPolicy _policy;
    private readonly TimeSpan _storeTimeout;
    private readonly ConditionCompiler _compiler;
    private readonly MessageValidationOptions _validation;
    private readonly VisitTracker _visits;
    private long _suppressedStoreLogs;
    private long _lastStoreLogTimestamp;

    /// <summary>Creates an engine.</summary>
    /// <param name="frequencyStore">The frequency store.</param>
    /// <param name="metricsStore">The metrics store.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">The logger; <see langword="null"/> for none.</param>
    /// <param name="meterFactory">The meter factory; <see langword="null"/> to create the meter directly.</param>
    public ProactiveEngine(
        IFrequencyStore frequencyStore,
        IMetricsStore metricsStore,
        ProactiveMessagingOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<ProactiveEngine>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(frequencyStore);
        ArgumentNullException.ThrowIfNull(metricsStore);
        options ??= new ProactiveMessagingOptions();
        _frequency = frequencyStore;
        _metrics = metricsStore;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _policy = options.ToFrequencyPolicy();
        _storeTimeout = options.StoreTimeout;
        _compiler = new ConditionCompiler(options.Validation, options.Fields);
        _validation = options.Validation;
        _visits = new VisitTracker(options.VisitInactivityGap, options.MaxTrackedVisitors);
        _telemetry = new EngineMetrics(meterFactory, SumPatternTimeouts);
    }

    /// <summary>Gets the field catalogue conditions are compiled against; create each <see cref="VisitorContext"/> with it.</summary>
    public FieldCatalog Fields => _compiler.Catalog;

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
        return _plans.TryGetValue(workspaceId, out var workspace) ? workspace.Compiler.Catalog : Fields;
    }

    /// <summary>
    /// Compiles a workspace's Live messages into per-channel plans and swaps them in atomically. A
    /// set older than the plans' is ignored; a set of the same version replaces them, so that a
    /// changed snapshot (a schedule's hours, a default sender) reaches the plans even when no Live
    /// message changed.
    /// </summary>
    /// <param name="liveSet">The catalog's Live set.</param>
    /// <param name="snapshot">The workspace snapshot: channel kinds, default senders, bots and schedules.</param>
    /// <returns>The problems of the Live messages left out of the plans (for example a condition on a field the engine does not know); empty when all compiled.</returns>
    public ImmutableArray<Problem> ApplyLiveSet(LiveMessageSet liveSet, WorkspaceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(liveSet);
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var channels = new Dictionary<string, ChannelPlan>(StringComparer.Ordinal);
        var messageCount = 0;
        var compiler = CompilerFor(liveSet, problems);
        foreach (var channel in snapshot.Channels)
        {
            var messages = liveSet.Channels.TryGetValue(channel.Id, out var live) ? live : [];
            var schedule = snapshot.ScheduleFor(channel);
            var hours = schedule is null ? null : new CachedBusinessHours(schedule, _timeProvider);
            var planned = new List<PlannedMessage>(messages.Length);
            foreach (var message in Order(messages))
            {
                if (Plan(compiler, message, channel, liveSet.WorkspaceId) is { } plannedMessage)
                {
                    planned.Add(plannedMessage);
                }
                else
                {
                    problems.Add(LeftOut(message, liveSet.WorkspaceId, "its conditions do not compile against the engine's fields"));
                }
            }

            messageCount += planned.Count;
            channels[channel.Id] = new ChannelPlan(channel.Id, [.. planned], hours);
        }

        foreach (var (channelId, messages) in liveSet.Channels)
        {
            if (!channels.ContainsKey(channelId))
            {
                foreach (var message in messages)
                {
                    problems.Add(LeftOut(message, liveSet.WorkspaceId, $"its channel '{channelId}' is not in the workspace snapshot"));
                }
            }
        }

        var plans = new WorkspacePlans(liveSet.WorkspaceId, liveSet.Version, channels, compiler);
        lock (_planGate)
        {
            if (_plans.TryGetValue(liveSet.WorkspaceId, out var current) && current.Version > liveSet.Version)
            {
                Log.StaleLiveSet(_logger, liveSet.Version, liveSet.WorkspaceId, current.Version);
                return problems.ToImmutable();
            }

            _plans[liveSet.WorkspaceId] = plans;
        }

        Log.PlansUpdated(_logger, liveSet.WorkspaceId, liveSet.Version, messageCount, channels.Count);
        return problems.ToImmutable();
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
        var start = Stopwatch.GetTimestamp();
        if ((Check(visitorEvent) ?? CheckCatalog(visitorEvent.Visitor, Fields)) is { } problem)
        {
            Log.InvalidEvent(_logger, problem.Code, problem.Path);
            return new ValueTask<Decision>(Finish(Decision.Invalid(problem), start));
        }

        if (FindPlan(visitorEvent, out var workspaceFields) is not { } plan)
        {
            return new ValueTask<Decision>(Finish(Decision.Nothing(_plans.ContainsKey(visitorEvent.WorkspaceId) ? DecisionOutcome.UnknownChannel : DecisionOutcome.WorkspaceNotLoaded), start));
        }

        // Checked against the engine's fields above; a workspace with declarations of its own needs more.
        if (!ReferenceEquals(workspaceFields, Fields) && CheckCatalog(visitorEvent.Visitor, workspaceFields) is { } mismatch)
        {
            Log.InvalidEvent(_logger, mismatch.Code, mismatch.Path);
            return new ValueTask<Decision>(Finish(Decision.Invalid(mismatch), start));
        }

        // Every event of a known channel is activity, whether or not a message matches: the
        // visit only ends after the inactivity gap without any event.
        var visitor = visitorEvent.Visitor;
        // One clock reading serves the visit tracking and the stores: all see the same instant.
        var now = Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());
        _visits.Touch(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitorEvent.VisitId, visitorEvent.PageViewId, visitorEvent.Kind == VisitorEventKind.PageView, now);
        var conditions = plan.Conditions;
        if (conditions.Length == 0)
        {
            return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.NoLiveMessage), start));
        }

        // The buffers are rented only at the first candidate: most events meet no message's
        // conditions and then cost nothing but the evaluations.
        FrequencyCandidate[]? buffer = null;
        int[]? planIndexes = null;
        var count = 0;
        var timingAllowsAny = false;
        var isOpen = -1;
        var timings = plan.Timings;

        // The index leaves out the messages tied to other pages. Both lists are in evaluation
        // order (messages of one condition shape together); candidates return to plan order below.
        var narrowed = plan.Index?.Candidates(visitor);
        var order = narrowed ?? plan.AllMessages;
        var total = order.Length;
        for (var k = 0; k < total; k++)
        {
            var i = order[k];
            var timing = timings[i];
            if (timing != MessageTiming.Anytime)
            {
                if (isOpen < 0)
                {
                    isOpen = plan.Hours is { } hours && hours.IsOpen() ? 1 : 0;
                }

                // Without a schedule, a timing that depends on business hours never allows sending.
                if (plan.Hours is null || !timing.Allows(isOpen == 1))
                {
                    continue;
                }
            }

            timingAllowsAny = true;
            // Every plan is compiled with the engine's catalog and the visitor was checked against
            // it above, so each message skips its own check.
            if (conditions[i].Run(visitor))
            {
                if (buffer is null)
                {
                    buffer = ArrayPool<FrequencyCandidate>.Shared.Rent(total - k);
                    planIndexes = ArrayPool<int>.Shared.Rent(total - k);
                }

                // The plan index of each candidate is kept beside it, so that the reserved one is
                // found without evaluating the conditions again.
                planIndexes![count] = i;
                buffer[count++] = plan.Messages[i].Candidate;
            }
        }

        if (buffer is null)
        {
            // Messages the index left out still count for "was any message's timing open?".
            if (!timingAllowsAny && narrowed is not null)
            {
                timingAllowsAny = plan.TimingAllowsAny(ref isOpen);
            }

            var outcome = timingAllowsAny && !ConditionsHoldOutsideTiming(plan, order, ref isOpen, visitor)
                ? DecisionOutcome.NoConditionsMet
                : DecisionOutcome.OutsideTiming;
            return new ValueTask<Decision>(Finish(Decision.Nothing(outcome), start));
        }

        // The store takes the candidates in priority (plan) order.
        SortByPlanIndex(planIndexes!, buffer, count);
        var (visitId, pageViewId) = _visits.Ids(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitorEvent.VisitId, visitorEvent.PageViewId, now);
        var request = new ReservationRequest(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitId, pageViewId, now, buffer.AsMemory(0, count), _policy);
        ValueTask<ReservationResult> pending;
        try
        {
            pending = _frequency.TryReserveAsync(request, cancellationToken);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            ReturnBuffers(buffer, planIndexes!, count);
            StoreFailed("frequency", timeout: false, exception);
            return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.StoreUnavailable), start));
        }

        if (pending.IsCompletedSuccessfully)
        {
            var result = pending.Result;
            var chosen = FindReserved(result, plan.Messages, planIndexes!, count);
            ReturnBuffers(buffer, planIndexes!, count);
            return Reserved(result, chosen, visitorEvent, now, start, cancellationToken);
        }

        return DecideSlowAsync(pending, buffer, planIndexes!, count, plan.Messages, visitorEvent, now, start, cancellationToken);
    }

    /// <summary>Records what happened after a decision: an open, a dismissal, a closed window, a reply, or a conversation opening or ending.</summary>
    /// <param name="outcomeEvent">The outcome.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the outcome was recorded; never an exception for bad input or a failing store.</returns>
    public async ValueTask<OutcomeRecording> RecordOutcomeAsync(OutcomeEvent outcomeEvent, CancellationToken cancellationToken = default)
    {
        if (!IdRule.IsValid(outcomeEvent.WorkspaceId) || !IdRule.IsValidVisitorId(outcomeEvent.VisitorId) || !Enum.IsDefined(outcomeEvent.Outcome)
            || (outcomeEvent.MessageId is null && outcomeEvent.Outcome is VisitorOutcome.Opened or VisitorOutcome.Dismissed or VisitorOutcome.Replied)
            || (outcomeEvent.MessageId is not null && !IdRule.IsValid(outcomeEvent.MessageId))
            || (outcomeEvent.VisitId is not null && !IdRule.IsValidVisitorId(outcomeEvent.VisitId)))
        {
            return OutcomeRecording.InvalidEvent;
        }

        var now = Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());
        var visitId = _visits.CurrentVisit(outcomeEvent.WorkspaceId, outcomeEvent.VisitorId, outcomeEvent.VisitId);
        bool applied;
        try
        {
            var pending = _frequency.RecordOutcomeAsync(outcomeEvent.WorkspaceId, outcomeEvent.VisitorId, visitId, outcomeEvent.MessageId, outcomeEvent.Outcome, now, cancellationToken);
            applied = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            StoreFailed("frequency", exception is TimeoutException, exception);
            return OutcomeRecording.StoreUnavailable;
        }

        // The frequency store records every send with its reservation and keeps it past idleness,
        // so it knows whether the message was sent to this visitor; the metrics store's answer
        // cannot tell "never sent" from "already counted".
        if (!applied)
        {
            return OutcomeRecording.Ignored;
        }

        var metric = outcomeEvent.Outcome switch
        {
            VisitorOutcome.Opened => MessageMetric.Opened,
            VisitorOutcome.Replied => MessageMetric.Replied,
            _ => (MessageMetric?)null,
        };
        if (metric is { } measure && !await CountAsync(outcomeEvent.WorkspaceId, outcomeEvent.MessageId!, outcomeEvent.VisitorId, measure, now, cancellationToken).ConfigureAwait(false))
        {
            return OutcomeRecording.StoreUnavailable;
        }

        return OutcomeRecording.Recorded;
    }

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
    public async ValueTask<EventExplanation> ExplainAsync(VisitorEvent visitorEvent, CancellationToken cancellationToken = default)
    {
        var now = Instant.FromDateTimeOffset(_timeProvider.GetUtcNow());
        if ((Check(visitorEvent) ?? CheckCatalog(visitorEvent.Visitor, Fields)) is { } problem)
        {
            return new EventExplanation(Decision.Invalid(problem), [], now, storeFailure: null);
        }

        if (FindPlan(visitorEvent, out var workspaceFields) is not { } plan)
        {
            var outcome = _plans.ContainsKey(visitorEvent.WorkspaceId) ? DecisionOutcome.UnknownChannel : DecisionOutcome.WorkspaceNotLoaded;
            return new EventExplanation(Decision.Nothing(outcome), [], now, storeFailure: null);
        }

        if (!ReferenceEquals(workspaceFields, Fields) && CheckCatalog(visitorEvent.Visitor, workspaceFields) is { } mismatch)
        {
            return new EventExplanation(Decision.Invalid(mismatch), [], now, storeFailure: null);
        }

        var messages = plan.Messages;
        if (messages.Length == 0)
        {
            return new EventExplanation(Decision.Nothing(DecisionOutcome.NoLiveMessage), [], now, storeFailure: null);
        }

        var visitor = visitorEvent.Visitor;
        bool? isOpen = plan.Hours?.IsOpen();
        var timings = new TimingVerdict[messages.Length];
        var conditions = new ConditionExplanation[messages.Length];
        var offered = new FrequencyCandidate[messages.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            timings[i] = TimingVerdictOf(messages[i].Timing, isOpen);
            conditions[i] = messages[i].Conditions.Explain(visitor);
            offered[i] = messages[i].Candidate;
        }

        // The ids the decision would use, worked out without recording the event's activity.
        var (visitId, pageViewId) = _visits.Peek(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitorEvent.VisitId, visitorEvent.PageViewId, visitorEvent.Kind == VisitorEventKind.PageView, now);
        var request = new ReservationRequest(visitorEvent.WorkspaceId, visitorEvent.VisitorId, visitId, pageViewId, now, offered, _policy);
        var (statuses, storeFailure) = await PreviewAsync(request, cancellationToken).ConfigureAwait(false);

        // The decision from the same steps as DecideAsync: the candidates are the messages whose
        // timing and conditions hold, and the store's answer for them is the first one it would send.
        var firstCandidate = -1;
        var chosen = -1;
        for (var i = 0; i < messages.Length; i++)
        {
            if (timings[i] == TimingVerdict.Allowed && conditions[i].Result)
            {
                firstCandidate = firstCandidate < 0 ? i : firstCandidate;
                if (chosen < 0 && !statuses.IsDefault && statuses[i] == ReservationStatus.Reserved)
                {
                    chosen = i;
                }
            }
        }

        Decision decision;
        if (firstCandidate < 0)
        {
            var timingAllowsAny = false;
            var holdOutsideTiming = false;
            for (var i = 0; i < messages.Length; i++)
            {
                timingAllowsAny |= timings[i] == TimingVerdict.Allowed;
                holdOutsideTiming |= timings[i] != TimingVerdict.Allowed && conditions[i].Result;
            }

            decision = Decision.Nothing(timingAllowsAny && !holdOutsideTiming ? DecisionOutcome.NoConditionsMet : DecisionOutcome.OutsideTiming);
        }
        else if (chosen >= 0)
        {
            decision = ShowDecision(messages[chosen], visitor);
        }
        else
        {
            decision = Decision.Nothing(statuses.IsDefault ? DecisionOutcome.StoreUnavailable : RefusalOutcome(statuses[firstCandidate]));
        }

        var explained = ImmutableArray.CreateBuilder<MessageExplanation>(messages.Length);
        for (var i = 0; i < messages.Length; i++)
        {
            var frequency = statuses.IsDefault ? FrequencyVerdict.StoreUnavailable : FrequencyVerdictOf(statuses[i], messages[i].Message.Frequency);
            explained.Add(new MessageExplanation(messages[i].Message, timings[i], conditions[i], frequency, wouldShow: i == chosen));
        }

        return new EventExplanation(decision, explained.MoveToImmutable(), now, storeFailure);
    }

    /// <summary>Reads a message's visitor counts from the metrics store.</summary>
    /// <param name="workspaceId">The workspace id.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The counts.</returns>
    public ValueTask<MessageMetrics> GetMetricsAsync(string workspaceId, string messageId, CancellationToken cancellationToken = default) =>
        _metrics.GetAsync(workspaceId, messageId, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _telemetry.Dispose();

    internal static IEnumerable<ProactiveMessage> Order(IEnumerable<ProactiveMessage> messages) =>
        messages
            .OrderByDescending(m => m.Priority)
            .ThenByDescending(m => m.PublishedAt ?? Instant.MinValue)
            .ThenBy(m => m.Id, StringComparer.Ordinal);

    /// <summary>
    /// Whether a message that its timing left out would have met its conditions: then the visitor
    /// is told "outside the timing" rather than "no conditions met". Each message's conditions are
    /// still evaluated at most once per event, as the first pass skipped these.
    /// </summary>
    private static bool ConditionsHoldOutsideTiming(ChannelPlan plan, int[] order, ref int isOpen, VisitorContext visitor)
    {
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var timing = plan.Timings[i];
            if (timing == MessageTiming.Anytime)
            {
                continue;
            }

            if (isOpen < 0)
            {
                isOpen = plan.Hours is { } hours && hours.IsOpen() ? 1 : 0;
            }

            if ((plan.Hours is null || !timing.Allows(isOpen == 1)) && plan.Conditions[i].Run(visitor))
            {
                return true;
            }
        }

        return false;
    }

    private static TimingVerdict TimingVerdictOf(MessageTiming timing, bool? isOpen)
    {
        if (timing == MessageTiming.Anytime)
        {
            return TimingVerdict.Allowed;
        }

        // Without a schedule, a timing that depends on business hours never allows sending.
        if (isOpen is not { } open)
        {
            return TimingVerdict.NoSchedule;
        }

        return timing.Allows(open) ? TimingVerdict.Allowed
            : open ? TimingVerdict.InsideBusinessHours
            : TimingVerdict.OutsideBusinessHours;
    }

    private static FrequencyVerdict FrequencyVerdictOf(ReservationStatus status, MessageFrequency frequency) => status switch
    {
        ReservationStatus.Reserved => FrequencyVerdict.WouldSend,
        ReservationStatus.FrequencyCapped => frequency switch
        {
            MessageFrequency.OncePerVisit => FrequencyVerdict.AlreadySentThisVisit,
            MessageFrequency.EveryTime => FrequencyVerdict.AlreadySentThisPageView,
            _ => FrequencyVerdict.AlreadySentOnce,
        },
        ReservationStatus.FatigueCapped => FrequencyVerdict.FatigueCapped,
        ReservationStatus.AnotherMessageShowing => FrequencyVerdict.AnotherMessageShowing,
        ReservationStatus.ConversationOpen => FrequencyVerdict.ConversationOpen,

        // A status the engine does not know is a faulty store, as when deciding.
        _ => FrequencyVerdict.StoreUnavailable,
    };

    /// <summary>The decision outcome of a refusal, as <see cref="Reserved"/> maps it.</summary>
    private static DecisionOutcome RefusalOutcome(ReservationStatus status) => status switch
    {
        ReservationStatus.FrequencyCapped => DecisionOutcome.FrequencyCapped,
        ReservationStatus.FatigueCapped => DecisionOutcome.FatigueCapped,
        ReservationStatus.AnotherMessageShowing => DecisionOutcome.AnotherMessageShowing,
        ReservationStatus.ConversationOpen => DecisionOutcome.ConversationOpen,
        _ => DecisionOutcome.StoreUnavailable,
    };

    private static Problem? Check(VisitorEvent visitorEvent)
    {
        if (!IdRule.IsValid(visitorEvent.WorkspaceId))
        {
            return new Problem(RuntimeProblemCodes.WorkspaceIdInvalid, $"An event needs a workspace id of {IdRule.Description}.", "$.workspaceId");
        }

        if (!IdRule.IsValid(visitorEvent.ChannelId))
        {
            return new Problem(RuntimeProblemCodes.ChannelIdInvalid, $"An event needs a channel id of {IdRule.Description}.", "$.channelId");
        }

        if (!IdRule.IsValidVisitorId(visitorEvent.VisitorId))
        {
            return new Problem(RuntimeProblemCodes.VisitorIdInvalid, $"An event needs a visitor id of {IdRule.VisitorIdDescription}.", "$.visitorId");
        }

        if (visitorEvent.VisitId is { } visit && !IdRule.IsValidVisitorId(visit))
        {
            return new Problem(RuntimeProblemCodes.VisitIdInvalid, $"A visit id has {IdRule.VisitorIdDescription}.", "$.visitId");
        }

        if (visitorEvent.PageViewId is { } pageView && !IdRule.IsValidVisitorId(pageView))
        {
            return new Problem(RuntimeProblemCodes.PageViewIdInvalid, $"A page view id has {IdRule.VisitorIdDescription}.", "$.pageViewId");
        }

        // A range check rather than Enum.IsDefined: the kinds are contiguous from 0.
        if ((uint)visitorEvent.Kind > (uint)VisitorEventKind.AppEvent)
        {
            return new Problem(RuntimeProblemCodes.EventKindInvalid, $"'{visitorEvent.Kind}' is not an event kind.", "$.kind");
        }

        if (visitorEvent.Visitor is null)
        {
            return new Problem(RuntimeProblemCodes.VisitorContextMissing, "An event needs a visitor context.", "$.visitor");
        }

        return null;
    }

    /// <summary>The visitor context must hold the fields the plans were compiled with (the workspace's catalog or one that extends it).</summary>
    private static Problem? CheckCatalog(VisitorContext visitor, FieldCatalog fields) =>
        visitor.Catalog.Extends(fields)
            ? null
            : new Problem(RuntimeProblemCodes.VisitorCatalogMismatch, "The visitor context was made for a field catalog that neither is nor extends the workspace's; create it from ProactiveEngine.GetFields(workspaceId).", "$.visitor");

    private static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>An insertion sort of the candidates by plan index: there are rarely more than a few.</summary>
    private static void SortByPlanIndex(int[] planIndexes, FrequencyCandidate[] candidates, int count)
    {
        for (var j = 1; j < count; j++)
        {
            var index = planIndexes[j];
            var candidate = candidates[j];
            var k = j - 1;
            for (; k >= 0 && planIndexes[k] > index; k--)
            {
                planIndexes[k + 1] = planIndexes[k];
                candidates[k + 1] = candidates[k];
            }

            planIndexes[k + 1] = index;
            candidates[k + 1] = candidate;
        }
    }

    private static void ReturnBuffers(FrequencyCandidate[] buffer, int[] planIndexes, int count)
    {
        Array.Clear(buffer, 0, count);
        ArrayPool<FrequencyCandidate>.Shared.Return(buffer);
        ArrayPool<int>.Shared.Return(planIndexes);
    }

    /// <summary>The planned message of the reserved candidate, or <see langword="null"/> when the store answered no offered candidate.</summary>
    private static PlannedMessage? FindReserved(ReservationResult result, PlannedMessage[] messages, int[] planIndexes, int count) =>
        result.Status == ReservationStatus.Reserved && (uint)result.CandidateIndex < (uint)count ? messages[planIndexes[result.CandidateIndex]] : null;

    private static Decision ShowDecision(PlannedMessage message, VisitorContext visitor)
    {
        var shown = message.Shown;
        var language = visitor.Present[BuiltInFields.Language] ? visitor.Texts[BuiltInFields.Language].Span : [];
        return Decision.Show(shown, shown.Text.Resolve(language), shown.FollowUp?.Resolve(language));
    }

    private async ValueTask<Decision> DecideSlowAsync(ValueTask<ReservationResult> pending, FrequencyCandidate[] buffer, int[] planIndexes, int count, PlannedMessage[] messages, VisitorEvent visitorEvent, Instant now, long start, CancellationToken cancellationToken)
    {
        ReservationResult result;
        try
        {
            result = await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            // A store that timed out may still read the candidates: the buffer is left to the collector.
            StoreFailed("frequency", exception is TimeoutException, exception);
            return Finish(Decision.Nothing(DecisionOutcome.StoreUnavailable), start);
        }

        var chosen = FindReserved(result, messages, planIndexes, count);
        ReturnBuffers(buffer, planIndexes, count);
        return await Reserved(result, chosen, visitorEvent, now, start, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<Decision> Reserved(ReservationResult result, PlannedMessage? chosen, VisitorEvent visitorEvent, Instant now, long start, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case ReservationStatus.Reserved:
                break;
            case ReservationStatus.FrequencyCapped:
                return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.FrequencyCapped), start));
            case ReservationStatus.FatigueCapped:
                return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.FatigueCapped), start));
            case ReservationStatus.AnotherMessageShowing:
                return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.AnotherMessageShowing), start));
            case ReservationStatus.ConversationOpen:
                return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.ConversationOpen), start));
            default:
                StoreFailed("frequency", timeout: false, new InvalidOperationException($"The frequency store answered an unknown status {result.Status}."));
                return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.StoreUnavailable), start));
        }

        // The store answers with an index into the candidates; FindReserved mapped it to the plan.
        if (chosen is null)
        {
            StoreFailed("frequency", timeout: false, new InvalidOperationException("The frequency store reserved a candidate that was not offered."));
            return new ValueTask<Decision>(Finish(Decision.Nothing(DecisionOutcome.StoreUnavailable), start));
        }

        var decision = ShowDecision(chosen, visitorEvent.Visitor);

        // Sent is counted at every send, not only the first to this visitor: the count is once per
        // visitor anyway, and a second send racing the first must not return before the visitor
        // counts as sent, or an open reported right after it would not count.
        var counting = CountAsync(visitorEvent.WorkspaceId, chosen.Candidate.MessageId, visitorEvent.VisitorId, MessageMetric.Sent, now, cancellationToken);
        if (counting.IsCompleted)
        {
            // The message is shown even when the count failed: the send is already recorded.
            _ = counting.Result;
            return new ValueTask<Decision>(Finish(decision, start));
        }

        return FinishAfterCount(counting, decision, start);
    }

    private async ValueTask<Decision> FinishAfterCount(ValueTask<bool> counting, Decision decision, long start)
    {
        await counting.ConfigureAwait(false);
        return Finish(decision, start);
    }

    private async ValueTask<bool> CountAsync(string workspaceId, string messageId, string visitorId, MessageMetric metric, Instant now, CancellationToken cancellationToken)
    {
        try
        {
            var pending = _metrics.RecordAsync(workspaceId, messageId, visitorId, metric, now, cancellationToken);
            var counted = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
            if (counted)
            {
                _telemetry.Counted(metric);
            }

            return true;
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            StoreFailed("metrics", exception is TimeoutException, exception);
            return false;
        }
    }

    private async Task<T> WithDeadline<T>(ValueTask<T> pending, CancellationToken cancellationToken) =>
        await pending.AsTask().WaitAsync(_storeTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);

    private async Task WithDeadline(ValueTask pending, CancellationToken cancellationToken)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return;
        }

        await pending.AsTask().WaitAsync(_storeTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The plan of the event's channel, or <see langword="null"/> when the workspace was never loaded or has no such channel.</summary>
    private ChannelPlan? FindPlan(in VisitorEvent visitorEvent, out FieldCatalog fields)
    {
        if (_plans.TryGetValue(visitorEvent.WorkspaceId, out var workspace) && workspace.Channels.TryGetValue(visitorEvent.ChannelId, out var plan))
        {
            fields = workspace.Compiler.Catalog;
            return plan;
        }

        fields = Fields;
        return null;
    }

    /// <summary>
    /// The store's read-only answer for every offered message, or a default array and why when the
    /// store failed, passed the deadline or answered the wrong number of statuses. Explaining is not
    /// deciding: nothing is counted or logged for the failure.
    /// </summary>
    private async ValueTask<(ImmutableArray<ReservationStatus> Statuses, string? Failure)> PreviewAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        ImmutableArray<ReservationStatus> statuses;
        try
        {
            var pending = _frequency.PreviewAsync(request, cancellationToken);
            statuses = pending.IsCompletedSuccessfully ? pending.Result : await WithDeadline(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, string.Create(CultureInfo.InvariantCulture, $"no answer within the store deadline of {_storeTimeout.TotalMilliseconds} ms"));
        }
        catch (Exception exception) when (!IsCallerCancellation(exception, cancellationToken))
        {
            return (default, $"{exception.GetType().Name}: {exception.Message}");
        }

        return statuses.IsDefault || statuses.Length != request.Candidates.Length
            ? (default, $"the store answered {(statuses.IsDefault ? 0 : statuses.Length)} statuses for {request.Candidates.Length} messages")
            : (statuses, null);
    }

    private Decision Finish(Decision decision, long start)
    {
        _telemetry.Decided(decision.Outcome, start);
        return decision;
    }

    private void StoreFailed(string store, bool timeout, Exception exception)
    {
        _telemetry.StoreError(store, timeout);

        // At most one log line a second; the others are counted and reported with the next line.
        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastStoreLogTimestamp);
        if (last != 0 && _timeProvider.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
        {
            Interlocked.Increment(ref _suppressedStoreLogs);
            return;
        }

        if (Interlocked.CompareExchange(ref _lastStoreLogTimestamp, now, last) != last)
        {
            Interlocked.Increment(ref _suppressedStoreLogs);
            return;
        }

        Log.StoreFailed(_logger, store, timeout ? "timeout" : exception.GetType().Name, Interlocked.Exchange(ref _suppressedStoreLogs, 0), timeout ? null : exception);
    }

    /// <summary>
    /// The compiler of a Live set's fields: the engine's own, or one per declared field catalogue,
    /// kept across sets while the catalogue is the same instance (so visitor contexts stay valid).
    /// </summary>
    private ConditionCompiler CompilerFor(LiveMessageSet liveSet, ImmutableArray<Problem>.Builder problems)
    {
        if (liveSet.Fields is not { } fields || ReferenceEquals(fields, Fields))
        {
            return _compiler;
        }

        if (_plans.TryGetValue(liveSet.WorkspaceId, out var current) && ReferenceEquals(current.Compiler.Catalog, fields))
        {
            return current.Compiler;
        }

        if (!fields.Extends(Fields))
        {
            // Declared over another host catalogue than the engine's: the engine's fields are all it can offer.
            Log.MessageLeftOut(_logger, "*", liveSet.WorkspaceId, "the Live set's fields do not extend the engine's");
            problems.Add(new Problem(RuntimeProblemCodes.MessageNotPlanned, "The Live set's fields were declared over another field catalogue than the engine's; its messages are compiled against the engine's fields.", "$.fields"));
            return _compiler;
        }

        return new ConditionCompiler(_validation, fields);
    }

    private PlannedMessage? Plan(ConditionCompiler compiler, ProactiveMessage message, ChannelInfo channel, string workspaceId)
    {
        if (message.Rules.Conditions is null)
        {
            return null;
        }

        var compiled = compiler.Compile(message.Rules.Conditions);
        if (!compiled.TryGetValue(out var conditions))
        {
            foreach (var problem in compiled.Problems)
            {
                Log.MessageLeftOut(_logger, message.Id, workspaceId, problem.ToString());
            }

            return null;
        }

        var presentation = channel.Kind == ChannelKind.MobileSdk ? PresentationKind.LocalNotification : PresentationKind.LauncherBubble;
        var shown = message.Reply is BotReply
            ? new ShownMessage(message, presentation, SenderKind.Bot, senderName: null, botId: channel.BotId)
            : new ShownMessage(message, presentation, SenderKind.DefaultSender, channel.DefaultSenderName, botId: null);
        return new PlannedMessage(message, conditions, shown);
    }

    private Problem LeftOut(ProactiveMessage message, string workspaceId, string why)
    {
        Log.MessageLeftOut(_logger, message.Id, workspaceId, why);
        return new Problem(RuntimeProblemCodes.MessageNotPlanned, $"The Live message '{message.Id}' is not evaluated: {why}.", string.Create(CultureInfo.InvariantCulture, $"$.messages['{message.Id}']"));
    }

    private long SumPatternTimeouts()
    {
        long total = 0;
        foreach (var workspace in _plans.Values)
        {
            foreach (var channel in workspace.Channels.Values)
            {
                foreach (var message in channel.Messages)
                {
                    total += message.Conditions.PatternTimeouts;
                }
            }
        }

        return total;
    }

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
