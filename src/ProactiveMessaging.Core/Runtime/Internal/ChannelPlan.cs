using ProactiveMessaging.Conditions;
using ProactiveMessaging.Conditions.Internal;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Model.Internal;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// The compiled Live messages of one channel, in the Live set's choice order (see
/// <see cref="Lifecycle.LiveMessageSet"/>): plan order is priority order. Immutable once built.
/// </summary>
internal sealed class ChannelPlan
{
    private readonly WindowUnion[] _windowsByTiming;

    public ChannelPlan(string channelId, PlannedMessage[] messages, CachedBusinessHours? hours, bool indexed = true, int maxListLength = CandidateIndex.MaxListLength)
    {
        ChannelId = channelId;
        Messages = messages;
        Hours = hours;

        // The hot loop reads only the conditions and the timing of each message: keeping them in
        // two flat arrays saves a dereference (and a cache line) per message.
        Conditions = new CompiledConditions[messages.Length];
        Timings = new MessageTiming[messages.Length];
        Windows = new ResolvedWindow[messages.Length];
        PlannedExperiment?[]? experiments = null;
        for (var i = 0; i < messages.Length; i++)
        {
            if (messages[i].Experiment is { DecidesCandidates: true } experiment)
            {
                experiments ??= new PlannedExperiment?[messages.Length];
                experiments[i] = experiment;
            }

            Conditions[i] = messages[i].Conditions;
            Timings[i] = messages[i].Timing;
            Windows[i] = messages[i].Window;
            HasWindows |= messages[i].Message.Window is not null;
            HasAnytime |= messages[i].Timing == MessageTiming.Anytime;
            HasBusinessHours |= messages[i].Timing == MessageTiming.BusinessHours;
            HasOutsideBusinessHours |= messages[i].Timing == MessageTiming.OutsideBusinessHours;
        }

        Experiments = experiments;
        Index = indexed ? CandidateIndex.Build(messages, maxListLength) : CandidateIndex.Scan(messages);

        // Per timing, the union of its messages' windows: "is any window open?" without a walk over the messages.
        _windowsByTiming = HasWindows
            ? [.. Enum.GetValues<MessageTiming>().Select(timing => WindowUnion.Of(Enumerable.Range(0, messages.Length).Where(i => Timings[i] == timing).Select(i => Windows[i])))]
            : [];
    }


    /// <summary>
    /// Orders plan indexes for evaluation: messages of the same condition shape together (then in
    /// plan order), so that consecutive evaluations take the same branches. The engine evaluates
    /// every listed message for an event whatever the order, and puts its candidates back in plan
    /// order before the store picks one, so the order changes only the speed.
    /// </summary>
    public static int[] EvaluationOrder(PlannedMessage[] messages, IEnumerable<int> planIndexes) =>
        [.. planIndexes.OrderBy(i => messages[i].Conditions.Shape).ThenBy(i => i)];

    public string ChannelId { get; }

    public PlannedMessage[] Messages { get; }

    /// <summary>The messages' compiled conditions, in plan order.</summary>
    public CompiledConditions[] Conditions { get; }

    /// <summary>The messages' timings, in plan order.</summary>
    public MessageTiming[] Timings { get; }

    /// <summary>The messages' campaign windows as instants, in plan order (<see cref="ResolvedWindow.Always"/> for a message without one).</summary>
    public ResolvedWindow[] Windows { get; }

    /// <summary>
    /// The experiments whose assignment decides before the send (a rollout or a holdout), in plan
    /// order, or <see langword="null"/> when no message has one: the hot loop then never looks.
    /// </summary>
    public PlannedExperiment?[]? Experiments { get; }

    /// <summary>Whether any message has a campaign window; without one, the windows are not looked at.</summary>
    public bool HasWindows { get; }

    /// <summary>The index that selects the messages whose conditions could hold for the visitor (<see cref="CandidateIndex.Scan"/>: all of them).</summary>
    public CandidateIndex Index { get; }

    public bool HasAnytime { get; }

    public bool HasBusinessHours { get; }

    public bool HasOutsideBusinessHours { get; }

    /// <summary>Whether the timing of at least one message allows sending for the event, whatever the conditions.</summary>
    public bool TimingAllowsAny(ref EventTiming timing) =>
        HasAnytime
        || (HasBusinessHours && timing.Allows(MessageTiming.BusinessHours))
        || (HasOutsideBusinessHours && timing.Allows(MessageTiming.OutsideBusinessHours));

    /// <summary>Whether at least one message's timing and campaign window both allow sending for the event, whatever the conditions.</summary>
    public bool TimingAndWindowAllowAny(ref EventTiming timing)
    {
        if (!HasWindows)
        {
            return TimingAllowsAny(ref timing);
        }

        var now = timing.Now;
        for (var t = 0; t < _windowsByTiming.Length; t++)
        {
            if (timing.Allows((MessageTiming)t) && _windowsByTiming[t].Contains(now))
            {
                return true;
            }
        }

        return false;
    }

    public CachedBusinessHours? Hours { get; }
}

/// <summary>One Live message ready for the hot path.</summary>
internal sealed class PlannedMessage
{
    public PlannedMessage(ProactiveMessage message, CompiledConditions conditions, ShownMessage shown, ResolvedWindow window, PlannedExperiment? experiment = null)
    {
        Experiment = experiment;
        Message = message;
        Window = window;
        Conditions = conditions;
        Shown = shown;
        Timing = message.Timing;
        Candidate = new FrequencyCandidate(message.Id, message.Frequency);
    }

    public ProactiveMessage Message { get; }

    public CompiledConditions Conditions { get; }

    public ShownMessage Shown { get; }

    public MessageTiming Timing { get; }

    /// <summary>The campaign window as instants, resolved in the zone of the channel's schedule when the plan was built.</summary>
    public ResolvedWindow Window { get; }

    public FrequencyCandidate Candidate { get; }

    /// <summary>The message's experiment, or <see langword="null"/> for none.</summary>
    public PlannedExperiment? Experiment { get; }

    /// <summary>What a visitor is shown: the visitor's variant, or <see cref="Shown"/> for a message without variants.</summary>
    public ShownMessage ShownTo(string visitorId) =>
        Experiment is { HasVariants: true } experiment ? experiment.ShownTo(experiment.PositionsOf(visitorId), Shown) : Shown;

    /// <summary>The decision that shows a message (<see cref="Shown"/> or a variant's) to a visitor, in the visitor's language when the message has it.</summary>
    public static Decision ShowTo(VisitorContext visitor, ShownMessage shown)
    {
        var language = visitor.Present[BuiltInFields.Language] ? visitor.Texts[BuiltInFields.Language].Span : [];
        return Decision.Show(shown, shown.Text.Resolve(language), shown.FollowUp?.Resolve(language));
    }
}

/// <summary>The plans of one workspace, from one Live set version.</summary>
internal sealed class WorkspacePlans
{
    public WorkspacePlans(string workspaceId, long version, Dictionary<string, ChannelPlan> channels, ConditionCompiler compiler, WorkspaceGoal[]? goals = null, Dictionary<string, PlannedExperiment>? experiments = null)
    {
        Goals = goals ?? [];
        Experiments = experiments is null || experiments.Count == 0 ? null : System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(experiments, StringComparer.Ordinal);
        WorkspaceId = workspaceId;
        Compiler = compiler;
        Version = version;
        Channels = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(channels, StringComparer.Ordinal);
    }

    public string WorkspaceId { get; }

    public long Version { get; }

    /// <summary>Gets the compiler of the workspace's fields (the engine's, or its declared ones).</summary>
    public ConditionCompiler Compiler { get; }

    public System.Collections.Frozen.FrozenDictionary<string, ChannelPlan> Channels { get; }

    /// <summary>Gets the conversion goals of the workspace's Live messages (empty for none): every event is checked against them.</summary>
    public WorkspaceGoal[] Goals { get; }

    /// <summary>Gets the experiments with arms of the workspace's Live messages by message id, or <see langword="null"/> for none.</summary>
    public System.Collections.Frozen.FrozenDictionary<string, PlannedExperiment>? Experiments { get; }
}
