using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace WidgetHost.Api;

/// <summary>Reads a request body under a size limit and turns it into a typed request or a problem.</summary>
internal static class RequestBody
{
    /// <summary>Reads at most <paramref name="limit"/> bytes; a larger body is a 413 without reading the rest.</summary>
    public static async Task<(byte[]? Bytes, IResult? Error)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, ApiProblems.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, ApiProblems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>Reads and deserializes a JSON body; an empty body, <c>null</c> or malformed JSON is a 400 naming where.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, int limit, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        var (bytes, error) = await ReadAsync(request, limit, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        if (bytes!.Length == 0)
        {
            return (null, ApiProblems.BadRequest("The request has no body.", new ProblemItem("json.syntax", "$", "A JSON object is expected; the body is empty.")));
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            return value is null
                ? (null, ApiProblems.BadRequest("The request body is null.", new ProblemItem("json.wrongType", "$", "A JSON object is expected at line 1.")))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, ApiProblems.Malformed(exception));
        }
    }
}
