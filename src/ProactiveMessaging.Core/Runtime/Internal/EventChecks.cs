using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;

namespace ProactiveMessaging.Runtime.Internal;

/// <summary>The checks an event passes before any message is looked at: ids, kind and the visitor context's fields.</summary>
/// <remarks>Stateless; allocates only the problem of an invalid event.</remarks>
internal static class EventChecks
{
    /// <summary>
    /// The first problem of a visitor event, checked against the engine's own fields; <see langword="null"/> when it is well-formed.
    /// With <paramref name="requireVisitIds"/>, an event must carry the host's visit and page view ids.
    /// </summary>
    public static Problem? Check(in VisitorEvent visitorEvent, FieldCatalog engineFields, bool requireVisitIds)
    {
        if (!IdRule.IsValid(visitorEvent.WorkspaceId))
        {
            return new Problem(RuntimeProblemCodes.WorkspaceIdInvalid, $"An event needs a workspace id of {IdRule.Description}.", "$.workspaceId");
        }

        if (!IdRule.IsValid(visitorEvent.ChannelId))
        {
            return new Problem(RuntimeProblemCodes.ChannelIdInvalid, $"An event needs a channel id of {IdRule.Description}.", "$.channelId");
        }

        return CheckAfterChannel(visitorEvent, engineFields, requireVisitIds);
    }

    /// <summary>
    /// The checks of <see cref="Check"/> that follow the workspace and channel ids, with the same
    /// problems in the same order: for an event whose two ids named a plan, which proves them valid
    /// (every plan is kept under valid ids). <paramref name="fields"/> is the catalogue of that
    /// plan: the engine's, or one that extends it, so one check covers both.
    /// </summary>
    public static Problem? CheckAfterChannel(in VisitorEvent visitorEvent, FieldCatalog fields, bool requireVisitIds)
    {
        if (!IdRule.IsValidVisitorId(visitorEvent.VisitorId))
        {
            return new Problem(RuntimeProblemCodes.VisitorIdInvalid, $"An event needs a visitor id of {IdRule.VisitorIdDescription}.", "$.visitorId");
        }

        if (requireVisitIds && visitorEvent.VisitId is null)
        {
            return new Problem(RuntimeProblemCodes.VisitIdRequired, "This engine shares its state with other nodes, so events need the host's visit (session) id: the engine cannot track visits on one node alone.", "$.visitId");
        }

        if (requireVisitIds && visitorEvent.PageViewId is null)
        {
            return new Problem(RuntimeProblemCodes.PageViewIdRequired, "This engine shares its state with other nodes, so events need the host's page view id: the engine cannot count page views on one node alone.", "$.pageViewId");
        }

        if (visitorEvent.VisitId is { } visit && !IdRule.IsValidVisitorId(visit))
        {
            return new Problem(RuntimeProblemCodes.VisitIdInvalid, $"A visit id has {IdRule.VisitorIdDescription}.", "$.visitId");
        }

        if (visitorEvent.PageViewId is { } pageView && !IdRule.IsValidVisitorId(pageView))
        {
            return new Problem(RuntimeProblemCodes.PageViewIdInvalid, $"A page view id has {IdRule.VisitorIdDescription}.", "$.pageViewId");
        }

        // A range check rather than Enum.IsDefined: the kinds are contiguous from 0.
        if ((uint)visitorEvent.Kind > (uint)VisitorEventKind.AppEvent)
        {
            return new Problem(RuntimeProblemCodes.EventKindInvalid, $"'{visitorEvent.Kind}' is not an event kind.", "$.kind");
        }

        if (visitorEvent.Visitor is null)
        {
            return new Problem(RuntimeProblemCodes.VisitorContextMissing, "An event needs a visitor context.", "$.visitor");
        }

        return CheckCatalog(visitorEvent.Visitor, fields);
    }

    /// <summary>
    /// The visitor context must hold the fields of the workspace's plans. <see cref="Check"/> already
    /// checked it against the engine's fields, so only a workspace with declarations of its own needs this.
    /// </summary>
    public static Problem? CheckWorkspaceFields(VisitorContext visitor, FieldCatalog workspaceFields, FieldCatalog engineFields) =>
        ReferenceEquals(workspaceFields, engineFields) ? null : CheckCatalog(visitor, workspaceFields);

    /// <summary>
    /// Whether an outcome event is well-formed: the ids, a defined outcome, and a message id exactly
    /// where the outcome is about a message; with <paramref name="requireVisitIds"/>, the host's visit id too.
    /// </summary>
    public static bool IsValid(in OutcomeEvent outcomeEvent, bool requireVisitIds) =>
        (!requireVisitIds || outcomeEvent.VisitId is not null)
        && IdRule.IsValid(outcomeEvent.WorkspaceId) && IdRule.IsValidVisitorId(outcomeEvent.VisitorId) && Enum.IsDefined(outcomeEvent.Outcome)
        && !(outcomeEvent.MessageId is null && outcomeEvent.Outcome is VisitorOutcome.Opened or VisitorOutcome.Dismissed or VisitorOutcome.Replied)
        && (outcomeEvent.MessageId is null || IdRule.IsValid(outcomeEvent.MessageId))
        && (outcomeEvent.VisitId is null || IdRule.IsValidVisitorId(outcomeEvent.VisitId));

    /// <summary>The visitor context must hold the fields the plans were compiled with (the workspace's catalog or one that extends it).</summary>
    private static Problem? CheckCatalog(VisitorContext visitor, FieldCatalog fields) =>
        visitor.Catalog.Extends(fields)
            ? null
            : new Problem(RuntimeProblemCodes.VisitorCatalogMismatch, "The visitor context was made for a field catalog that neither is nor extends the workspace's; create it from ProactiveEngine.GetFields(workspaceId).", "$.visitor");
}
