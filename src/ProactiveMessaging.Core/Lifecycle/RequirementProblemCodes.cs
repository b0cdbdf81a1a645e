namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// The stable codes of the problems that the publish requirements report
/// (<see cref="PublishRequirements"/>); every one has <see cref="ProblemKind.Unmet"/>.
/// </summary>
public static class RequirementProblemCodes
{
    /// <summary>The agent workspace is not active. Path <c>$.workspace.agentWorkspace</c>.</summary>
    public const string AgentWorkspaceInactive = "workspace.agentWorkspace.inactive";

    /// <summary>Messaging is turned off for the workspace. Path <c>$.workspace.messaging</c>.</summary>
    public const string MessagingInactive = "workspace.messaging.inactive";

    /// <summary>The workspace has no Web Widget or mobile SDK channel. Path <c>$.workspace.channels</c>.</summary>
    public const string NoMessagingChannel = "workspace.channels.none";

    /// <summary>The message's channel does not exist (it may have been deleted). Path <c>$.channelId</c>.</summary>
    public const string ChannelNotFound = "channel.notFound";

    /// <summary>The message's channel is a social or other channel, not a Web Widget or mobile SDK channel. Path <c>$.channelId</c>.</summary>
    public const string ChannelKindNotAllowed = "channel.kind.notAllowed";

    /// <summary>An agent reply's channel has no default sender to send it as. Path <c>$.channelId</c>.</summary>
    public const string ChannelSenderMissing = "channel.sender.missing";

    /// <summary>
    /// The timing depends on business hours, but neither the channel nor the workspace has a
    /// schedule. Path <c>$.timing</c>.
    /// </summary>
    public const string ScheduleMissing = "timing.schedule.missing";

    /// <summary>A bot reply's channel does not use the flow builder. Path <c>$.reply</c>.</summary>
    public const string FlowBuilderRequired = "bot.flowBuilder.required";

    /// <summary>A bot reply's channel has no bot connected. Path <c>$.reply</c>.</summary>
    public const string BotNotConnected = "bot.notConnected";

    /// <summary>The bot connected to the channel does not exist (it may have been deleted). Path <c>$.reply</c>.</summary>
    public const string BotNotFound = "bot.notFound";

    /// <summary>The bot connected to the channel is a third-party bot, not a flow-builder bot. Path <c>$.reply</c>.</summary>
    public const string BotThirdParty = "bot.thirdParty";

    /// <summary>The bot connected to the channel is not active. Path <c>$.reply</c>.</summary>
    public const string BotInactive = "bot.inactive";

    /// <summary>The bot connected to the channel is not (successfully) published. Path <c>$.reply</c>.</summary>
    public const string BotNotPublished = "bot.notPublished";

    /// <summary>The bot connected to the channel belongs to another brand than the channel. Path <c>$.reply</c>.</summary>
    public const string BotBrandMismatch = "bot.brand.mismatch";

    /// <summary>The bot reply's answer is not a published answer of the channel's bot. Path <c>$.reply.answerId</c>.</summary>
    public const string AnswerNotPublished = "reply.answer.notPublished";

    // Campaign window.

    /// <summary>
    /// The campaign window has a date, read in the time zone of the schedule the message's channel
    /// uses, and the channel has no schedule (its own or the workspace default), so the date has no zone.
    /// </summary>
    public const string WindowScheduleMissing = "window.schedule.missing";

    /// <summary>In the time zone of the channel's schedule, the campaign window (a date and an instant) ends before or when it starts.</summary>
    public const string WindowEmptyInZone = "window.emptyInZone";
}
