using System.Globalization;

namespace ProactiveMessaging.Lifecycle;

/// <summary>How to sort and page the message list of <see cref="MessageCatalog.ListAsync"/>.</summary>
/// <remarks>
/// The order is total and stable: ties on the sort column are broken by message id (ordinal,
/// ascending in both directions), so paging through an unchanged list never repeats or skips a
/// message. Immutable and thread-safe.
/// </remarks>
public sealed record MessageListQuery
{
    /// <summary>The default page size: 50.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page size: 1000.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Gets the default query: by name, ascending, invariant culture, the first 50.</summary>
    public static MessageListQuery Default { get; } = new();

    /// <summary>Gets the column to sort by.</summary>
    /// <value>The default value is <see cref="MessageSortColumn.Name"/>.</value>
    public MessageSortColumn SortBy { get; init; } = MessageSortColumn.Name;

    /// <summary>Gets the sort direction.</summary>
    /// <value>The default value is <see cref="SortDirection.Ascending"/>.</value>
    public SortDirection Direction { get; init; } = SortDirection.Ascending;

    /// <summary>Gets the culture whose comparison sorts names (ignoring case).</summary>
    /// <value>The default value is <see cref="CultureInfo.InvariantCulture"/>.</value>
    public CultureInfo Culture
    {
        get;
        init => field = value ?? CultureInfo.InvariantCulture;
    } = CultureInfo.InvariantCulture;

    /// <summary>Gets how many messages of the sorted list to skip; 0 or more.</summary>
    /// <value>The default value is 0.</value>
    public int Offset { get; init; }

    /// <summary>Gets the page size: 1 to <see cref="MaxLimit"/>.</summary>
    /// <value>The default value is <see cref="DefaultLimit"/>.</value>
    public int Limit { get; init; } = DefaultLimit;
}
