using System.Collections.Immutable;
using NodaTime.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;

namespace WidgetHost.Api;

/// <summary>The library's values as the API's JSON bodies.</summary>
internal static class ApiMapping
{
    public static DecisionBody ToBody(Decision decision)
    {
        var outcome = VisitorEventMapper.Camel(decision.Outcome.ToString());
        if (!decision.ShouldShow || decision.Message is not { } shown)
        {
            return new DecisionBody(outcome, false, null);
        }

        SenderBody sender = shown.SenderKind == SenderKind.Bot
            ? new SenderBody("bot", DemoShop.BotName) { BotId = shown.BotId }
            : new SenderBody("agent", shown.SenderName ?? DemoShop.DefaultSenderName);
        BotAnswerBody? answer = shown.BotAnswerId is { } answerId
            ? new BotAnswerBody(answerId, DemoShop.AnswerFirstSteps.GetValueOrDefault(answerId))
            : null;
        return new DecisionBody(outcome, true, new ShownMessageBody(
            shown.MessageId,
            shown.MessageName,
            decision.Text ?? shown.Text.Default,
            shown.Presentation == PresentationKind.LauncherBubble ? "aboveLauncher" : VisitorEventMapper.Camel(shown.Presentation.ToString()),
            sender,
            shown.AskForName,
            shown.AskForEmail,
            decision.FollowUpText,
            shown.HandsOverToAgent,
            answer,
            shown.VariantId));
    }

    public static MessageItem ToItem(ProactiveMessage message) => new(
        message.Id,
        message.Name,
        VisitorEventMapper.Camel(message.Status.ToString()),
        message.ChannelId,
        message.Metrics.Sent,
        message.Metrics.Opened,
        message.Metrics.Replied,
        InstantPattern.General.Format(message.UpdatedAt),
        message.Version,
        [.. MessageActions.AllowedFor(message).Select(action => VisitorEventMapper.Camel(action.ToString()))],
        message.Status == MessageStatus.Error ? ApiProblems.ToItems(message.Problems) : [],
        message.Experiment is not null);

    public static ExperimentBody ToBody(ExperimentResults results) => new(
        results.MessageId,
        results.HasGoal,
        VisitorEventMapper.Camel(results.Conclusion.ToString()),
        [.. results.Arms.Select(arm => new ArmBody(
            arm.ArmId,
            arm.VariantId,
            arm.IsControl,
            arm.Visitors,
            arm.Opened,
            arm.Replied,
            arm.Converted,
            arm.ConversionRate,
            ToBody(arm.RateInterval),
            arm.VersusControl is { } versus
                ? new ComparisonBody(VisitorEventMapper.Camel(versus.Verdict.ToString()), versus.Difference, ToBody(versus.DifferenceInterval), versus.PValue, versus.AdjustedPValue)
                : null))]);

    public static ExplainBody ToBody(EventExplanation explanation, string? messageId) => new(
        InstantPattern.General.Format(explanation.At),
        VisitorEventMapper.Camel(explanation.Outcome.ToString()),
        ToBody(explanation.Decision),
        [.. explanation.Messages
            .Where(message => messageId is null || message.MessageId == messageId)
            .Select(ToBody)]);

    private static MessageExplanationBody ToBody(MessageExplanation message) => new(
        message.MessageId,
        message.MessageName,
        message.Priority,
        message.IsCandidate,
        message.WouldShow,
        VisitorEventMapper.Camel(message.Timing.ToString()),
        VisitorEventMapper.Camel(message.TimingVerdict.ToString()),
        VisitorEventMapper.Camel(message.WindowVerdict.ToString()),
        VisitorEventMapper.Camel(message.Frequency.ToString()),
        VisitorEventMapper.Camel(message.FrequencyVerdict.ToString()),
        ToTrace(message.Conditions),
        message.Experiment is { } experiment
            ? new ExperimentExplanationBody(experiment.VariantId, experiment.InRollout, experiment.HeldOut, experiment.RolloutPercent, experiment.HoldoutPercent)
            : null);

    /// <summary>
    /// The explanation lists every condition and group by path, parents first; the page wants a
    /// tree, so each outcome is hung under the outcome whose path is its own less the last step.
    /// </summary>
    private static ConditionTraceBody? ToTrace(ConditionExplanation explanation)
    {
        var outcomes = explanation.Outcomes;
        if (outcomes.IsDefaultOrEmpty)
        {
            return null;
        }

        var byPath = outcomes.ToDictionary(outcome => outcome.Path, StringComparer.Ordinal);
        var children = new Dictionary<string, List<ConditionOutcome>>(StringComparer.Ordinal);
        ConditionOutcome? root = null;
        foreach (var outcome in outcomes)
        {
            var dot = outcome.Path.LastIndexOf('.');
            var parent = dot > 0 ? outcome.Path[..dot] : null;
            if (parent is not null && byPath.ContainsKey(parent))
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(outcome);
            }
            else
            {
                root ??= outcome;
            }
        }

        return root is null ? null : Build(root);

        ConditionTraceBody Build(ConditionOutcome outcome)
        {
            ImmutableArray<ConditionTraceBody> items = children.TryGetValue(outcome.Path, out var list) ? [.. list.Select(Build)] : [];
            return outcome.Node switch
            {
                Condition condition => new ConditionTraceBody(
                    outcome.Path,
                    "condition",
                    condition.Field,
                    VisitorEventMapper.Camel(condition.Operator.ToString()),
                    condition.Value.Kind switch
                    {
                        ConditionValueKind.None => null,
                        ConditionValueKind.Text => condition.Value.Text,
                        _ => condition.Value.ToString(),
                    },
                    outcome.Actual,
                    outcome.Held,
                    items),
                ConditionGroup group => new ConditionTraceBody(
                    outcome.Path,
                    VisitorEventMapper.Camel(group.Operator.ToString()),
                    null,
                    null,
                    null,
                    null,
                    outcome.Held,
                    items),
                _ => new ConditionTraceBody(outcome.Path, "condition", null, null, null, outcome.Actual, outcome.Held, items),
            };
        }
    }

    private static IntervalBody? ToBody(ConfidenceInterval? interval) =>
        interval is { } value ? new IntervalBody(value.Lower, value.Upper) : null;
}
