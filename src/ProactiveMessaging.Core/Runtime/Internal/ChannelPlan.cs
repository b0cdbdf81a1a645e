using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;
using ProactiveMessaging.Scheduling;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>The compiled Live messages of one channel, in priority order. Immutable once built.</summary>
internal sealed class ChannelPlan
{
    public ChannelPlan(string channelId, PlannedMessage[] messages, CachedBusinessHours? hours)
    {
        ChannelId = channelId;
        Messages = messages;
        Hours = hours;
    }

    public string ChannelId { get; }

    public PlannedMessage[] Messages { get; }

    public CachedBusinessHours? Hours { get; }
}

/// <summary>One Live message ready for the hot path.</summary>
internal sealed class PlannedMessage
{
    public PlannedMessage(ProactiveMessage message, CompiledConditions conditions, ShownMessage shown)
    {
        Message = message;
        Conditions = conditions;
        Shown = shown;
        Timing = message.Timing;
        Candidate = new FrequencyCandidate(message.Id, message.Frequency);
    }

    public ProactiveMessage Message { get; }

    public CompiledConditions Conditions { get; }

    public ShownMessage Shown { get; }

    public MessageTiming Timing { get; }

    public FrequencyCandidate Candidate { get; }
}

/// <summary>The plans of one workspace, from one Live set version.</summary>
internal sealed class WorkspacePlans
{
    public WorkspacePlans(string workspaceId, long version, Dictionary<string, ChannelPlan> channels)
    {
        WorkspaceId = workspaceId;
        Version = version;
        Channels = System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(channels, StringComparer.Ordinal);
    }

    public string WorkspaceId { get; }

    public long Version { get; }

    public System.Collections.Frozen.FrozenDictionary<string, ChannelPlan> Channels { get; }
}
