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
    private readonly ConcurrentDictionary<string, WorkspacePlans> _plans = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Gets the engine's own field catalogue.</summary>
    public FieldCatalog Fields => compiler.Catalog;

    /// <summary>Gets the plans of every loaded workspace, for reads that do not decide (the pattern time-out gauge).</summary>
    public ICollection<WorkspacePlans> All => _plans.Values;

    /// <summary>The field catalogue of a workspace's plans; the engine's for a workspace never loaded.</summary>
    public FieldCatalog FieldsOf(string workspaceId) => _plans.TryGetValue(workspaceId, out var workspace) ? workspace.Compiler.Catalog : Fields;

    /// <summary>The plan of the event's channel and the fields it was compiled with, or <see langword="null"/> when the workspace was never loaded or has no such channel.</summary>
    public ChannelPlan? Find(in VisitorEvent visitorEvent, out FieldCatalog fields)
    {
        if (_plans.TryGetValue(visitorEvent.WorkspaceId, out var workspace) && workspace.Channels.TryGetValue(visitorEvent.ChannelId, out var plan))
        {
            fields = workspace.Compiler.Catalog;
            return plan;
        }

        fields = Fields;
        return null;
    }

    /// <summary>Why <see cref="Find"/> found no plan: the workspace is loaded but the channel is unknown, or the workspace is not loaded.</summary>
    public DecisionOutcome NotFound(string workspaceId) =>
        _plans.ContainsKey(workspaceId) ? DecisionOutcome.UnknownChannel : DecisionOutcome.WorkspaceNotLoaded;

    /// <summary>Builds the plans of a Live set and swaps them in unless newer plans are already in place.</summary>
    /// <returns>The problems of the Live messages left out of the plans.</returns>
    public ImmutableArray<Problem> Apply(LiveMessageSet liveSet, WorkspaceSnapshot snapshot)
    {
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var plans = Build(liveSet, snapshot, problems, out var messageCount);
        lock (_gate)
        {
            if (_plans.TryGetValue(liveSet.WorkspaceId, out var current) && current.Version > liveSet.Version)
            {
                Log.StaleLiveSet(logger, liveSet.Version, liveSet.WorkspaceId, current.Version);
                return problems.ToImmutable();
            }

            _plans[liveSet.WorkspaceId] = plans;
        }

        Log.PlansUpdated(logger, liveSet.WorkspaceId, liveSet.Version, messageCount, plans.Channels.Count);
        return problems.ToImmutable();
    }

    private WorkspacePlans Build(LiveMessageSet liveSet, WorkspaceSnapshot snapshot, ImmutableArray<Problem>.Builder problems, out int messageCount)
    {
        var channels = new Dictionary<string, ChannelPlan>(StringComparer.Ordinal);
        messageCount = 0;
        var workspaceCompiler = CompilerFor(liveSet, problems);
        foreach (var channel in snapshot.Channels)
        {
            var messages = liveSet.Channels.TryGetValue(channel.Id, out var live) ? live : [];
            var schedule = snapshot.ScheduleFor(channel);
            var planned = new List<PlannedMessage>(messages.Length);
            foreach (var message in messages)
            {
                if (Plan(workspaceCompiler, message, channel, schedule, liveSet.WorkspaceId) is { } plannedMessage)
                {
                    planned.Add(plannedMessage);
                }
                else
                {
                    problems.Add(LeftOut(message, liveSet.WorkspaceId, "its conditions do not compile against the engine's fields"));
                }
            }

            messageCount += planned.Count;
            channels[channel.Id] = new ChannelPlan(channel.Id, [.. planned], schedule is null ? null : new CachedBusinessHours(schedule));
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

        return new WorkspacePlans(liveSet.WorkspaceId, liveSet.Version, channels, workspaceCompiler);
    }

    /// <summary>
    /// The compiler of a Live set's fields: the engine's own, or one per declared field catalogue,
    /// kept across sets while the catalogue is the same instance (so visitor contexts stay valid).
    /// </summary>
    private ConditionCompiler CompilerFor(LiveMessageSet liveSet, ImmutableArray<Problem>.Builder problems)
    {
        if (liveSet.Fields is not { } fields || ReferenceEquals(fields, Fields))
        {
            return compiler;
        }

        if (_plans.TryGetValue(liveSet.WorkspaceId, out var current) && ReferenceEquals(current.Compiler.Catalog, fields))
        {
            return current.Compiler;
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

        var compiled = workspaceCompiler.Compile(message.Rules.Conditions);
        if (!compiled.TryGetValue(out var conditions))
        {
            foreach (var problem in compiled.Problems)
            {
                Log.MessageLeftOut(logger, message.Id, workspaceId, problem.ToString());
            }

            return null;
        }

        var presentation = channel.Kind == ChannelKind.MobileSdk ? PresentationKind.LocalNotification : PresentationKind.LauncherBubble;
        var shown = message.Reply is BotReply
            ? new ShownMessage(message, presentation, SenderKind.Bot, senderName: null, botId: channel.BotId)
            : new ShownMessage(message, presentation, SenderKind.DefaultSender, channel.DefaultSenderName, botId: null);

        // Resolved once here, so that the window opening or closing is a comparison with each
        // event's clock reading, not a rebuild. Without the schedule its dates are read in (the
        // snapshot changed since publishing), the window stays closed until reconciliation.
        var window = message.Window is { } campaign ? campaign.Resolve(schedule?.Zone) : ResolvedWindow.Always;
        return new PlannedMessage(message, conditions, shown, window);
    }

    private Problem LeftOut(ProactiveMessage message, string workspaceId, string why)
    {
        Log.MessageLeftOut(logger, message.Id, workspaceId, why);
        return new Problem(RuntimeProblemCodes.MessageNotPlanned, $"The Live message '{message.Id}' is not evaluated: {why}.", string.Create(CultureInfo.InvariantCulture, $"$.messages['{message.Id}']"));
    }
}
