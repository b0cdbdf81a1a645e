using System.Globalization;
using NodaTime;
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
            MessageSortColumn.Window => CompareWindows(x.Window, y.Window),
            _ => throw new ArgumentOutOfRangeException(nameof(x), _column, "Unknown sort column."),
        };
        if (byColumn != 0)
        {
            return _descending ? -byColumn : byColumn;
        }

        return string.CompareOrdinal(x.Id, y.Id);
    }

    private static int CompareWindows(CampaignWindow? x, CampaignWindow? y)
    {
        if (x is null || y is null)
        {
            return (x is not null).CompareTo(y is not null);
        }

        var byStart = SortKey(x.Start, Instant.MinValue).CompareTo(SortKey(y.Start, Instant.MinValue));
        return byStart != 0 ? byStart : SortKey(x.End, Instant.MaxValue).CompareTo(SortKey(y.End, Instant.MaxValue));
    }

    /// <summary>An instant as itself, a date at its midnight in UTC, an open bound as <paramref name="open"/>.</summary>
    private static Instant SortKey(CampaignBound? bound, Instant open) =>
        bound switch
        {
            null => open,
            { Date: { } date } => date.AtMidnight().InUtc().ToInstant(),
            _ => bound.Instant!.Value,
        };
}
