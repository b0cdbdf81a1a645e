using System.Text.Json.Nodes;
using NodaTime;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Testing.Storage.Internal;

/// <summary>
/// Messages for the message store contract, made only through the public API: a Draft, and copies
/// at another version (as the catalog's actions store them) through the versioned JSON format.
/// </summary>
internal static class TestMessages
{
    private static readonly Instant CreatedAt = Instant.FromUtc(2025, 3, 1, 9, 0);

    internal static ProactiveMessage Draft(string id, string name = "A message") =>
        ProactiveMessage.CreateDraft(id, new MessageDefinition { Name = name }, CreatedAt).GetValueOrThrow();

    /// <summary>A copy of the message at <paramref name="version"/>, with a new name or priority if given.</summary>
    internal static ProactiveMessage Copy(this ProactiveMessage message, long version, string? name = null, int? priority = null)
    {
        var document = JsonNode.Parse(MessageJson.WriteMessageUtf8(message))!.AsObject();
        document["version"] = version;
        if (name is not null)
        {
            document["name"] = name;
        }

        if (priority is { } value)
        {
            document["priority"] = value;
        }

        return MessageJson.ReadMessage(document.ToJsonString()).GetValueOrThrow();
    }
}
