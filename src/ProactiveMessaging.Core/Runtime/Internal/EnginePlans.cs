using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Diagnostics.Internal;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Model.Internal;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The engine's plans: builds a workspace's per-channel plans from a Live set and a snapshot, swaps
/// them in with one reference write, and finds the plan of an event's channel.
/// </summary>
/// <remarks>
/// Thread-safe: lookups are lock-free reads of immutable plans; swaps are serialised so that an
/// older set never replaces a newer one. Plans keep the Live set's choice order (see
/// <see cref="LiveMessageSet"/>), the one definition of the priority order.
/// </remarks>
internal sealed class EnginePlans(ConditionCompiler compiler, MessageValidationOptions validation, ILogger logger)
{
    private readonly ConcurrentDictionary<string, WorkspaceEntry> _workspaces = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    // Every channel without a planned message shares this plan: nothing reads the id or the hours
    // of a plan with no message, and most channels of most workspaces run none, so an engine of many
    // workspaces would otherwise keep a plan and its arrays sized for nothing per channel.
    private readonly ChannelPlan _noMessages = new(string.Empty, [], null);
    private long _compilations;

    /// <summary>Gets the engine's own field catalogue.</summary>
    public FieldCatalog Fields => compiler.Catalog;

    /// <summary>Gets how many messages' conditions were compiled since the engine started (a message whose plan was reused is not counted).</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    /// <summary>Gets the plans of every loaded workspace, for reads that do not decide (the pattern time-out gauge).</summary>
    public IEnumerable<WorkspacePlans> All
    {
        get
        {
            // The dictionary's own enumerator: no lock and no snapshot copy of every workspace.
            foreach (var pair in _workspaces)
            {
                yield return pair.Value.Plans;
            }
        }
    }

    /// <summary>The field catalogue of a workspace's plans; the engine's for a workspace never loaded.</summary>
    public FieldCatalog FieldsOf(string workspaceId) => _workspaces.TryGetValue(workspaceId, out var workspace) ? workspace.Fields : Fields;

    /// <summary>
    /// The plan of the event's channel and the fields it was compiled with, or <see langword="null"/>
    /// when the workspace was never loaded or has no such channel (or an id is missing).
    /// </summary>
    /// <remarks>
    /// Every workspace and channel id a plan is kept under follows the <see cref="IdRule"/> (the
    /// catalog and <see cref="Lifecycle.ChannelInfo"/> refuse any other), so a plan found proves
    /// the event's two ids valid without checking them.
    /// </remarks>
    public ChannelPlan? Find(in VisitorEvent visitorEvent, out FieldCatalog fields, out WorkspaceGoal[] goals)
    {
        if (visitorEvent.WorkspaceId is { } workspaceId && visitorEvent.ChannelId is { } channelId
            && _workspaces.TryGetValue(workspaceId, out var workspace) && workspace.Channel(channelId) is { } plan)
        {
            fields = workspace.Fields;
            goals = workspace.Plans.Goals;
            return plan;
        }

        fields = Fields;
        goals = [];
        return null;
    }

    /// <summary>The experiment with arms of a Live message, or <see langword="null"/> when the message is not Live or has no arms.</summary>
    public PlannedExperiment? ExperimentOf(string workspaceId, string messageId) =>
        _workspaces.TryGetValue(workspaceId, out var workspace) && workspace.Plans.Experiments is { } experiments
            ? experiments.GetValueOrDefault(messageId)
            : null;

    /// <summary>Why <see cref="Find"/> found no plan: the workspace is loaded but the channel is unknown, or the workspace is not loaded.</summary>
    public DecisionOutcome NotFound(string workspaceId) =>
        _workspaces.ContainsKey(workspaceId) ? DecisionOutcome.UnknownChannel : DecisionOutcome.WorkspaceNotLoaded;

    /// <summary>Builds the plans of a Live set and swaps them in unless newer plans are already in place.</summary>
    /// <returns>The problems of the Live messages left out of the plans.</returns>
    public ImmutableArray<Problem> Apply(LiveMessageSet liveSet, WorkspaceSnapshot snapshot)
    {
        // Find relies on it: every key of the plans is a valid id.
        IdRule.ThrowIfInvalid(liveSet.WorkspaceId);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        _workspaces.TryGetValue(liveSet.WorkspaceId, out var current);
        var plans = Build(liveSet, snapshot, current, problems, out var messageCount);
        lock (_gate)
        {
            if (_workspaces.TryGetValue(liveSet.WorkspaceId, out current) && current.Plans.Version > liveSet.Version)
            {
                Log.StaleLiveSet(logger, liveSet.Version, liveSet.WorkspaceId, current.Plans.Version);
                return problems.ToImmutable();
            }

            _workspaces[liveSet.WorkspaceId] = new WorkspaceEntry(plans);
        }

        Log.PlansUpdated(logger, liveSet.WorkspaceId, liveSet.Version, messageCount, plans.Channels.Count);
        return problems.ToImmutable();
    }

    /// <summary>
    /// Builds a workspace's plans. What the current plans already compiled is reused (see
    /// <see cref="Reuse"/>), so that applying a set that changed one message compiles one message.
    /// </summary>
    private WorkspacePlans Build(LiveMessageSet liveSet, WorkspaceSnapshot snapshot, WorkspaceEntry? current, ImmutableArray<Problem>.Builder problems, out int messageCount)
    {
        var channels = new Dictionary<string, ChannelPlan>(snapshot.Channels.Length, StringComparer.Ordinal);
        messageCount = 0;
        var workspaceCompiler = CompilerFor(liveSet, current, problems);

        // Compiled conditions belong to one compiler (one field catalogue instance): with another,
        // nothing is reused.
        var previous = current is not null && ReferenceEquals(current.Plans.Compiler, workspaceCompiler) ? PlannedById(current.Plans) : null;
        var hours = new Dictionary<BusinessHoursSchedule, CachedBusinessHours>(ReferenceEqualityComparer.Instance);
        foreach (var channel in snapshot.Channels)
        {
            var messages = liveSet.Channels.TryGetValue(channel.Id, out var live) ? live : [];
            var schedule = snapshot.ScheduleFor(channel);
            var planned = new PlannedMessage[messages.Length];
            var count = 0;
            foreach (var message in messages)
            {
                if ((Reuse(previous, message, channel, schedule, liveSet.WorkspaceId) ?? Plan(workspaceCompiler, message, channel, schedule, liveSet.WorkspaceId)) is { } plannedMessage)
                {
                    planned[count++] = plannedMessage;
                }
                else
                {
                    problems.Add(LeftOut(message, liveSet.WorkspaceId, "its conditions do not compile against the engine's fields"));
                }
            }

            messageCount += count;
            channels[channel.Id] = count == 0 ? _noMessages
                : new ChannelPlan(channel.Id, count == planned.Length ? planned : planned[..count], schedule is null ? null : HoursFor(schedule, hours, current));
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

        var (goals, experiments) = ExperimentsOf(channels.Values, workspaceCompiler, liveSet.WorkspaceId);
        return new WorkspacePlans(liveSet.WorkspaceId, liveSet.Version, channels, workspaceCompiler, goals, experiments);
    }

    /// <summary>
    /// The workspace's conversion goals (a page condition compiled with the workspace's fields) and
    /// its experiments with arms by message id, from the planned messages.
    /// </summary>
    private (WorkspaceGoal[] Goals, Dictionary<string, PlannedExperiment>? Experiments) ExperimentsOf(IEnumerable<ChannelPlan> channels, ConditionCompiler workspaceCompiler, string workspaceId)
    {
        List<WorkspaceGoal>? goals = null;
        Dictionary<string, PlannedExperiment>? experiments = null;
        foreach (var planned in channels.Distinct().SelectMany(channel => channel.Messages))
        {
            if (planned.Experiment is not { HasArms: true } experiment)
            {
                continue;
            }

            (experiments ??= new(StringComparer.Ordinal))[planned.Message.Id] = experiment;
            if (experiment.Experiment.Goal is not { } goal)
            {
                continue;
            }

            CompiledConditions? page = null;
            if (goal.Page is { } condition && !workspaceCompiler.Compile(ConditionGroup.All(condition)).TryGetValue(out page))
            {
                Log.MessageLeftOut(logger, planned.Message.Id, workspaceId, "its goal's page condition does not compile against the engine's fields; no conversion is counted");
                continue;
            }

            if (goal.EventName is null && page is null)
            {
                continue;
            }

            (goals ??= []).Add(new WorkspaceGoal(planned.Message.Id, goal.EventName, page, goal.Window));
        }

        return (goals?.ToArray() ?? [], experiments);
    }

    /// <summary>Every planned message of a workspace by message id (an id is Live on one channel at a time).</summary>
    private static Dictionary<string, PlannedMessage> PlannedById(WorkspacePlans plans)
    {
        var byId = new Dictionary<string, PlannedMessage>(StringComparer.Ordinal);
        foreach (var channel in plans.Channels.Values)
        {
            foreach (var planned in channel.Messages)
            {
                byId[planned.Message.Id] = planned;
            }
        }

        return byId;
    }

    /// <summary>
    /// The cached business hours of a schedule: one per schedule instance in the workspace, and the
    /// current plans' own while the snapshot keeps the same schedule instance, so that its cached
    /// open state survives the apply.
    /// </summary>
    private static CachedBusinessHours HoursFor(BusinessHoursSchedule schedule, Dictionary<BusinessHoursSchedule, CachedBusinessHours> hours, WorkspaceEntry? current)
    {
        if (hours.TryGetValue(schedule, out var cached))
        {
            return cached;
        }

        if (current is not null)
        {
            foreach (var channel in current.Plans.Channels.Values)
            {
                if (channel.Hours is { } existing && ReferenceEquals(existing.Schedule, schedule))
                {
                    cached = existing;
                    break;
                }
            }
        }

        cached ??= new CachedBusinessHours(schedule);
        hours.Add(schedule, cached);
        return cached;
    }

    /// <summary>
    /// The current plan of a message, when the message has the id and version it was compiled at
    /// and the same conditions: the planned message itself when nothing it was built from changed
    /// (the same message instance, channel kind, sender, bot and schedule zone), otherwise a new one
    /// around the same compiled conditions. <see langword="null"/> when it must be compiled.
    /// </summary>
    private static PlannedMessage? Reuse(Dictionary<string, PlannedMessage>? previous, ProactiveMessage message, ChannelInfo channel, BusinessHoursSchedule? schedule, string workspaceId)
    {
        if (previous is null || !previous.TryGetValue(message.Id, out var planned))
        {
            return null;
        }

        var before = planned.Message;
        if (before.Version != message.Version || !Equals(before.Rules.Conditions, message.Rules.Conditions))
        {
            return null;
        }

        var window = WindowOf(message, schedule);
        var (presentation, sender, senderName, botId) = SenderOf(message, channel);
        var shown = planned.Shown;
        return ReferenceEquals(before, message) && SameWindow(planned.Window, window)
            && shown.Presentation == presentation && shown.SenderKind == sender
            && string.Equals(shown.SenderName, senderName, StringComparison.Ordinal) && string.Equals(shown.BotId, botId, StringComparison.Ordinal)
            ? planned
            : Planned(message, planned.Conditions, presentation, sender, senderName, botId, window, workspaceId);
    }

    /// <summary>
    /// The compiler of a Live set's fields: the engine's own, or one per declared field catalogue,
    /// kept across sets while the catalogue is the same instance (so visitor contexts stay valid).
    /// </summary>
    private ConditionCompiler CompilerFor(LiveMessageSet liveSet, WorkspaceEntry? current, ImmutableArray<Problem>.Builder problems)
    {
        if (liveSet.Fields is not { } fields || ReferenceEquals(fields, Fields))
        {
            return compiler;
        }

        if (current is not null && ReferenceEquals(current.Fields, fields))
        {
            return current.Plans.Compiler;
        }

        if (!fields.Extends(Fields))
        {
            // Declared over another host catalogue than the engine's: the engine's fields are all it can offer.
            Log.MessageLeftOut(logger, "*", liveSet.WorkspaceId, "the Live set's fields do not extend the engine's");
            problems.Add(new Problem(RuntimeProblemCodes.MessageNotPlanned, "The Live set's fields were declared over another field catalogue than the engine's; its messages are compiled against the engine's fields.", "$.fields"));
            return compiler;
        }

        return new ConditionCompiler(validation, fields);
    }

    private PlannedMessage? Plan(ConditionCompiler workspaceCompiler, ProactiveMessage message, ChannelInfo channel, BusinessHoursSchedule? schedule, string workspaceId)
    {
        if (message.Rules.Conditions is null)
        {
            return null;
        }

        Interlocked.Increment(ref _compilations);
        var compiled = workspaceCompiler.Compile(message.Rules.Conditions);
        if (!compiled.TryGetValue(out var conditions))
        {
            foreach (var problem in compiled.Problems)
            {
                Log.MessageLeftOut(logger, message.Id, workspaceId, problem.ToString());
            }

            return null;
        }

        var (presentation, sender, senderName, botId) = SenderOf(message, channel);
        return Planned(message, conditions, presentation, sender, senderName, botId, WindowOf(message, schedule), workspaceId);
    }

    /// <summary>A planned message with what it shows: its own text, or one shown message per variant of its experiment.</summary>
    private static PlannedMessage Planned(ProactiveMessage message, CompiledConditions conditions, PresentationKind presentation, SenderKind sender, string? senderName, string? botId, ResolvedWindow window, string workspaceId)
    {
        var shown = new ShownMessage(message, presentation, sender, senderName, botId);
        var experiment = message.Experiment is { } defined
            ? new PlannedExperiment(workspaceId, defined, shown, variant => new ShownMessage(message, presentation, sender, senderName, botId, variant))
            : null;
        return new PlannedMessage(message, conditions, shown, window, experiment);
    }

    /// <summary>How a message is shown on a channel: by whom, and as what.</summary>
    private static (PresentationKind Presentation, SenderKind Sender, string? SenderName, string? BotId) SenderOf(ProactiveMessage message, ChannelInfo channel)
    {
        var presentation = channel.Kind == ChannelKind.MobileSdk ? PresentationKind.LocalNotification : PresentationKind.LauncherBubble;
        return message.Reply is BotReply
            ? (presentation, SenderKind.Bot, null, channel.BotId)
            : (presentation, SenderKind.DefaultSender, channel.DefaultSenderName, null);
    }

    /// <summary>
    /// The campaign window as instants. Resolved once with the plan, so that the window opening or
    /// closing is a comparison with each event's clock reading, not a rebuild. Without the schedule
    /// its dates are read in (the snapshot changed since publishing), the window stays closed until
    /// reconciliation.
    /// </summary>
    private static ResolvedWindow WindowOf(ProactiveMessage message, BusinessHoursSchedule? schedule) =>
        message.Window is { } campaign ? campaign.Resolve(schedule?.Zone) : ResolvedWindow.Always;

    private static bool SameWindow(ResolvedWindow x, ResolvedWindow y) => x.Start == y.Start && x.End == y.End && x.IsResolved == y.IsResolved;

    private Problem LeftOut(ProactiveMessage message, string workspaceId, string why)
    {
        Log.MessageLeftOut(logger, message.Id, workspaceId, why);
        return new Problem(RuntimeProblemCodes.MessageNotPlanned, $"The Live message '{message.Id}' is not evaluated: {why}.", string.Create(CultureInfo.InvariantCulture, $"$.messages['{message.Id}']"));
    }
}
