using System.Globalization;
using NodaTime;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Storage;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class MessageListTests
{
    private const string Ws = "list";
    private static readonly Instant T0 = Instant.FromUtc(2025, 1, 1, 0, 0);

    // Each row: id, name, status, channel, sent, opened, replied, minutes after T0. Ties on every column exist.
    private static readonly (string Id, string Name, MessageStatus Status, string? Channel, long Sent, long Opened, long Replied, int Minutes)[] Rows =
    [
        ("a", "banana", MessageStatus.Live, "web", 10, 5, 1, 30),
        ("b", "Apple", MessageStatus.Draft, null, 0, 0, 0, 10),
        ("c", "cherry", MessageStatus.Paused, "app", 10, 7, 3, 20),
        ("d", "apple", MessageStatus.Error, "web", 3, 1, 1, 10),
        ("e", "Äpfel", MessageStatus.Live, "app", 99, 50, 20, 40),
        ("f", "zebra", MessageStatus.Draft, null, 0, 0, 0, 50),
    ];

    // Each row's campaign window, and its rank in the window column's ascending order: no window
    // first (a and f tie), then by start (an open start first, a date at its UTC midnight), then
    // by end (an open end last).
    private static readonly Dictionary<string, (CampaignWindow? Window, int Rank)> Windows = new(StringComparer.Ordinal)
    {
        ["a"] = (null, 0),
        ["b"] = (new CampaignWindow { Start = CampaignBound.OnDate(new LocalDate(2025, 3, 1)) }, 3),
        ["c"] = (new CampaignWindow { Start = CampaignBound.At(Instant.FromUtc(2025, 3, 1, 12, 0)), End = CampaignBound.OnDate(new LocalDate(2025, 3, 2)) }, 4),
        ["d"] = (new CampaignWindow { End = CampaignBound.OnDate(new LocalDate(2025, 2, 1)) }, 1),
        ["e"] = (new CampaignWindow { Start = CampaignBound.OnDate(new LocalDate(2025, 3, 1)), End = CampaignBound.OnDate(new LocalDate(2025, 3, 5)) }, 2),
        ["f"] = (null, 0),
    };

    public static TheoryData<MessageSortColumn, SortDirection> EveryColumnAndDirection()
    {
        var data = new TheoryData<MessageSortColumn, SortDirection>();
        foreach (var column in Enum.GetValues<MessageSortColumn>())
        {
            data.Add(column, SortDirection.Ascending);
            data.Add(column, SortDirection.Descending);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryColumnAndDirection))]
    public async Task List_SortsByTheColumnInTheDirection_TiesByIdAscending(MessageSortColumn column, SortDirection direction)
    {
        var catalog = await SeededCatalogAsync();

        var page = await catalog.ListAsync(Ws, new MessageListQuery { SortBy = column, Direction = direction, Culture = CultureInfo.GetCultureInfo("en-US") }, TestContext.Current.CancellationToken);

        Assert.Equal(Expected(column, direction), page.Items.Select(m => m.Id));
        Assert.Equal((6, false), (page.TotalCount, page.HasMore));
    }

    [Theory]
    [InlineData("en-US", new[] { "e", "b", "d", "a", "c", "f" })]
    [InlineData("sv-SE", new[] { "b", "d", "a", "c", "f", "e" })]
    public async Task List_ByName_UsesTheCulturesComparison(string culture, string[] expected)
    {
        var catalog = await SeededCatalogAsync();

        var page = await catalog.ListAsync(Ws, new MessageListQuery { Culture = CultureInfo.GetCultureInfo(culture) }, TestContext.Current.CancellationToken);

        Assert.Equal(expected, page.Items.Select(m => m.Id));
    }

    [Fact]
    public async Task List_Pages_CoverTheSortedListWithoutGapsOrRepeats()
    {
        var catalog = await SeededCatalogAsync();
        var query = new MessageListQuery { SortBy = MessageSortColumn.Sent, Direction = SortDirection.Descending, Limit = 4 };

        var first = await catalog.ListAsync(Ws, query, TestContext.Current.CancellationToken);
        var second = await catalog.ListAsync(Ws, query with { Offset = 4 }, TestContext.Current.CancellationToken);
        var beyond = await catalog.ListAsync(Ws, query with { Offset = 10 }, TestContext.Current.CancellationToken);

        Assert.Equal((4, true), (first.Items.Length, first.HasMore));
        Assert.Equal((2, false), (second.Items.Length, second.HasMore));
        Assert.Empty(beyond.Items);
        Assert.Equal(Expected(MessageSortColumn.Sent, SortDirection.Descending), first.Items.Concat(second.Items).Select(m => m.Id));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, MessageListQuery.MaxLimit + 1)]
    public async Task List_WithAnOutOfRangePage_Throws(int offset, int limit)
    {
        var catalog = await SeededCatalogAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => catalog.ListAsync(Ws, new MessageListQuery { Offset = offset, Limit = limit }, TestContext.Current.CancellationToken));
    }

    private static IEnumerable<string> Expected(MessageSortColumn column, SortDirection direction)
    {
        var names = CultureInfo.GetCultureInfo("en-US").CompareInfo;
        Comparison<(string Id, string Name, MessageStatus Status, string? Channel, long Sent, long Opened, long Replied, int Minutes)> byColumn = column switch
        {
            MessageSortColumn.Name => (x, y) => names.Compare(x.Name, y.Name, CompareOptions.IgnoreCase),
            MessageSortColumn.Status => (x, y) => x.Status.CompareTo(y.Status),
            MessageSortColumn.Channel => (x, y) => string.CompareOrdinal(x.Channel, y.Channel),
            MessageSortColumn.Sent => (x, y) => x.Sent.CompareTo(y.Sent),
            MessageSortColumn.Opened => (x, y) => x.Opened.CompareTo(y.Opened),
            MessageSortColumn.Replied => (x, y) => x.Replied.CompareTo(y.Replied),
            MessageSortColumn.Window => (x, y) => Windows[x.Id].Rank.CompareTo(Windows[y.Id].Rank),
            _ => (x, y) => x.Minutes.CompareTo(y.Minutes),
        };
        var sign = direction == SortDirection.Ascending ? 1 : -1;
        var rows = Rows.ToList();
        rows.Sort((x, y) => byColumn(x, y) is var c && c != 0 ? sign * c : string.CompareOrdinal(x.Id, y.Id));
        return rows.Select(r => r.Id);
    }

    private static async Task<MessageCatalog> SeededCatalogAsync()
    {
        var store = new InMemoryMessageStore();

        // Mark the workspace initialised so the presets stay out of the list.
        await store.InitializeWorkspaceAsync(Ws, [], TestContext.Current.CancellationToken);
        foreach (var row in Rows)
        {
            var definition = Definitions.Agent(row.Name) with { ChannelId = row.Channel, Window = Windows[row.Id].Window };
            var draft = ProactiveMessage.CreateDraft(row.Id, definition, T0).GetValueOrThrow();
            var message = draft.With(
                status: row.Status,
                metrics: new MessageMetrics(row.Sent, row.Opened, row.Replied),
                updatedAt: T0 + Duration.FromMinutes(row.Minutes));
            await store.InsertAsync(Ws, message, TestContext.Current.CancellationToken);
        }

        return new MessageCatalog(store, new InMemoryMetricsStore());
    }
}
