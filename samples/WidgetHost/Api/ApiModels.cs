using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WidgetHost.Api;

// The HTTP API's request and response bodies (camelCase JSON, enums written as camelCase strings).
// Kinds and outcomes are read as strings so that an unknown value is a problem with its path, not a
// serializer failure.

internal sealed record VisitorEventRequest
{
    public string? ChannelId { get; init; }

    public string? VisitorId { get; init; }

    public string? VisitId { get; init; }

    public string? PageViewId { get; init; }

    public string? Kind { get; init; }

    public string? EventName { get; init; }

    public string? Url { get; init; }

    public string? Title { get; init; }

    public string? Referrer { get; init; }

    public string? Language { get; init; }

    public double? TimeOnPageSeconds { get; init; }

    public int? PageViews { get; init; }

    public int? Visits { get; init; }

    public bool? Returning { get; init; }
}

internal sealed record OutcomeRequest
{
    public string? VisitorId { get; init; }

    public string? VisitId { get; init; }

    public string? MessageId { get; init; }

    public string? Outcome { get; init; }
}

internal sealed record VersionRequest
{
    public long? Version { get; init; }
}

internal sealed record EditRequest
{
    public long? Version { get; init; }

    public JsonElement? Definition { get; init; }
}

internal sealed record ExplainRequest
{
    public VisitorEventRequest? Event { get; init; }

    public string? MessageId { get; init; }
}

internal sealed record ProblemItem(string Code, string Path, string Message);

/// <summary>RFC 9457 problem details with the library's problems as the <c>problems</c> extension.</summary>
internal sealed record ProblemDetailsBody(string Type, string Title, int Status, string Detail, ImmutableArray<ProblemItem> Problems);

internal sealed record SenderBody(string Kind, string Name)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BotId { get; init; }
}

internal sealed record BotAnswerBody(string Id, string? FirstStep);

internal sealed record ShownMessageBody(
    string Id,
    string Name,
    string Text,
    string Presentation,
    SenderBody Sender,
    bool AskForName,
    bool AskForEmail,
    string? FollowUp,
    bool HandsOverToAgent,
    BotAnswerBody? BotAnswer,
    string? VariantId);

internal sealed record DecisionBody(string Outcome, bool Show, ShownMessageBody? Message);

internal sealed record OutcomeBody(string Recording);

internal sealed record MessageItem(
    string Id,
    string Name,
    string Status,
    string? ChannelId,
    long Sent,
    long Opened,
    long Replied,
    string UpdatedAt,
    long Version,
    ImmutableArray<string> Actions,
    ImmutableArray<ProblemItem> Problems,
    bool HasExperiment);

internal sealed record MessageListBody(int Total, string Sort, string Direction, ImmutableArray<MessageItem> Items);

internal sealed record MessageBody(MessageItem Message);

internal sealed record MessageDetailBody(MessageItem Message, JsonElement Definition, ImmutableArray<ProblemItem> Incomplete, ExperimentBody? Experiment);

internal sealed record MovedToErrorItem(string Id, ImmutableArray<ProblemItem> Problems);

internal sealed record ImportBody(ImmutableArray<string> Inserted, ImmutableArray<string> Replaced, ImmutableArray<string> Skipped, ImmutableArray<MovedToErrorItem> MovedToError);

internal sealed record IntervalBody(double Lower, double Upper);

internal sealed record ComparisonBody(string Verdict, double? Difference, IntervalBody? DifferenceInterval, double? PValue, double? AdjustedPValue);

internal sealed record ArmBody(
    string ArmId,
    string? VariantId,
    bool IsControl,
    long Visitors,
    long Opened,
    long Replied,
    long Converted,
    double? ConversionRate,
    IntervalBody? RateInterval,
    ComparisonBody? VersusControl);

internal sealed record ExperimentBody(string MessageId, bool HasGoal, string Conclusion, ImmutableArray<ArmBody> Arms);

internal sealed record ConditionTraceBody(
    string Path,
    string Kind,
    string? Field,
    string? Operator,
    string? Value,
    string? VisitorValue,
    bool Met,
    ImmutableArray<ConditionTraceBody> Items);

internal sealed record ExperimentExplanationBody(string? VariantId, bool InRollout, bool HeldOut, decimal RolloutPercent, decimal HoldoutPercent);

internal sealed record MessageExplanationBody(
    string Id,
    string Name,
    int Priority,
    bool IsCandidate,
    bool WouldShow,
    string Timing,
    string TimingVerdict,
    string WindowVerdict,
    string Frequency,
    string FrequencyVerdict,
    ConditionTraceBody? Conditions,
    ExperimentExplanationBody? Experiment);

internal sealed record ExplainBody(string At, string Outcome, DecisionBody Decision, ImmutableArray<MessageExplanationBody> Messages);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, AllowTrailingCommas = false, ReadCommentHandling = JsonCommentHandling.Disallow, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(VisitorEventRequest))]
[JsonSerializable(typeof(OutcomeRequest))]
[JsonSerializable(typeof(VersionRequest))]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(ExplainRequest))]
[JsonSerializable(typeof(ProblemDetailsBody))]
[JsonSerializable(typeof(DecisionBody))]
[JsonSerializable(typeof(OutcomeBody))]
[JsonSerializable(typeof(MessageListBody))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(MessageDetailBody))]
[JsonSerializable(typeof(ImportBody))]
[JsonSerializable(typeof(ExperimentBody))]
[JsonSerializable(typeof(ExplainBody))]
internal sealed partial class WidgetJsonContext : JsonSerializerContext;
