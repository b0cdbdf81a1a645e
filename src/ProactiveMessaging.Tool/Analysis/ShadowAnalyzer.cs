using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tool.Analysis;

/// <summary>
/// Messages that can never be shown because a Live message before them on the same channel always
/// qualifies and is always sent. Sound, not complete: the shadowing message must have conditions
/// that cannot fail (see <see cref="CannotFail"/>; a Live message needs at least one condition, so
/// in a valid catalog that is an <c>any</c> of <c>isSet</c> and <c>isNotSet</c> of one field), frequency <c>everyTime</c> (no cap of its own
/// lets a visitor through), timing <c>anytime</c>, no campaign window, and no experiment that rolls
/// out to less than 100% or holds out a control group. It comes first when its priority is higher,
/// or, for a Live message of equal priority, when the runtime's tie-breaks (newer publish, then
/// smaller id) put it first. Caps of the workspace apply to both messages alike, so they do not
/// change the finding.
/// </summary>
internal static class ShadowAnalyzer
{
    public static IEnumerable<Finding> Analyse(IReadOnlyList<ProactiveMessage> messages, Func<int, string> pathOf)
    {
        for (var s = 0; s < messages.Count; s++)
        {
            var shadow = messages[s];
            if (shadow.ChannelId is null || !AlwaysSent(shadow))
            {
                continue;
            }

            for (var m = 0; m < messages.Count; m++)
            {
                var message = messages[m];
                if (m != s && string.Equals(message.ChannelId, shadow.ChannelId, StringComparison.Ordinal) && ComesFirst(shadow, message))
                {
                    yield return new Finding(
                        FindingCodes.Shadowed,
                        FindingSeverity.Warning,
                        message.Id,
                        $"never shown on channel '{shadow.ChannelId}': the Live message '{shadow.Id}' (priority {shadow.Priority}) comes first and always qualifies (no conditions that can fail, anytime, everyTime, no window, no rollout or hold-out).",
                        [pathOf(m) + ".priority", pathOf(s)]);
                }
            }
        }
    }

    private static bool AlwaysSent(ProactiveMessage message) =>
        message.Status == MessageStatus.Live
        && message.Timing == MessageTiming.Anytime
        && message.Frequency == MessageFrequency.EveryTime
        && message.Window is null
        && (message.Experiment is null || (message.Experiment.RolloutPercent >= 100m && message.Experiment.HoldoutPercent == 0m))
        && (message.Rules.Conditions is null || CannotFail(message.Rules.Conditions));

    /// <summary>
    /// Whether a group holds for every visitor: an <c>all</c> whose items all cannot fail (an empty
    /// one included, as a program may build it), or an <c>any</c> with an item that cannot fail or with
    /// both <c>isSet</c> and <c>isNotSet</c> of one field.
    /// </summary>
    private static bool CannotFail(ConditionGroup group) => group.Operator switch
    {
        GroupOperator.All => group.Items.All(item => item is ConditionGroup nested && CannotFail(nested)),
        GroupOperator.Any => group.Items.Any(item => item is ConditionGroup nested && CannotFail(nested))
            || group.Items.OfType<Condition>().Where(c => c.Operator == ConditionOperator.IsSet)
                .Any(set => group.Items.OfType<Condition>().Any(c => c.Operator == ConditionOperator.IsNotSet && string.Equals(c.Field, set.Field, StringComparison.Ordinal))),
        _ => false,
    };

    private static bool ComesFirst(ProactiveMessage shadow, ProactiveMessage message)
    {
        if (shadow.Priority != message.Priority)
        {
            return shadow.Priority > message.Priority;
        }

        // A message not Live yet would be published after the shadowing one, and so come first on a tie.
        if (message.Status != MessageStatus.Live)
        {
            return false;
        }

        var byPublish = Nullable.Compare(shadow.PublishedAt, message.PublishedAt);
        return byPublish != 0 ? byPublish > 0 : string.CompareOrdinal(shadow.Id, message.Id) < 0;
    }
}
