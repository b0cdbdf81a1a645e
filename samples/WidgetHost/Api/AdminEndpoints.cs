using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProactiveMessaging;
using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;

namespace WidgetHost.Api;

/// <summary>The catalog's administration: every route needs the admin key in <c>X-Admin-Key</c>.</summary>
internal static class AdminEndpoints
{
    public const string KeyHeader = "X-Admin-Key";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin").AddEndpointFilter(RequireKeyAsync);
        admin.MapGet("/messages", ListAsync);
        admin.MapGet("/messages/{id}", GetAsync);
        admin.MapPut("/messages/{id}", EditAsync);
        admin.MapPost("/messages/{id}/publish", (HttpContext context, MessageCatalog catalog, string id) => VersionedActionAsync(context, catalog, id, MessageAction.Publish));
        admin.MapPost("/messages/{id}/pause", (HttpContext context, MessageCatalog catalog, string id) => VersionedActionAsync(context, catalog, id, MessageAction.Pause));
        admin.MapPost("/messages/{id}/resume", (HttpContext context, MessageCatalog catalog, string id) => VersionedActionAsync(context, catalog, id, MessageAction.Resume));
        admin.MapPost("/messages/{id}/duplicate", DuplicateAsync);
        admin.MapDelete("/messages/{id}", DeleteAsync);
        admin.MapGet("/messages/{id}/experiment", ExperimentAsync);
        admin.MapGet("/catalog", ExportAsync);
        admin.MapPost("/catalog", ImportAsync);
        admin.MapPost("/explain", ExplainAsync);
    }

    private static async ValueTask<object?> RequireKeyAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var settings = invocation.HttpContext.RequestServices.GetRequiredService<WidgetHostSettings>();
        var sent = invocation.HttpContext.Request.Headers[KeyHeader].ToString();
        return IsKey(sent, settings.AdminKey) ? await next(invocation) : ApiProblems.Unauthorized();
    }

    /// <summary>Compares hashes in constant time, so neither the key's content nor its length leaks through timing.</summary>
    internal static bool IsKey(string sent, string key)
    {
        if (sent.Length == 0)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> right = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(sent), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(key), right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    private static async Task<IResult> ListAsync(HttpContext context, MessageCatalog catalog, string? sort, string? direction)
    {
        var problems = new List<ProblemItem>();
        MessageSortColumn? column = (sort ?? "name") switch
        {
            "name" => MessageSortColumn.Name,
            "status" => MessageSortColumn.Status,
            "channel" => MessageSortColumn.Channel,
            "sent" => MessageSortColumn.Sent,
            "opened" => MessageSortColumn.Opened,
            "replied" => MessageSortColumn.Replied,
            "updatedAt" => MessageSortColumn.UpdatedAt,
            _ => null,
        };
        SortDirection? order = (direction ?? "ascending") switch
        {
            "ascending" => SortDirection.Ascending,
            "descending" => SortDirection.Descending,
            _ => null,
        };
        if (column is null)
        {
            problems.Add(new ProblemItem("request.unknownValue", "query.sort", "Sort by name, status, channel, sent, opened, replied or updatedAt."));
        }

        if (order is null)
        {
            problems.Add(new ProblemItem("request.unknownValue", "query.direction", "The direction is ascending or descending."));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.BadRequest("The list query is not valid.", problems);
        }

        var page = await catalog.ListAsync(
            DemoShop.WorkspaceId,
            new MessageListQuery { SortBy = column!.Value, Direction = order!.Value, Limit = 1000 },
            context.RequestAborted);
        return Results.Json(
            new MessageListBody(page.TotalCount, sort ?? "name", direction ?? "ascending", [.. page.Items.Select(ApiMapping.ToItem)]),
            WidgetJsonContext.Default.MessageListBody);
    }

    private static async Task<IResult> GetAsync(HttpContext context, MessageCatalog catalog, string id)
    {
        var message = await catalog.GetAsync(DemoShop.WorkspaceId, id, context.RequestAborted);
        if (message is null)
        {
            return UnknownMessage(id);
        }

        var definition = JsonElement.Parse(MessageJson.WriteMessageUtf8(message));
        var incomplete = catalog.Validator.Validate(message.Definition).Problems;
        var experiment = message.Experiment is null ? null : await catalog.GetExperimentResultsAsync(DemoShop.WorkspaceId, id, context.RequestAborted);
        return Results.Json(
            new MessageDetailBody(ApiMapping.ToItem(message), definition, ApiProblems.ToItems(incomplete), experiment is null ? null : ApiMapping.ToBody(experiment)),
            WidgetJsonContext.Default.MessageDetailBody);
    }

    private static async Task<IResult> EditAsync(HttpContext context, MessageCatalog catalog, string id)
    {
        var (request, error) = await RequestBody.ReadJsonAsync(context.Request, WidgetHostSettings.AdminBodyLimit, WidgetJsonContext.Default.EditRequest, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var problems = new List<ProblemItem>();
        if (request!.Version is null)
        {
            problems.Add(new ProblemItem("request.required", "$.version", "The version the edit is based on is required."));
        }

        if (request.Definition is not { ValueKind: JsonValueKind.Object })
        {
            problems.Add(new ProblemItem("request.required", "$.definition", "The message definition (a JSON object) is required."));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.BadRequest("The edit is not valid.", problems);
        }

        var read = MessageJson.ReadMessage(request.Definition!.Value.GetRawText());
        if (!read.TryGetValue(out var edited))
        {
            return ApiProblems.Create(
                StatusCodes.Status422UnprocessableEntity,
                "Edit refused",
                "The definition has problems.",
                read.Problems.Select(problem => new ProblemItem(problem.Code, Under("$.definition", problem.Path), problem.Message)));
        }

        var result = await catalog.EditAsync(DemoShop.WorkspaceId, id, request.Version!.Value, edited!.Definition, DemoShop.Snapshot, context.RequestAborted);
        return await ActionResultAsync(context, catalog, result);
    }

    private static async Task<IResult> VersionedActionAsync(HttpContext context, MessageCatalog catalog, string id, MessageAction action)
    {
        var (request, error) = await RequestBody.ReadJsonAsync(context.Request, WidgetHostSettings.AdminBodyLimit, WidgetJsonContext.Default.VersionRequest, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        if (request!.Version is not { } version)
        {
            return ApiProblems.BadRequest("The version is required.", new ProblemItem("request.required", "$.version", "The version the action is based on is required."));
        }

        var result = action switch
        {
            MessageAction.Publish => await catalog.PublishAsync(DemoShop.WorkspaceId, id, version, DemoShop.Snapshot, context.RequestAborted),
            MessageAction.Pause => await catalog.PauseAsync(DemoShop.WorkspaceId, id, version, context.RequestAborted),
            _ => await catalog.ResumeAsync(DemoShop.WorkspaceId, id, version, DemoShop.Snapshot, context.RequestAborted),
        };
        return await ActionResultAsync(context, catalog, result);
    }

    private static async Task<IResult> DuplicateAsync(HttpContext context, MessageCatalog catalog, string id) =>
        await ActionResultAsync(context, catalog, await catalog.DuplicateAsync(DemoShop.WorkspaceId, id, context.RequestAborted));

    private static async Task<IResult> DeleteAsync(HttpContext context, MessageCatalog catalog, string id, string? version)
    {
        if (!long.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            return ApiProblems.BadRequest("The version is required.", new ProblemItem("request.required", "query.version", "Give the version the deletion is based on (?version=N)."));
        }

        var result = await catalog.DeleteAsync(DemoShop.WorkspaceId, id, expected, context.RequestAborted);
        return result.Succeeded ? Results.NoContent() : Refused(result);
    }

    private static async Task<IResult> ExperimentAsync(HttpContext context, MessageCatalog catalog, string id)
    {
        var results = await catalog.GetExperimentResultsAsync(DemoShop.WorkspaceId, id, context.RequestAborted);
        return results is null
            ? ApiProblems.NotFound($"Message '{id}' does not exist or has no experiment.")
            : Results.Json(ApiMapping.ToBody(results), WidgetJsonContext.Default.ExperimentBody);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, MessageCatalog catalog)
    {
        var document = await catalog.ExportAsync(DemoShop.WorkspaceId, context.RequestAborted);
        return Results.File(MessageJson.WriteCatalogUtf8(document), "application/json", "catalog.json");
    }

    private static async Task<IResult> ImportAsync(HttpContext context, MessageCatalog catalog, string? onExisting)
    {
        ImportConflictMode? mode = (onExisting ?? "fail") switch
        {
            "fail" => ImportConflictMode.Fail,
            "skip" => ImportConflictMode.Skip,
            "replace" => ImportConflictMode.Replace,
            _ => null,
        };
        if (mode is null)
        {
            return ApiProblems.BadRequest("The import query is not valid.", new ProblemItem("request.unknownValue", "query.onExisting", "onExisting is fail, skip or replace."));
        }

        var (bytes, error) = await RequestBody.ReadAsync(context.Request, WidgetHostSettings.AdminBodyLimit, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var read = MessageJson.ReadCatalog(bytes);
        if (!read.TryGetValue(out var document))
        {
            // Not JSON at all is a bad request; JSON that is not a valid catalog is refused content.
            var status = read.Problems.Any(problem => problem.Code == "json.syntax") ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
            return ApiProblems.Create(status, "Import refused", "The catalog document has problems.", read.Problems);
        }

        if (document!.Workspace.Id != DemoShop.WorkspaceId)
        {
            return ApiProblems.Create(
                StatusCodes.Status422UnprocessableEntity,
                "Import refused",
                "The document belongs to another workspace.",
                [new ProblemItem("workspace.mismatch", "$.workspace.id", $"This host serves the workspace '{DemoShop.WorkspaceId}'.")]);
        }

        var report = await catalog.ImportAsync(document, DemoShop.Snapshot, new CatalogImportOptions { OnExistingId = mode.Value }, context.RequestAborted);
        if (!report.Succeeded)
        {
            return ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "Import refused", "Nothing was imported.", report.Problems);
        }

        return Results.Json(
            new ImportBody(
                report.Inserted,
                report.Replaced,
                report.Skipped,
                [.. report.MovedToError.Select(change => new MovedToErrorItem(change.MessageId, ApiProblems.ToItems(change.Problems)))]),
            WidgetJsonContext.Default.ImportBody);
    }

    private static async Task<IResult> ExplainAsync(HttpContext context, ProactiveEngine engine, VisitorContexts visitors)
    {
        var (request, error) = await RequestBody.ReadJsonAsync(context.Request, WidgetHostSettings.AdminBodyLimit, WidgetJsonContext.Default.ExplainRequest, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        if (request!.Event is not { } visitorEvent)
        {
            return ApiProblems.BadRequest("The event is required.", new ProblemItem("request.required", "$.event", "The visitor event to explain is required."));
        }

        var problems = VisitorEventMapper.Validate(visitorEvent, "$.event");
        if (!problems.IsEmpty)
        {
            return ApiProblems.BadRequest("The event is not valid.", problems);
        }

        var visitor = visitors.Rent();
        EventExplanation explanation;
        try
        {
            explanation = await engine.ExplainAsync(VisitorEventMapper.ToEvent(visitorEvent, visitor), context.RequestAborted);
        }
        finally
        {
            visitors.Return(visitor);
        }

        return Results.Json(ApiMapping.ToBody(explanation, request.MessageId), WidgetJsonContext.Default.ExplainBody);
    }

    private static async Task<IResult> ActionResultAsync(HttpContext context, MessageCatalog catalog, MessageActionResult result)
    {
        if (!result.Succeeded)
        {
            return Refused(result);
        }

        // Read the message again: the single read adds the metrics store's counts to what is stored.
        var message = await catalog.GetAsync(DemoShop.WorkspaceId, result.Message!.Id, context.RequestAborted) ?? result.Message;
        return Results.Json(new MessageBody(ApiMapping.ToItem(message)), WidgetJsonContext.Default.MessageBody);
    }

    private static IResult Refused(MessageActionResult result)
    {
        var title = $"{result.Action} refused";
        var detail = result.RefusalDescription ?? title;
        ImmutableArray<ProblemItem> problems = ApiProblems.ToItems(result.Problems);
        return result.Refusal switch
        {
            MessageActionRefusal.NotFound => UnknownMessage(result.MessageId),
            MessageActionRefusal.Problems => ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, title, detail, problems),
            MessageActionRefusal.VersionConflict => ApiProblems.Create(
                StatusCodes.Status409Conflict,
                title,
                detail,
                problems.IsEmpty ? [new ProblemItem("version.conflict", "$.version", $"The message changed since version {result.ExpectedVersion}; reload it and try again.")] : problems),
            _ => ApiProblems.Create(
                StatusCodes.Status409Conflict,
                title,
                detail,
                problems.IsEmpty ? [new ProblemItem("action.notAllowed", "$.status", $"{result.Action} is not allowed for a message that is {result.Status}.")] : problems),
        };
    }

    private static IResult UnknownMessage(string id) => ApiProblems.NotFound($"Message '{id}' does not exist.");

    private static string Under(string root, string path) => path.StartsWith('$') ? root + path[1..] : $"{root}.{path}";

}
