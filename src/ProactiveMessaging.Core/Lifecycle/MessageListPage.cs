using System.Collections.Immutable;
using ProactiveMessaging.Experiments;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Lifecycle;

/// <summary>One page of a workspace's sorted message list.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class MessageListPage
{
    internal MessageListPage(MessageListQuery query, ImmutableArray<ProactiveMessage> items, int totalCount, ImmutableDictionary<string, ImmutableArray<ArmCounts>>? arms = null)
    {
        Arms = arms ?? ImmutableDictionary<string, ImmutableArray<ArmCounts>>.Empty;
        Query = query;
        Items = items;
        TotalCount = totalCount;
    }

    /// <summary>Gets the query that produced the page.</summary>
    public MessageListQuery Query { get; }

    /// <summary>Gets the messages of the page, in order.</summary>
    public ImmutableArray<ProactiveMessage> Items { get; }

    /// <summary>
    /// Gets, for each message of the page whose experiment has arms (variants, a control group or a
    /// goal), its counts per arm: the variant and control columns of the list. Keyed by message id;
    /// a message without arms has no entry.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<ArmCounts>> Arms { get; }

    /// <summary>Gets the number of messages in the whole list.</summary>
    public int TotalCount { get; }

    /// <summary>Gets a value indicating whether messages follow this page.</summary>
    public bool HasMore => Query.Offset + Items.Length < TotalCount;
}
