using System.Text.Json.Serialization;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>The source-generated serialization metadata of format version 1; no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(MessageDocumentDto))]
[JsonSerializable(typeof(CatalogDocumentDto))]
internal sealed partial class MessageJsonContext : JsonSerializerContext
{
}
