using System.Collections.Frozen;
using System.Collections.Immutable;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle;

/// <summary>
/// Every Live message of a workspace, grouped by channel: the whole of what the runtime may send,
/// at one <see cref="Version"/>. The catalog replaces it as a whole after each change that affects
/// Live messages; it is never modified.
/// </summary>
/// <remarks>
/// <para>
/// Immutable and thread-safe: the runtime reads it without locks, and a reference to one set is
/// a consistent view even while the catalog publishes newer ones. Versions of one workspace only
/// grow; a newer version always reflects every change an older one did.
/// </para>
/// <para>
/// Each channel's messages are in the runtime's choice order: higher
/// <see cref="MessageDefinition.Priority"/> first, then the most recently published, then the
/// smaller id (ordinal).
/// </para>
/// </remarks>
public sealed class LiveMessageSet
{
    private static readonly FrozenDictionary<string, ImmutableArray<ProactiveMessage>> NoChannels =
        FrozenDictionary<string, ImmutableArray<ProactiveMessage>>.Empty;

    internal LiveMessageSet(string workspaceId, long version, FrozenDictionary<string, ImmutableArray<ProactiveMessage>> channels, FieldCatalog? fields = null)
    {
        WorkspaceId = workspaceId;
        Fields = fields;
        Version = version;
        Channels = channels;
        var count = 0;
        foreach (var messages in channels.Values)
        {
            count += messages.Length;
        }

        Count = count;
    }

    /// <summary>Gets the workspace.</summary>
    public string WorkspaceId { get; }

    /// <summary>Gets the version: 0 before anything was loaded, then increasing by one with each published set.</summary>
    public long Version { get; }

    /// <summary>Gets the Live messages by channel id (ordinal); a channel without Live messages has no entry.</summary>
    public FrozenDictionary<string, ImmutableArray<ProactiveMessage>> Channels { get; }

    /// <summary>Gets the number of Live messages over all channels.</summary>
    public int Count { get; }

    /// <summary>
    /// Gets the field catalogue the messages were validated against when the workspace declares
    /// custom attributes or events of its own (<see cref="WorkspaceSettings.CustomAttributes"/>,
    /// <see cref="WorkspaceSettings.Events"/>): the host's fields extended with them, the same
    /// instance for as long as the declarations do not change. <see langword="null"/> when the
    /// workspace declares nothing beyond the host's fields.
    /// </summary>
    public FieldCatalog? Fields { get; }

    /// <summary>Gets the Live messages of one channel, in choice order.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <returns>The messages; empty when the channel has none.</returns>
    public ImmutableArray<ProactiveMessage> GetMessages(string channelId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        return Channels.TryGetValue(channelId, out var messages) ? messages : [];
    }

    /// <inheritdoc/>
    public override string ToString() => $"{WorkspaceId} v{Version}: {Count} Live messages on {Channels.Count} channels";

    internal static LiveMessageSet Empty(string workspaceId) => new(workspaceId, 0, NoChannels);

    internal static LiveMessageSet Build(string workspaceId, long version, IEnumerable<ProactiveMessage> messages, FieldCatalog? fields = null)
    {
        var byChannel = new Dictionary<string, List<ProactiveMessage>>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Status != MessageStatus.Live || message.ChannelId is null)
            {
                continue;
            }

            if (!byChannel.TryGetValue(message.ChannelId, out var list))
            {
                list = [];
                byChannel.Add(message.ChannelId, list);
            }

            list.Add(message);
        }

        var channels = byChannel.ToFrozenDictionary(
            static pair => pair.Key,
            static pair =>
            {
                pair.Value.Sort(CompareChoiceOrder);
                return pair.Value.ToImmutableArray();
            },
            StringComparer.Ordinal);
        return new LiveMessageSet(workspaceId, version, channels, fields);
    }

    /// <summary>Tells whether two sets hold the same messages (by value), whatever their versions.</summary>
    internal bool HasSameMessages(LiveMessageSet other)
    {
        if (!SameFields(Fields, other.Fields) || Count != other.Count || Channels.Count != other.Channels.Count)
        {
            return false;
        }

        foreach (var pair in Channels)
        {
            if (!other.Channels.TryGetValue(pair.Key, out var messages) || !pair.Value.SequenceEqual(messages))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The same declared fields: one instance within a catalog, equal declarations across processes.</summary>
    private static bool SameFields(FieldCatalog? x, FieldCatalog? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Fields.Length != y.Fields.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Fields.Length; i++)
        {
            var (a, b) = (x.Fields[i], y.Fields[i]);
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal) || a.Type != b.Type || a.IgnoreCase != b.IgnoreCase
                || !a.AllowedValues.SequenceEqual(b.AllowedValues, StringComparer.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareChoiceOrder(ProactiveMessage x, ProactiveMessage y)
    {
        var byPriority = y.Priority.CompareTo(x.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byPublished = Nullable.Compare(y.PublishedAt, x.PublishedAt);
        return byPublished != 0 ? byPublished : string.CompareOrdinal(x.Id, y.Id);
    }
}
