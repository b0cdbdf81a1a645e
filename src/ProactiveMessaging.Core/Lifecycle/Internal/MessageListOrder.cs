using System.Globalization;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>The total order of the message list: the query's column and direction, then the id (ordinal, ascending).</summary>
internal sealed class MessageListOrder : IComparer<ProactiveMessage>
{
    private readonly MessageSortColumn _column;
    private readonly bool _descending;
    private readonly CompareInfo _names;

    public MessageListOrder(MessageListQuery query)
    {
        _column = query.SortBy;
        _descending = query.Direction == SortDirection.Descending;
        _names = query.Culture.CompareInfo;
    }

    public int Compare(ProactiveMessage? x, ProactiveMessage? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byColumn = _column switch
        {
            MessageSortColumn.Name => _names.Compare(x.Name, y.Name, CompareOptions.IgnoreCase),
            MessageSortColumn.Status => ((int)x.Status).CompareTo((int)y.Status),
            MessageSortColumn.Channel => string.CompareOrdinal(x.ChannelId, y.ChannelId),
            MessageSortColumn.Sent => x.Metrics.Sent.CompareTo(y.Metrics.Sent),
            MessageSortColumn.Opened => x.Metrics.Opened.CompareTo(y.Metrics.Opened),
            MessageSortColumn.Replied => x.Metrics.Replied.CompareTo(y.Metrics.Replied),
            MessageSortColumn.UpdatedAt => x.UpdatedAt.CompareTo(y.UpdatedAt),
            _ => throw new ArgumentOutOfRangeException(nameof(x), _column, "Unknown sort column."),
        };
        if (byColumn != 0)
        {
            return _descending ? -byColumn : byColumn;
        }

        return string.CompareOrdinal(x.Id, y.Id);
    }
}
