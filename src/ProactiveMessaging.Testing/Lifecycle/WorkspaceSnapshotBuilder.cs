using System.Collections.Immutable;
using NodaTime;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Testing.Lifecycle;

/// <summary>
/// Builds a <see cref="WorkspaceSnapshot"/> that publishing accepts, a few lines per test: an active
/// workspace with messaging on, then the channels, bots and business hours the test needs.
/// </summary>
/// <remarks>
/// <para>
/// Not thread-safe; the snapshots it builds are immutable. Each <c>Add</c> and <c>With</c> method
/// returns the builder, so calls chain; <see cref="Build"/> may be called again after more changes.
/// </para>
/// <para>
/// A typical host test publishes an agent message on a web widget:
/// <c>new WorkspaceSnapshotBuilder().AddWebWidget("web").Build()</c>; a bot message needs a bot
/// connected to its channel: <c>.AddBot("bot", "web-bot", "answer")</c>.
/// </para>
/// </remarks>
public sealed class WorkspaceSnapshotBuilder
{
    /// <summary>The default sender name given to the channels added by name.</summary>
    public const string DefaultSenderName = "Support";

    private readonly List<ChannelInfo> _channels = [];
    private readonly List<BotInfo> _bots = [];
    private readonly List<BusinessHoursSchedule> _schedules = [];
    private bool _agentWorkspaceActive = true;
    private bool _messagingActive = true;
    private string? _defaultScheduleId;
    private string? _brandId;

    /// <summary>
    /// Sets the brand of the channels and bots added after this call (a bot reply needs its bot and
    /// channel in the same brand); <see langword="null"/>, the start, means a single-brand workspace.
    /// </summary>
    /// <param name="brandId">The brand id, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public WorkspaceSnapshotBuilder InBrand(string? brandId)
    {
        _brandId = brandId;
        return this;
    }

    /// <summary>Adds a Web Widget channel, sending agent replies as <paramref name="senderName"/>.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="senderName">The channel's default sender.</param>
    /// <param name="scheduleId">The channel's own business-hours schedule, or <see langword="null"/> for the workspace default.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="channelId"/> breaks the <see cref="IdRule"/>.</exception>
    public WorkspaceSnapshotBuilder AddWebWidget(string channelId, string senderName = DefaultSenderName, string? scheduleId = null) =>
        AddChannel(new ChannelInfo(channelId, ChannelKind.WebWidget) { BrandId = _brandId, DefaultSenderName = senderName, ScheduleId = scheduleId });

    /// <summary>Adds a mobile SDK channel, sending agent replies as <paramref name="senderName"/>.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="senderName">The channel's default sender.</param>
    /// <param name="scheduleId">The channel's own business-hours schedule, or <see langword="null"/> for the workspace default.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="channelId"/> breaks the <see cref="IdRule"/>.</exception>
    public WorkspaceSnapshotBuilder AddMobileSdk(string channelId, string senderName = DefaultSenderName, string? scheduleId = null) =>
        AddChannel(new ChannelInfo(channelId, ChannelKind.MobileSdk) { BrandId = _brandId, DefaultSenderName = senderName, ScheduleId = scheduleId });

    /// <summary>Adds a channel as given (any kind, including those proactive messages may not use).</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="channel"/> is <see langword="null"/>.</exception>
    public WorkspaceSnapshotBuilder AddChannel(ChannelInfo channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _channels.Add(channel);
        return this;
    }

    /// <summary>
    /// Adds an active, published flow-builder bot with its published answers, and a Web Widget
    /// channel run by the flow builder with that bot connected: what a bot reply needs to publish.
    /// </summary>
    /// <param name="botId">The bot id.</param>
    /// <param name="channelId">The id of the channel the bot is connected to.</param>
    /// <param name="publishedAnswerIds">The bot's published answers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An id breaks the <see cref="IdRule"/>.</exception>
    public WorkspaceSnapshotBuilder AddBot(string botId, string channelId, params IEnumerable<string> publishedAnswerIds)
    {
        ArgumentNullException.ThrowIfNull(publishedAnswerIds);
        var bot = new BotInfo(botId) { BrandId = _brandId, IsActive = true, IsPublished = true, PublishedAnswerIds = [.. publishedAnswerIds] };
        AddChannel(new ChannelInfo(channelId, ChannelKind.WebWidget) { BrandId = _brandId, DefaultSenderName = DefaultSenderName, UsesFlowBuilder = true, BotId = botId });
        return AddBot(bot);
    }

    /// <summary>Adds a bot as given, connected to no channel by this call.</summary>
    /// <param name="bot">The bot.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bot"/> is <see langword="null"/>.</exception>
    public WorkspaceSnapshotBuilder AddBot(BotInfo bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        _bots.Add(bot);
        return this;
    }

    /// <summary>Adds a business-hours schedule that channels (or the workspace default) refer to by id.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="isDefault">Whether it becomes the workspace's default schedule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is <see langword="null"/>.</exception>
    public WorkspaceSnapshotBuilder AddSchedule(BusinessHoursSchedule schedule, bool isDefault = false)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        _schedules.Add(schedule);
        if (isDefault)
        {
            _defaultScheduleId = schedule.Id;
        }

        return this;
    }

    /// <summary>Adds a schedule open every day of the week from <paramref name="open"/> to <paramref name="close"/>, local time.</summary>
    /// <param name="scheduleId">The schedule id.</param>
    /// <param name="timeZoneId">An IANA time zone id, such as <c>Europe/London</c>.</param>
    /// <param name="open">The local opening time.</param>
    /// <param name="close">The local closing time (before <paramref name="open"/> crosses midnight).</param>
    /// <param name="isDefault">Whether it becomes the workspace's default schedule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The schedule is invalid; the message lists every problem.</exception>
    public WorkspaceSnapshotBuilder AddDailySchedule(string scheduleId, string timeZoneId, LocalTime open, LocalTime close, bool isDefault = false)
    {
        IsoDayOfWeek[] days = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];
        var created = BusinessHoursSchedule.Create(scheduleId, timeZoneId, days.Select(day => new WeeklyInterval(day, open, close)));
        if (!created.Succeeded)
        {
            throw new ArgumentException("The schedule is invalid: " + string.Join("; ", created.Problems), nameof(scheduleId));
        }

        return AddSchedule(created.Value, isDefault);
    }

    /// <summary>Sets whether the agent workspace is active (a publish requirement).</summary>
    /// <param name="active">The value; the builder starts with <see langword="true"/>.</param>
    /// <returns>This builder.</returns>
    public WorkspaceSnapshotBuilder WithAgentWorkspaceActive(bool active)
    {
        _agentWorkspaceActive = active;
        return this;
    }

    /// <summary>Sets whether messaging is turned on (a publish requirement).</summary>
    /// <param name="active">The value; the builder starts with <see langword="true"/>.</param>
    /// <returns>This builder.</returns>
    public WorkspaceSnapshotBuilder WithMessagingActive(bool active)
    {
        _messagingActive = active;
        return this;
    }

    /// <summary>Builds the snapshot from what was added so far, in the order added.</summary>
    /// <returns>The snapshot.</returns>
    public WorkspaceSnapshot Build() => new()
    {
        AgentWorkspaceActive = _agentWorkspaceActive,
        MessagingActive = _messagingActive,
        Channels = [.. _channels],
        Bots = [.. _bots],
        Schedules = [.. _schedules],
        DefaultScheduleId = _defaultScheduleId,
    };
}
