using System.Collections.Immutable;
using System.Text.Json;
using ProactiveMessaging;

namespace WidgetHost.Api;

/// <summary>Every error of the API as RFC 9457 problem details, with the library's problems listed.</summary>
internal static class ApiProblems
{
    public const string ContentType = "application/problem+json";

    public static IResult Create(int status, string title, string detail, IEnumerable<ProblemItem>? problems = null) =>
        Results.Json(
            new ProblemDetailsBody(TypeFor(status), title, status, detail, problems is null ? [] : [.. problems]),
            WidgetJsonContext.Default.ProblemDetailsBody,
            ContentType,
            status);

    public static IResult Create(int status, string title, string detail, IEnumerable<Problem> problems) =>
        Create(status, title, detail, problems.Select(ToItem));

    public static IResult BadRequest(string detail, params IEnumerable<ProblemItem> problems) =>
        Create(StatusCodes.Status400BadRequest, "Invalid request", detail, problems);

    public static IResult NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, "Not found", what);

    public static IResult TooLarge(int limit) =>
        Create(
            StatusCodes.Status413PayloadTooLarge,
            "Request body too large",
            $"The request body is larger than {limit} bytes.",
            [new ProblemItem("request.tooLarge", "$", $"At most {limit} bytes are accepted here.")]);

    public static IResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "Admin key required", "Send the admin key in the X-Admin-Key header.");

    public static ProblemItem ToItem(Problem problem) => new(problem.Code, problem.Path, problem.Message);

    public static ImmutableArray<ProblemItem> ToItems(ImmutableArray<Problem> problems) =>
        problems.IsDefault ? [] : [.. problems.Select(ToItem)];

    /// <summary>A body that is not JSON, or JSON of the wrong shape, named by path, line and byte.</summary>
    public static IResult Malformed(JsonException exception)
    {
        // A reader failure (not well-formed) wraps the reader's own JsonException; a shape mismatch
        // (a number where a string belongs) wraps something else, or nothing.
        var code = exception.InnerException is JsonException ? "json.syntax" : "json.wrongType";
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        var message = code == "json.syntax"
            ? $"The body is not well-formed JSON at line {line}, byte {position}."
            : $"The value at line {line}, byte {position} does not have the expected type.";
        return BadRequest($"The request body cannot be read ({path}, line {line}).", new ProblemItem(code, path, message));
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
