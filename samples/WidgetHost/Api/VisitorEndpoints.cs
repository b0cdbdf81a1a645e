using ProactiveMessaging.Runtime;

namespace WidgetHost.Api;

/// <summary>
/// What a visitor's browser may call: report events and outcomes, get the engine's decision. Nothing
/// here reads or changes the catalog; a decision carries only the one message it shows.
/// </summary>
internal static class VisitorEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var visitor = routes.MapGroup("/api/visitor");
        visitor.MapPost("/events", DecideAsync);
        visitor.MapPost("/outcomes", RecordOutcomeAsync);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, ProactiveEngine engine, VisitorContexts visitors)
    {
        var (request, error) = await RequestBody.ReadJsonAsync(context.Request, WidgetHostSettings.VisitorBodyLimit, WidgetJsonContext.Default.VisitorEventRequest, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var problems = VisitorEventMapper.Validate(request!, "$");
        if (!problems.IsEmpty)
        {
            return ApiProblems.BadRequest("The event is not valid.", problems);
        }

        var visitor = visitors.Rent();
        Decision decision;
        try
        {
            decision = await engine.DecideAsync(VisitorEventMapper.ToEvent(request!, visitor), context.RequestAborted);
        }
        finally
        {
            visitors.Return(visitor);
        }

        if (decision.Outcome == DecisionOutcome.InvalidEvent)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, "Invalid event", "The engine refused the event.", decision.Problem is { } problem ? [problem] : []);
        }

        return Results.Json(ApiMapping.ToBody(decision), WidgetJsonContext.Default.DecisionBody);
    }

    private static async Task<IResult> RecordOutcomeAsync(HttpContext context, ProactiveEngine engine)
    {
        var (request, error) = await RequestBody.ReadJsonAsync(context.Request, WidgetHostSettings.VisitorBodyLimit, WidgetJsonContext.Default.OutcomeRequest, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var problems = VisitorEventMapper.Validate(request!, out var outcome);
        if (!problems.IsEmpty)
        {
            return ApiProblems.BadRequest("The outcome is not valid.", problems);
        }

        var recording = await engine.RecordOutcomeAsync(
            new OutcomeEvent
            {
                WorkspaceId = DemoShop.WorkspaceId,
                VisitorId = request!.VisitorId!,
                VisitId = request.VisitId,
                MessageId = request.MessageId,
                Outcome = outcome,
            },
            context.RequestAborted);
        return recording switch
        {
            OutcomeRecording.InvalidEvent => ApiProblems.BadRequest("The engine refused the outcome.", new ProblemItem("outcome.invalid", "$", "The outcome does not fit the visitor's state (for example a message id with an outcome that takes none).")),
            OutcomeRecording.StoreUnavailable => ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, "Store unavailable", "The outcome could not be recorded; try again."),
            _ => Results.Json(new OutcomeBody(VisitorEventMapper.Camel(recording.ToString())), WidgetJsonContext.Default.OutcomeBody),
        };
    }
}
