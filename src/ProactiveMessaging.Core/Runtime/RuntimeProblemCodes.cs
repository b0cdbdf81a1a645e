namespace ProactiveMessaging.Runtime;

/// <summary>The stable codes of the problems the runtime reports.</summary>
public static class RuntimeProblemCodes
{
    /// <summary>The event's workspace id is missing or breaks the <see cref="IdRule"/>.</summary>
    public const string WorkspaceIdInvalid = "event.workspaceId.invalid";

    /// <summary>The event's channel id is missing or breaks the <see cref="IdRule"/>.</summary>
    public const string ChannelIdInvalid = "event.channelId.invalid";

    /// <summary>The event's visitor id is missing or breaks the <see cref="IdRule"/>.</summary>
    public const string VisitorIdInvalid = "event.visitorId.invalid";

    /// <summary>The event's visit id is given but breaks the <see cref="IdRule"/>.</summary>
    public const string VisitIdInvalid = "event.visitId.invalid";

    /// <summary>
    /// The event has no visit id, and the engine requires one (<see cref="ProactiveMessagingOptions.RequireVisitIds"/>,
    /// as the shared stores of hosts on many nodes do).
    /// </summary>
    public const string VisitIdRequired = "event.visitId.required";

    /// <summary>
    /// The event has no page view id, and the engine requires one (<see cref="ProactiveMessagingOptions.RequireVisitIds"/>,
    /// as the shared stores of hosts on many nodes do).
    /// </summary>
    public const string PageViewIdRequired = "event.pageViewId.required";

    /// <summary>The event's page view id is given but breaks the <see cref="IdRule"/>.</summary>
    public const string PageViewIdInvalid = "event.pageViewId.invalid";

    /// <summary>The event's kind is not defined.</summary>
    public const string EventKindInvalid = "event.kind.invalid";

    /// <summary>The event has no visitor context.</summary>
    public const string VisitorContextMissing = "event.visitor.missing";

    /// <summary>The event's visitor context was made for a field catalog that neither is nor extends the engine's.</summary>
    public const string VisitorCatalogMismatch = "event.visitor.catalogMismatch";

    /// <summary>A Live message could not be planned and is not evaluated.</summary>
    public const string MessageNotPlanned = "plan.messageLeftOut";
}
