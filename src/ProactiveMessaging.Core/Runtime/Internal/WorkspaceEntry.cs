using ProactiveMessaging.Conditions;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>
/// One workspace's plans as the engine looks them up: the fields they were compiled with, and its
/// channels in a small table searched after the one lookup by workspace id.
/// </summary>
/// <remarks>Immutable once built; replaced as a whole when a Live set is applied.</remarks>
internal sealed class WorkspaceEntry
{
    // A workspace has a handful of channels: comparing each id beats hashing the event's id,
    // up to about this many. Larger tables use the frozen dictionary of the plans.
    private const int MaxScanned = 8;

    private readonly string[] _channelIds;
    private readonly ChannelPlan[] _channels;

    public WorkspaceEntry(WorkspacePlans plans)
    {
        Plans = plans;
        Fields = plans.Compiler.Catalog;
        _channelIds = [.. plans.Channels.Keys];
        _channels = [.. plans.Channels.Values];
    }

    public WorkspacePlans Plans { get; }

    /// <summary>Gets the field catalogue the plans were compiled with.</summary>
    public FieldCatalog Fields { get; }

    /// <summary>The plan of a channel, or <see langword="null"/> when the snapshot had no such channel.</summary>
    public ChannelPlan? Channel(string channelId)
    {
        var ids = _channelIds;
        if (ids.Length > MaxScanned)
        {
            return Plans.Channels.GetValueOrDefault(channelId);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            if (string.Equals(ids[i], channelId, StringComparison.Ordinal))
            {
                return _channels[i];
            }
        }

        return null;
    }
}
