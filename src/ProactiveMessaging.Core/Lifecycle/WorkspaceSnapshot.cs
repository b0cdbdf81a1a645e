using System.Collections.Immutable;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// The state of a workspace that the publish requirements are checked against: whether the agent
/// workspace and messaging are active, its channels and its bots. The host builds one from its own
/// configuration whenever it publishes, resumes or reconciles.
/// </summary>
/// <remarks>
/// Immutable and thread-safe; equality is structural (channels and bots in order). Business-hours
/// schedules are referred to by id only.
/// </remarks>
public sealed record WorkspaceSnapshot
{
    /// <summary>Gets a value indicating whether the agent workspace is active.</summary>
    public required bool AgentWorkspaceActive { get; init; }

    /// <summary>Gets a value indicating whether messaging is turned on for the workspace.</summary>
    public required bool MessagingActive { get; init; }

    /// <summary>Gets the workspace's channels, of every kind.</summary>
    public ImmutableArray<ChannelInfo> Channels
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>Gets the workspace's bots, of every kind.</summary>
    public ImmutableArray<BotInfo> Bots
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>Gets the id of the workspace's default business-hours schedule, or <see langword="null"/> when there is none.</summary>
    public string? DefaultScheduleId { get; init; }

    /// <summary>Gets the business-hours schedules that channels and the workspace default refer to by id.</summary>
    public ImmutableArray<BusinessHoursSchedule> Schedules
    {
        get;
        init => field = value.IsDefault ? [] : value;
    } = [];

    /// <summary>Finds a schedule by id.</summary>
    /// <param name="scheduleId">The schedule id.</param>
    /// <returns>The schedule, or <see langword="null"/> when the snapshot has none with that id.</returns>
    public BusinessHoursSchedule? FindSchedule(string? scheduleId)
    {
        foreach (var schedule in Schedules)
        {
            if (string.Equals(schedule.Id, scheduleId, StringComparison.Ordinal))
            {
                return schedule;
            }
        }

        return null;
    }

    /// <summary>Gets the schedule a channel uses: its own, else the workspace default.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The schedule, or <see langword="null"/> when neither is set or found.</returns>
    public BusinessHoursSchedule? ScheduleFor(ChannelInfo channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return FindSchedule(channel.ScheduleId ?? DefaultScheduleId);
    }

    /// <summary>Finds a channel by id (ordinal).</summary>
    /// <param name="channelId">The channel id.</param>
    /// <returns>The channel, or <see langword="null"/>.</returns>
    public ChannelInfo? FindChannel(string? channelId)
    {
        foreach (var channel in Channels)
        {
            if (string.Equals(channel.Id, channelId, StringComparison.Ordinal))
            {
                return channel;
            }
        }

        return null;
    }

    /// <summary>Finds a bot by id (ordinal).</summary>
    /// <param name="botId">The bot id.</param>
    /// <returns>The bot, or <see langword="null"/>.</returns>
    public BotInfo? FindBot(string? botId)
    {
        foreach (var bot in Bots)
        {
            if (string.Equals(bot.Id, botId, StringComparison.Ordinal))
            {
                return bot;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public bool Equals(WorkspaceSnapshot? other) =>
        other is not null
        && AgentWorkspaceActive == other.AgentWorkspaceActive
        && MessagingActive == other.MessagingActive
        && string.Equals(DefaultScheduleId, other.DefaultScheduleId, StringComparison.Ordinal)
        && Channels.SequenceEqual(other.Channels)
        && Bots.SequenceEqual(other.Bots)
        && Schedules.SequenceEqual(other.Schedules);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AgentWorkspaceActive, MessagingActive, DefaultScheduleId, Channels.Length, Bots.Length);
}
