using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization.Internal;

namespace ProactiveMessaging.Serialization;

/// <summary>
/// Reads and writes the JSON format, version 1: one message, or a catalog export (workspace
/// settings and messages). See <c>docs/format.md</c>.
/// </summary>
/// <remarks>
/// <para>
/// Reading never throws for bad input: it returns the model or every problem found, each with its
/// JSON path. The size cap is checked before parsing; malformed JSON, nesting past the cap,
/// duplicate property names, unknown properties, wrong JSON types, unknown enum values and reply
/// types are problems, and so is anything the model's validation refuses. The reply kind is a
/// closed discriminator (<c>"type": "agent"</c> or <c>"bot"</c>); no .NET type is ever chosen by
/// the payload. Serialization uses source-generated metadata only.
/// </para>
/// <para>
/// Writing emits the canonical form: UTF-8, two-space indentation, <c>\n</c> line breaks, fixed
/// property order, absent optional values omitted. Reading a canonical document and writing it
/// again gives the same bytes. All members are thread-safe.
/// </para>
/// </remarks>
public static class MessageJson
{
    /// <summary>The largest nesting depth that <see cref="JsonFormatOptions.MaxDepth"/> may be set to.</summary>
    public const int MaxSupportedDepth = 256;

    private const int StreamChunkBytes = 64 * 1024;

    private static readonly JsonFormatOptions DefaultOptions = new();
    private static readonly MessageJsonContext Context = new(new JsonSerializerOptions(MessageJsonContext.Default.Options)
    {
        // The pre-scan enforces the configured depth; this is only the serializer's own ceiling.
        MaxDepth = MaxSupportedDepth + 1,
        AllowDuplicateProperties = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Reads one message document.</summary>
    /// <param name="utf8Json">The document, UTF-8 encoded.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The message, or every problem found.</returns>
    public static ValidationResult<ProactiveMessage> ReadMessage(ReadOnlySpan<byte> utf8Json, JsonFormatOptions? options = null)
    {
        options ??= DefaultOptions;
        if (Parse(utf8Json, options.MaxMessageBytes, options, Context.MessageDocumentDto, out var dto) is { } failure)
        {
            return ValidationResult<ProactiveMessage>.Failure(failure);
        }

        var reader = new DtoReader(options);
        if (!reader.CheckFormatVersion(dto!.FormatVersion))
        {
            return ValidationResult<ProactiveMessage>.Failure(reader.Problems.ToImmutable());
        }

        var message = reader.ReadMessage(dto, "$");
        return message is null || reader.HasErrors
            ? ValidationResult<ProactiveMessage>.Failure(reader.Problems.ToImmutable())
            : ValidationResult<ProactiveMessage>.Success(message);
    }

    /// <summary>Reads one message document.</summary>
    /// <param name="json">The document.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The message, or every problem found.</returns>
    public static ValidationResult<ProactiveMessage> ReadMessage(string json, JsonFormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= DefaultOptions;
        return TooLargeText(json, options.MaxMessageBytes) is { } tooLarge
            ? ValidationResult<ProactiveMessage>.Failure([tooLarge])
            : ReadMessage(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Reads a catalog document.</summary>
    /// <param name="utf8Json">The document, UTF-8 encoded.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <returns>
    /// The catalog, or every problem found in it. With <see cref="JsonFormatOptions.SkipInvalidMessages"/>,
    /// the catalog without the messages that could not be read, and their problems beside it.
    /// </returns>
    public static ValidationResult<CatalogDocument> ReadCatalog(ReadOnlySpan<byte> utf8Json, JsonFormatOptions? options = null)
    {
        options ??= DefaultOptions;
        if (Parse(utf8Json, options.MaxCatalogBytes, options, Context.CatalogDocumentDto, out var dto) is { } failure)
        {
            return ValidationResult<CatalogDocument>.Failure(failure);
        }

        var reader = new DtoReader(options);
        if (!reader.CheckFormatVersion(dto!.FormatVersion))
        {
            return ValidationResult<CatalogDocument>.Failure(reader.Problems.ToImmutable());
        }

        reader.CheckUnknown(dto, "$");

        var workspace = reader.ReadWorkspace(dto.Workspace, "$.workspace");
        var messages = ImmutableArray.CreateBuilder<ProactiveMessage>();
        if (dto.Messages is null)
        {
            reader.Missing("$.messages");
        }
        else if (dto.Messages.Count > options.MaxCatalogMessages)
        {
            reader.Add(JsonProblemCodes.TooManyMessages, $"The catalog has {dto.Messages.Count} messages; at most {options.MaxCatalogMessages} are allowed.", "$.messages");
        }
        else
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < dto.Messages.Count; i++)
            {
                var path = DtoReader.Index("$.messages", i);
                if (dto.Messages[i] is not { } messageDto)
                {
                    reader.Add(JsonProblemCodes.WrongType, "A message is an object.", path);
                    continue;
                }

                if (messageDto.FormatVersion is not null)
                {
                    reader.Add(JsonProblemCodes.NotApplicable, "A message inside a catalog takes its format version from the catalog.", path + ".formatVersion");
                }

                var message = reader.ReadMessage(messageDto, path);
                if (message is null)
                {
                    continue;
                }

                if (ids.TryGetValue(message.Id, out var first))
                {
                    reader.Add(JsonProblemCodes.DuplicateId, $"The id '{message.Id}' is already used by $.messages[{first.ToString(CultureInfo.InvariantCulture)}].", path + ".id");
                    continue;
                }

                ids.Add(message.Id, i);
                messages.Add(message);
            }
        }

        var problems = reader.Problems.ToImmutable();
        var failed = options.SkipInvalidMessages
            ? problems.Any(p => p.Kind == ProblemKind.Malformed && !p.Path.StartsWith("$.messages[", StringComparison.Ordinal))
            : reader.HasErrors;
        return workspace is null || failed
            ? ValidationResult<CatalogDocument>.Failure(problems)
            : ValidationResult<CatalogDocument>.Success(new CatalogDocument(workspace, messages.ToImmutable()), problems);
    }

    /// <summary>Reads a catalog document.</summary>
    /// <param name="json">The document.</param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The catalog, or every problem found in it.</returns>
    public static ValidationResult<CatalogDocument> ReadCatalog(string json, JsonFormatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        options ??= DefaultOptions;
        return TooLargeText(json, options.MaxCatalogBytes) is { } tooLarge
            ? ValidationResult<CatalogDocument>.Failure([tooLarge])
            : ReadCatalog(Encoding.UTF8.GetBytes(json), options);
    }

    /// <summary>Reads a catalog document from a stream, reading no more than the size cap allows.</summary>
    /// <param name="utf8Json">
    /// The stream, UTF-8 encoded; it is read to its end (or one byte past the cap) and not closed.
    /// A seekable stream whose remaining length is past the cap is refused without reading.
    /// </param>
    /// <param name="options">The limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The catalog, or every problem found in it.</returns>
    public static async Task<ValidationResult<CatalogDocument>> ReadCatalogAsync(Stream utf8Json, JsonFormatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        options ??= DefaultOptions;
        var cap = options.MaxCatalogBytes;
        if (utf8Json.CanSeek && utf8Json.Length - utf8Json.Position > cap)
        {
            return ValidationResult<CatalogDocument>.Failure([TooLarge(cap)]);
        }

        // One byte past the cap is enough to know that the document is too large, so no read asks
        // for more than what is left up to it: a large stream costs the cap, not a chunk more.
        var limit = (long)cap + 1;
        var buffer = new ArrayBufferWriter<byte>();
        while (buffer.WrittenCount < limit)
        {
            var wanted = (int)Math.Min(StreamChunkBytes, limit - buffer.WrittenCount);
            var read = await utf8Json.ReadAsync(buffer.GetMemory(wanted)[..wanted], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
        }

        return buffer.WrittenCount > cap
            ? ValidationResult<CatalogDocument>.Failure([TooLarge(cap)])
            : ReadCatalog(buffer.WrittenSpan, options);
    }

    /// <summary>Writes one message document in the canonical form.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The document, UTF-8 encoded, ending with a line break.</returns>
    public static byte[] WriteMessageUtf8(ProactiveMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Serialize(DtoWriter.ToDto(message, withFormatVersion: true), Context.MessageDocumentDto);
    }

    /// <summary>Writes one message document in the canonical form.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The document, ending with a line break.</returns>
    public static string WriteMessage(ProactiveMessage message) => Encoding.UTF8.GetString(WriteMessageUtf8(message));

    /// <summary>Writes a catalog document in the canonical form.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The document, UTF-8 encoded, ending with a line break.</returns>
    public static byte[] WriteCatalogUtf8(CatalogDocument catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Serialize(DtoWriter.ToDto(catalog), Context.CatalogDocumentDto);
    }

    /// <summary>Writes a catalog document in the canonical form.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <returns>The document, ending with a line break.</returns>
    public static string WriteCatalog(CatalogDocument catalog) => Encoding.UTF8.GetString(WriteCatalogUtf8(catalog));

    private static byte[] Serialize<T>(T dto, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = Context.Options.Encoder,
        }))
        {
            JsonSerializer.Serialize(writer, dto, typeInfo);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static ImmutableArray<Problem>? Parse<T>(ReadOnlySpan<byte> utf8Json, int maxBytes, JsonFormatOptions options, JsonTypeInfo<T> typeInfo, out T? dto)
        where T : class
    {
        dto = null;
        if (options.MaxDepth is < 1 or > MaxSupportedDepth)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDepth, $"MaxDepth must be between 1 and {MaxSupportedDepth}.");
        }

        if (utf8Json.Length > maxBytes)
        {
            return [TooLarge(maxBytes)];
        }

        // A UTF-8 byte order mark is allowed and skipped, as the reader does not accept it.
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        if (JsonPreScanner.Scan(utf8Json, options.MaxDepth) is { } scanProblem)
        {
            return [scanProblem];
        }

        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, typeInfo);
        }
        catch (JsonException exception)
        {
            return [WrongType(exception)];
        }

        if (dto is null)
        {
            return [new Problem(JsonProblemCodes.WrongType, "The document is an object, not null.", "$")];
        }

        return null;
    }

    private static Problem WrongType(JsonException exception)
    {
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var line = (exception.LineNumber ?? 0) + 1;
        var expected = exception.Message switch
        {
            var m when m.Contains("System.Int", StringComparison.Ordinal) => "a whole number",
            var m when m.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
            var m when m.Contains("System.String", StringComparison.Ordinal) => "a string",
            var m when m.Contains("List", StringComparison.Ordinal) => "an array",
            var m when m.Contains("Dictionary", StringComparison.Ordinal) => "an object",
            _ => "another JSON type",
        };
        return new Problem(
            JsonProblemCodes.WrongType,
            string.Create(CultureInfo.InvariantCulture, $"The value at line {line} has the wrong type: {expected} belongs here."),
            path);
    }

    private static Problem? TooLargeText(string json, int maxBytes) =>
        json.Length > maxBytes || Encoding.UTF8.GetByteCount(json) > maxBytes ? TooLarge(maxBytes) : null;

    private static Problem TooLarge(int maxBytes) =>
        new(JsonProblemCodes.TooLarge, $"The payload is larger than the cap of {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes; it was not read.", "$");
}
