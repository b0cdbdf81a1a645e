using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProactiveMessaging.Serialization.Internal;

// The data-transfer shapes of format version 1. They are deliberately loose (every property
// nullable, enums as strings, unknown properties captured) so that mapping them to the model can
// report every problem at once with its JSON path, instead of stopping at the first exception.

/// <summary>Properties common to every DTO: whatever the format does not define lands here.</summary>
internal abstract class DtoBase
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class MessageDocumentDto : DtoBase
{
    [JsonPropertyOrder(-1)]
    public int? FormatVersion { get; set; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ChannelId { get; set; }

    public ReplyDto? Reply { get; set; }

    public RulesDto? Rules { get; set; }

    public string? Timing { get; set; }

    public string? Frequency { get; set; }

    public int? Priority { get; set; }

    public WindowDto? Window { get; set; }

    public ExperimentDto? Experiment { get; set; }

    public string? Status { get; set; }

    public List<ProblemDto?>? Problems { get; set; }

    public MetricsDto? Metrics { get; set; }

    public string? UpdatedAt { get; set; }

    public string? PublishedAt { get; set; }

    public long? Version { get; set; }
}

internal sealed class ReplyDto : DtoBase
{
    public string? Type { get; set; }

    public TextDto? Text { get; set; }

    public bool? AskForName { get; set; }

    public bool? AskForEmail { get; set; }

    public TextDto? FollowUp { get; set; }

    public string? AnswerId { get; set; }
}

internal sealed class TextDto : DtoBase
{
    public string? Default { get; set; }

    public Dictionary<string, string?>? Variants { get; set; }
}

internal sealed class RulesDto : DtoBase
{
    public ConditionNodeDto? Conditions { get; set; }

    public List<string?>? Tags { get; set; }
}

internal sealed class ConditionNodeDto : DtoBase
{
    public List<ConditionNodeDto?>? All { get; set; }

    public List<ConditionNodeDto?>? Any { get; set; }

    public List<ConditionNodeDto?>? None { get; set; }

    public string? Field { get; set; }

    public string? Operator { get; set; }

    public JsonElement? Value { get; set; }

    public bool? IgnoreCase { get; set; }
}

internal sealed class WindowDto : DtoBase
{
    public string? Start { get; set; }

    public string? End { get; set; }
}

// Percentages and the goal's window are kept as JSON elements: a percentage is read as a decimal
// from its digits (33.33 stays 33.33, never a double's neighbour), a number past the decimal range
// is a problem of its own rather than a type error, and a window is either seconds or an ISO text.

internal sealed class ExperimentDto : DtoBase
{
    public JsonElement? RolloutPercent { get; set; }

    public string? Salt { get; set; }

    public List<VariantDto?>? Variants { get; set; }

    public JsonElement? HoldoutPercent { get; set; }

    public GoalDto? Goal { get; set; }
}

internal sealed class VariantDto : DtoBase
{
    public string? Id { get; set; }

    public JsonElement? Weight { get; set; }

    public TextDto? Text { get; set; }

    public TextDto? FollowUp { get; set; }
}

internal sealed class GoalDto : DtoBase
{
    public string? Event { get; set; }

    public ConditionNodeDto? Page { get; set; }

    public JsonElement? Window { get; set; }
}

internal sealed class ProblemDto : DtoBase
{
    public string? Code { get; set; }

    public string? Message { get; set; }

    public string? Path { get; set; }

    public string? Kind { get; set; }
}

internal sealed class MetricsDto : DtoBase
{
    public long? Sent { get; set; }

    public long? Opened { get; set; }

    public long? Replied { get; set; }
}

internal sealed class CatalogDocumentDto : DtoBase
{
    [JsonPropertyOrder(-1)]
    public int? FormatVersion { get; set; }

    public WorkspaceDto? Workspace { get; set; }

    public List<MessageDocumentDto?>? Messages { get; set; }
}

internal sealed class WorkspaceDto : DtoBase
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? DefaultScheduleId { get; set; }

    public List<ScheduleDto?>? Schedules { get; set; }

    public List<CustomAttributeDto?>? CustomAttributes { get; set; }

    public List<string?>? Events { get; set; }
}

internal sealed class CustomAttributeDto : DtoBase
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public bool? IgnoreCase { get; set; }

    public List<string?>? AllowedValues { get; set; }
}
