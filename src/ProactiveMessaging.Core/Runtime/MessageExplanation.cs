using System.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Runtime;

/// <summary>
/// Why one Live message of a channel would or would not be shown for an event: its timing, its
/// conditions condition by condition, and what the frequency store would answer. Part of an
/// <see cref="EventExplanation"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MessageExplanation
{
    internal MessageExplanation(ProactiveMessage message, TimingVerdict timingVerdict, CampaignWindowVerdict windowVerdict, ConditionExplanation conditions, FrequencyVerdict frequencyVerdict, bool wouldShow, ExperimentExplanation? experiment = null)
    {
        Experiment = experiment;
        Window = message.Window;
        WindowVerdict = windowVerdict;
        MessageId = message.Id;
        MessageName = message.Name;
        Priority = message.Priority;
        Timing = message.Timing;
        TimingVerdict = timingVerdict;
        Conditions = conditions;
        Frequency = message.Frequency;
        FrequencyVerdict = frequencyVerdict;
        WouldShow = wouldShow;
    }

    /// <summary>Gets the message id.</summary>
    public string MessageId { get; }

    /// <summary>Gets the message name.</summary>
    public string MessageName { get; }

    /// <summary>Gets the message's priority (higher first; ties go to the most recently published).</summary>
    public int Priority { get; }

    /// <summary>Gets the message's timing.</summary>
    public MessageTiming Timing { get; }

    /// <summary>Gets whether the timing allows sending now, and if not why.</summary>
    public TimingVerdict TimingVerdict { get; }

    /// <summary>Gets the message's campaign window, or <see langword="null"/> when it has none.</summary>
    public CampaignWindow? Window { get; }

    /// <summary>Gets whether the campaign window allows showing the message now (<see cref="CampaignWindowVerdict.NoWindow"/> without one), and if not why.</summary>
    public CampaignWindowVerdict WindowVerdict { get; }

    /// <summary>Gets the conditions' trace for this visitor: each condition and group by path, whether it held, and the visitor's value.</summary>
    public ConditionExplanation Conditions { get; }

    /// <summary>Gets the message's frequency.</summary>
    public MessageFrequency Frequency { get; }

    /// <summary>
    /// Gets what the frequency store would answer now were this message offered alone; given for
    /// every message, including those whose timing or conditions rule them out.
    /// </summary>
    public FrequencyVerdict FrequencyVerdict { get; }

    /// <summary>Gets where the visitor falls in the message's experiment, or <see langword="null"/> for a message without one.</summary>
    public ExperimentExplanation? Experiment { get; }

    /// <summary>
    /// Gets a value indicating whether the timing and the campaign window allow the message, its
    /// conditions hold and the visitor is inside its rollout: the engine would offer it to the
    /// frequency store (held out, for a visitor in its control group).
    /// </summary>
    public bool IsCandidate =>
        TimingVerdict == TimingVerdict.Allowed
        && WindowVerdict is CampaignWindowVerdict.NoWindow or CampaignWindowVerdict.Inside
        && Conditions.Result
        && Experiment is null or { InRollout: true };

    /// <summary>Gets a value indicating whether this is the message the engine would show.</summary>
    public bool WouldShow { get; }

    /// <summary>Returns a few lines: the verdicts, then one line per condition and group.</summary>
    /// <returns>The explanation as text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text, indent: string.Empty);
        return text.ToString();
    }

    internal void AppendTo(StringBuilder text, string indent)
    {
        text.Append(indent).Append(MessageId).Append(" \"").Append(MessageName).Append("\" (priority ").Append(Priority)
            .Append("): ").Append(WouldShow ? "would be shown" : "not shown").AppendLine();
        text.Append(indent).Append("  timing: ").Append(Timing).Append(", ").Append(Describe(TimingVerdict)).AppendLine();
        if (Window is { } window)
        {
            text.Append(indent).Append("  window: ").Append(window.Start?.ToString() ?? "always").Append(" to ").Append(window.End?.ToString() ?? "never")
                .Append(", ").Append(Describe(WindowVerdict)).AppendLine();
        }

        text.Append(indent).Append("  conditions: ").Append(Conditions.Result ? "met" : "not met").AppendLine();
        foreach (var outcome in Conditions.Outcomes)
        {
            text.Append(indent).Append("    ").Append(outcome).AppendLine();
        }

        if (Experiment is { } experiment)
        {
            text.Append(indent).Append("  experiment: ").Append(experiment).AppendLine();
        }

        text.Append(indent).Append("  frequency: ").Append(Frequency).Append(", ").Append(Describe(FrequencyVerdict)).AppendLine();
    }

    private static string Describe(TimingVerdict verdict) => verdict switch
    {
        TimingVerdict.Allowed => "allowed now",
        TimingVerdict.OutsideBusinessHours => "business hours are closed now",
        TimingVerdict.InsideBusinessHours => "business hours are open now",
        TimingVerdict.NoSchedule => "the channel has no business-hours schedule",
        _ => verdict.ToString(),
    };

    private static string Describe(CampaignWindowVerdict verdict) => verdict switch
    {
        CampaignWindowVerdict.Inside => "inside the window now",
        CampaignWindowVerdict.NotStarted => "the campaign has not started",
        CampaignWindowVerdict.Ended => "the campaign has ended",
        CampaignWindowVerdict.NoSchedule => "its dates have no time zone: the channel has no schedule",
        _ => verdict.ToString(),
    };

    private static string Describe(FrequencyVerdict verdict) => verdict switch
    {
        FrequencyVerdict.WouldSend => "the store would send it",
        FrequencyVerdict.AlreadySentOnce => "already sent to this visitor",
        FrequencyVerdict.AlreadySentThisVisit => "already sent in this visit",
        FrequencyVerdict.AlreadySentThisPageView => "already sent in this page view",
        FrequencyVerdict.AnotherMessageShowing => "another message is showing",
        FrequencyVerdict.ConversationOpen => "the visitor's conversation is open",
        FrequencyVerdict.FatigueCapped => "a workspace fatigue cap is reached",
        FrequencyVerdict.StoreUnavailable => "the frequency store is unavailable",
        _ => verdict.ToString(),
    };
}
