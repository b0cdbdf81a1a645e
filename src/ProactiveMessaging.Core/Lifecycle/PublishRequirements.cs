using System.Collections.Immutable;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// Checks whether a message may be Live in a workspace: it is complete and well-formed, and every
/// publish requirement holds against a <see cref="WorkspaceSnapshot"/>. Publish, Resume, edits of
/// Live and Paused messages, and reconciliation all use this check.
/// </summary>
/// <remarks>
/// <para>The requirements, each reported with a code from <see cref="RequirementProblemCodes"/>:</para>
/// <list type="bullet">
/// <item>the agent workspace is active, and messaging is active;</item>
/// <item>the workspace has at least one Web Widget or mobile SDK channel;</item>
/// <item>the message's channel exists and is a Web Widget or mobile SDK channel;</item>
/// <item>an agent reply's channel has a default sender;</item>
/// <item>a business-hours timing has a schedule (the channel's or the workspace default);</item>
/// <item>a campaign window with a date has a schedule (the channel's or the workspace default) whose
/// time zone the date is read in, and in that zone the window is not empty;</item>
/// <item>a bot reply's channel uses the flow builder and has a bot connected; that bot exists, is a
/// flow-builder bot (not third-party), is active, is published and belongs to the channel's brand;
/// and the reply's answer is one of its published answers.</item>
/// </list>
/// <para>
/// Checks that depend on something missing are skipped rather than reported twice: no bot checks
/// for a channel that does not exist, no answer check for a bot that does not exist.
/// Thread-safe: the class is stateless.
/// </para>
/// </remarks>
public static class PublishRequirements
{
    /// <summary>
    /// Returns every problem that keeps a definition from being Live: its validation problems
    /// (<see cref="ProblemKind.Incomplete"/> and <see cref="ProblemKind.Malformed"/>), then every
    /// unmet requirement (<see cref="ProblemKind.Unmet"/>).
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <param name="snapshot">The workspace.</param>
    /// <param name="validator">The validator; <see langword="null"/> for <see cref="MessageValidator.Default"/>.</param>
    /// <returns>Every problem; empty when the message may be Live.</returns>
    public static ImmutableArray<Problem> Check(MessageDefinition definition, WorkspaceSnapshot snapshot, MessageValidator? validator = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        problems.AddRange((validator ?? MessageValidator.Default).Validate(definition).Problems);
        AddUnmet(definition, snapshot, problems);
        return problems.ToImmutable();
    }

    /// <summary>Returns the unmet requirements only (no validation).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="snapshot">The workspace.</param>
    /// <returns>The problems of kind <see cref="ProblemKind.Unmet"/>; empty when every requirement holds.</returns>
    public static ImmutableArray<Problem> CheckRequirements(MessageDefinition definition, WorkspaceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        AddUnmet(definition, snapshot, problems);
        return problems.ToImmutable();
    }

    private static void AddUnmet(MessageDefinition definition, WorkspaceSnapshot snapshot, ImmutableArray<Problem>.Builder problems)
    {
        if (!snapshot.AgentWorkspaceActive)
        {
            problems.Add(Unmet(RequirementProblemCodes.AgentWorkspaceInactive, "The agent workspace is not active: activate it before publishing proactive messages.", "$.workspace.agentWorkspace"));
        }

        if (!snapshot.MessagingActive)
        {
            problems.Add(Unmet(RequirementProblemCodes.MessagingInactive, "Messaging is turned off for the workspace: turn it on before publishing proactive messages.", "$.workspace.messaging"));
        }

        if (!snapshot.Channels.Any(c => IsAllowedKind(c.Kind)))
        {
            problems.Add(Unmet(RequirementProblemCodes.NoMessagingChannel, "The workspace has no Web Widget or mobile SDK channel: add one to publish proactive messages.", "$.workspace.channels"));
        }

        // A missing channel id is an Incomplete validation problem already; nothing more to check.
        if (string.IsNullOrEmpty(definition.ChannelId))
        {
            return;
        }

        var channel = snapshot.FindChannel(definition.ChannelId);
        if (channel is null)
        {
            problems.Add(Unmet(RequirementProblemCodes.ChannelNotFound, $"The channel '{definition.ChannelId}' does not exist (it may have been deleted): choose another channel.", "$.channelId"));
            return;
        }

        if (!IsAllowedKind(channel.Kind))
        {
            problems.Add(Unmet(RequirementProblemCodes.ChannelKindNotAllowed, $"The channel '{channel.Id}' is a {channel.Kind} channel: proactive messages run only on Web Widget and mobile SDK channels.", "$.channelId"));
            return;
        }

        if (definition.Timing != MessageTiming.Anytime && snapshot.ScheduleFor(channel) is null)
        {
            var scheduleId = channel.ScheduleId ?? snapshot.DefaultScheduleId;
            problems.Add(Unmet(
                RequirementProblemCodes.ScheduleMissing,
                scheduleId is null
                    ? $"The timing depends on business hours, but the channel '{channel.Id}' has no schedule and the workspace has no default schedule."
                    : $"The timing depends on business hours, but the schedule '{scheduleId}' of the channel '{channel.Id}' is not in the workspace.",
                "$.timing"));
        }

        AddWindowUnmet(definition.Window, channel, snapshot, problems);

        switch (definition.Reply)
        {
            case AgentReply:
                if (string.IsNullOrWhiteSpace(channel.DefaultSenderName))
                {
                    problems.Add(Unmet(RequirementProblemCodes.ChannelSenderMissing, $"An agent reply is sent as the channel's default sender, but the channel '{channel.Id}' has none: set one.", "$.channelId"));
                }

                break;

            case BotReply bot:
                AddBotUnmet(bot, channel, snapshot, problems);
                break;
        }
    }

    /// <summary>A window's dates are read in the zone of the channel's schedule: it needs one, and the window must not be empty there.</summary>
    private static void AddWindowUnmet(CampaignWindow? window, ChannelInfo channel, WorkspaceSnapshot snapshot, ImmutableArray<Problem>.Builder problems)
    {
        if (window is null || !window.HasDates)
        {
            return;
        }

        if (snapshot.ScheduleFor(channel) is not { } schedule)
        {
            var scheduleId = channel.ScheduleId ?? snapshot.DefaultScheduleId;
            problems.Add(Unmet(
                RequirementProblemCodes.WindowScheduleMissing,
                scheduleId is null
                    ? $"The campaign window has a date, read in the time zone of the channel's schedule, but the channel '{channel.Id}' has no schedule and the workspace has no default schedule."
                    : $"The campaign window has a date, read in the time zone of the channel's schedule, but the schedule '{scheduleId}' of the channel '{channel.Id}' is not in the workspace.",
                "$.window"));
            return;
        }

        if (window.Resolve(schedule.Zone).IsEmpty)
        {
            problems.Add(Unmet(
                RequirementProblemCodes.WindowEmptyInZone,
                $"In the time zone {schedule.TimeZoneId} of the schedule '{schedule.Id}', the campaign window ends ({window.End}) before or when it starts ({window.Start}): no instant is inside it.",
                "$.window.end"));
        }
    }

    private static void AddBotUnmet(BotReply reply, ChannelInfo channel, WorkspaceSnapshot snapshot, ImmutableArray<Problem>.Builder problems)
    {
        if (!channel.UsesFlowBuilder)
        {
            problems.Add(Unmet(RequirementProblemCodes.FlowBuilderRequired, $"A bot reply needs the channel '{channel.Id}' to use the flow builder.", "$.reply"));
        }

        if (channel.BotId is null)
        {
            problems.Add(Unmet(RequirementProblemCodes.BotNotConnected, $"A bot reply needs a bot connected to the channel '{channel.Id}'.", "$.reply"));
            return;
        }

        var bot = snapshot.FindBot(channel.BotId);
        if (bot is null)
        {
            problems.Add(Unmet(RequirementProblemCodes.BotNotFound, $"The bot '{channel.BotId}' connected to the channel '{channel.Id}' does not exist (it may have been deleted).", "$.reply"));
            return;
        }

        if (bot.IsThirdParty)
        {
            problems.Add(Unmet(RequirementProblemCodes.BotThirdParty, $"The bot '{bot.Id}' is a third-party bot: bot replies need a flow-builder bot.", "$.reply"));
        }

        if (!bot.IsActive)
        {
            problems.Add(Unmet(RequirementProblemCodes.BotInactive, $"The bot '{bot.Id}' is not active: activate it.", "$.reply"));
        }

        if (!bot.IsPublished)
        {
            problems.Add(Unmet(RequirementProblemCodes.BotNotPublished, $"The bot '{bot.Id}' is not published: publish it.", "$.reply"));
        }

        if (!string.Equals(bot.BrandId, channel.BrandId, StringComparison.Ordinal))
        {
            problems.Add(Unmet(RequirementProblemCodes.BotBrandMismatch, $"The bot '{bot.Id}' belongs to another brand than the channel '{channel.Id}'.", "$.reply"));
        }

        // An empty answer id is an Incomplete validation problem already.
        if (reply.AnswerId.Length > 0 && !bot.PublishedAnswerIds.Contains(reply.AnswerId))
        {
            problems.Add(Unmet(RequirementProblemCodes.AnswerNotPublished, $"The answer '{reply.AnswerId}' is not a published answer of the bot '{bot.Id}': publish it or choose another.", "$.reply.answerId"));
        }
    }

    private static bool IsAllowedKind(ChannelKind kind) => kind is ChannelKind.WebWidget or ChannelKind.MobileSdk;

    private static Problem Unmet(string code, string message, string path) => new(code, message, path, ProblemKind.Unmet);
}
