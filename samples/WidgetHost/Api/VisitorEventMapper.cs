using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Runtime;

namespace WidgetHost.Api;

/// <summary>
/// Checks a visitor request field by field (every problem listed with its JSON path) and turns it
/// into the engine's event. Whatever a browser sends, the engine sees only bounded, typed values.
/// </summary>
internal static class VisitorEventMapper
{
    public const int MaxIdLength = 128;
    public const int MaxUrlLength = 2048;
    public const int MaxTitleLength = 512;
    public const int MaxLanguageLength = 35;
    public const int MaxTimeOnPageSeconds = 86_400;
    public const int MaxCount = 100_000;

    public static ImmutableArray<ProblemItem> Validate(VisitorEventRequest request, string root)
    {
        var problems = ImmutableArray.CreateBuilder<ProblemItem>();
        RequiredId(problems, request.ChannelId, root, "channelId");
        RequiredId(problems, request.VisitorId, root, "visitorId");
        OptionalId(problems, request.VisitId, root, "visitId");
        OptionalId(problems, request.PageViewId, root, "pageViewId");
        var kind = ParseKind(request.Kind);
        if (request.Kind is null)
        {
            problems.Add(new ProblemItem("request.required", $"{root}.kind", "The event kind is required: pageView, heartbeat or appEvent."));
        }
        else if (kind is null)
        {
            problems.Add(new ProblemItem("request.unknownValue", $"{root}.kind", $"'{Clip(request.Kind)}' is not an event kind: pageView, heartbeat or appEvent."));
        }

        if (kind == VisitorEventKind.AppEvent)
        {
            RequiredId(problems, request.EventName, root, "eventName");
        }
        else
        {
            OptionalId(problems, request.EventName, root, "eventName");
        }

        if (string.IsNullOrEmpty(request.Url))
        {
            problems.Add(new ProblemItem("request.required", $"{root}.url", "The page URL is required."));
        }
        else if (!IsHttpUrl(request.Url))
        {
            problems.Add(new ProblemItem("request.invalidUrl", $"{root}.url", $"The page URL must be an absolute http or https URL of at most {MaxUrlLength} characters."));
        }

        if (!string.IsNullOrEmpty(request.Referrer) && !IsHttpUrl(request.Referrer))
        {
            problems.Add(new ProblemItem("request.invalidUrl", $"{root}.referrer", $"The referrer must be empty or an absolute http or https URL of at most {MaxUrlLength} characters."));
        }

        MaxLength(problems, request.Title, MaxTitleLength, root, "title");
        MaxLength(problems, request.Language, MaxLanguageLength, root, "language");
        if (request.TimeOnPageSeconds is { } seconds && !(seconds is >= 0 and <= MaxTimeOnPageSeconds))
        {
            problems.Add(new ProblemItem("request.outOfRange", $"{root}.timeOnPageSeconds", $"The time on page must be 0 to {MaxTimeOnPageSeconds} seconds."));
        }

        Count(problems, request.PageViews, root, "pageViews");
        Count(problems, request.Visits, root, "visits");
        return problems.ToImmutable();
    }

    /// <summary>The engine's event for a request that <see cref="Validate"/> accepted, its visitor filled into a cleared <paramref name="visitor"/>.</summary>
    public static VisitorEvent ToEvent(VisitorEventRequest request, VisitorContext visitor)
    {
        visitor.SetPageUrl(request.Url);
        visitor.SetPageTitle(request.Title);
        visitor.SetReferrer(string.IsNullOrEmpty(request.Referrer) ? null : request.Referrer);
        visitor.SetLanguage(string.IsNullOrEmpty(request.Language) ? null : request.Language);
        visitor.SetTimeOnPage(request.TimeOnPageSeconds is { } seconds ? Duration.FromSeconds(seconds) : null);
        visitor.SetPageViews(request.PageViews);
        visitor.SetVisits(request.Visits);
        visitor.SetReturning(request.Returning);
        return new VisitorEvent
        {
            WorkspaceId = DemoShop.WorkspaceId,
            ChannelId = request.ChannelId!,
            VisitorId = request.VisitorId!,
            VisitId = request.VisitId,
            PageViewId = request.PageViewId,
            Kind = ParseKind(request.Kind)!.Value,
            EventName = request.EventName,
            Visitor = visitor,
        };
    }

    public static ImmutableArray<ProblemItem> Validate(OutcomeRequest request, out VisitorOutcome outcome)
    {
        var problems = ImmutableArray.CreateBuilder<ProblemItem>();
        RequiredId(problems, request.VisitorId, "$", "visitorId");
        OptionalId(problems, request.VisitId, "$", "visitId");
        OptionalId(problems, request.MessageId, "$", "messageId");
        outcome = default;
        if (request.Outcome is null)
        {
            problems.Add(new ProblemItem("request.required", "$.outcome", "The outcome is required."));
        }
        else if (ParseOutcome(request.Outcome) is { } parsed)
        {
            outcome = parsed;
        }
        else
        {
            problems.Add(new ProblemItem("request.unknownValue", "$.outcome", $"'{Clip(request.Outcome)}' is not an outcome: opened, dismissed, windowClosed, replied, conversationStarted or conversationEnded."));
        }

        return problems.ToImmutable();
    }

    public static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static VisitorEventKind? ParseKind(string? kind) => kind switch
    {
        "pageView" => VisitorEventKind.PageView,
        "heartbeat" => VisitorEventKind.Heartbeat,
        "appEvent" => VisitorEventKind.AppEvent,
        _ => null,
    };

    private static VisitorOutcome? ParseOutcome(string outcome) => outcome switch
    {
        "opened" => VisitorOutcome.Opened,
        "dismissed" => VisitorOutcome.Dismissed,
        "windowClosed" => VisitorOutcome.WindowClosed,
        "replied" => VisitorOutcome.Replied,
        "conversationStarted" => VisitorOutcome.ConversationStarted,
        "conversationEnded" => VisitorOutcome.ConversationEnded,
        _ => null,
    };

    private static bool IsHttpUrl(string value) =>
        value.Length <= MaxUrlLength
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void RequiredId(ImmutableArray<ProblemItem>.Builder problems, string? value, string root, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new ProblemItem("request.required", $"{root}.{name}", $"'{name}' is required (1 to {MaxIdLength} characters)."));
        }
        else
        {
            OptionalId(problems, value, root, name);
        }
    }

    private static void OptionalId(ImmutableArray<ProblemItem>.Builder problems, string? value, string root, string name)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length is 0 or > MaxIdLength || value.Any(char.IsControl))
        {
            problems.Add(new ProblemItem("request.invalidId", $"{root}.{name}", $"'{name}' must be 1 to {MaxIdLength} characters without control characters."));
        }
    }

    private static void MaxLength(ImmutableArray<ProblemItem>.Builder problems, string? value, int max, string root, string name)
    {
        if (value is { Length: var length } && length > max)
        {
            problems.Add(new ProblemItem("request.tooLong", $"{root}.{name}", $"'{name}' must be at most {max} characters."));
        }
    }

    private static void Count(ImmutableArray<ProblemItem>.Builder problems, int? value, string root, string name)
    {
        if (value is { } count && count is < 0 or > MaxCount)
        {
            problems.Add(new ProblemItem("request.outOfRange", $"{root}.{name}", $"'{name}' must be 0 to {MaxCount}."));
        }
    }

    // Echo at most a few characters of a refused value, so that a problem never carries a whole payload back.
    private static string Clip(string value) => value.Length <= 32 ? value : string.Concat(value.AsSpan(0, 32), "…");
}
