using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Benchmarks.Runtime;

/// <summary>
/// Live sets of the mixed rules of <see cref="RuntimeWorkspace"/> built without a catalog (publishing
/// thousands of messages one by one would take longer than what is measured): each message is a
/// validated Draft made Live, on <see cref="RuntimeWorkspace.Channel"/>.
/// </summary>
public static class GeneratedSets
{
    private static readonly Instant Published = Instant.FromUtc(2026, 11, 1, 9, 0);

    /// <summary>The Live messages 0 to <paramref name="count"/> - 1, in the Live set's choice order.</summary>
    public static ImmutableArray<ProactiveMessage> Messages(int count, string idPrefix = "m") =>
        [.. LiveMessageSet.Build("ws", 1, Enumerable.Range(0, count).Select(i => Message(i, RuntimeWorkspace.Definition(i), idPrefix))).GetMessages(RuntimeWorkspace.Channel)];

    /// <summary>A message with another definition and the next version, as an edit leaves it.</summary>
    public static ProactiveMessage Edited(ProactiveMessage message, MessageDefinition definition) =>
        message.With(definition: definition, version: message.Version + 1);

    /// <summary>A Live set of one channel's messages, given in choice order.</summary>
    public static LiveMessageSet Set(string workspaceId, long version, ImmutableArray<ProactiveMessage> messages) =>
        new(workspaceId, version, new Dictionary<string, ImmutableArray<ProactiveMessage>> { [RuntimeWorkspace.Channel] = messages }.ToFrozenDictionary(StringComparer.Ordinal));

    private static ProactiveMessage Message(int i, MessageDefinition definition, string idPrefix)
    {
        var id = idPrefix + i.ToString("D6", CultureInfo.InvariantCulture);
        var draft = ProactiveMessage.CreateDraft(id, definition, Published).GetValueOrThrow();
        return draft.With(status: MessageStatus.Live, publishedAt: Published, version: 2);
    }
}
