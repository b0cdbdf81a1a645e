using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Serialization.Internal;

/// <summary>Turns the model into the DTOs of format version 1, in the canonical form the writer emits.</summary>
internal static class DtoWriter
{
    public static MessageDocumentDto ToDto(ProactiveMessage message, bool withFormatVersion) => new()
    {
        FormatVersion = withFormatVersion ? JsonFormatDefaults.FormatVersion : null,
        Id = message.Id,
        Name = message.Name,
        ChannelId = message.ChannelId,
        Reply = ToDto(message.Reply),
        Rules = new RulesDto
        {
            Conditions = message.Rules.Conditions is null ? null : ToDto(message.Rules.Conditions),
            Tags = message.Rules.Tags.IsEmpty ? null : [.. message.Rules.Tags],
        },
        Timing = JsonEnumNames<MessageTiming>.NameOf(message.Timing),
        Frequency = JsonEnumNames<MessageFrequency>.NameOf(message.Frequency),
        Priority = message.Priority,
        Window = message.Window is { } window ? new WindowDto { Start = window.Start?.ToString(), End = window.End?.ToString() } : null,
        Experiment = message.Experiment is { } experiment ? ToDto(experiment) : null,
        Status = JsonEnumNames<MessageStatus>.NameOf(message.Status),
        Problems = message.Problems.IsEmpty ? null : [.. message.Problems.Select(ToDto)],
        Metrics = new MetricsDto { Sent = message.Metrics.Sent, Opened = message.Metrics.Opened, Replied = message.Metrics.Replied },
        UpdatedAt = InstantPattern.ExtendedIso.Format(message.UpdatedAt),
        PublishedAt = message.PublishedAt is { } published ? InstantPattern.ExtendedIso.Format(published) : null,
        Version = message.Version,
    };

    public static CatalogDocumentDto ToDto(CatalogDocument catalog) => new()
    {
        FormatVersion = JsonFormatDefaults.FormatVersion,
        Workspace = new WorkspaceDto
        {
            Id = catalog.Workspace.Id,
            Name = catalog.Workspace.Name,
            DefaultScheduleId = catalog.Workspace.DefaultScheduleId,
            Schedules = catalog.Workspace.Schedules.IsEmpty ? null : [.. catalog.Workspace.Schedules.Select(ScheduleDtoMapper.ToDto)],
            CustomAttributes = catalog.Workspace.CustomAttributes.IsEmpty ? null : [.. catalog.Workspace.CustomAttributes.Select(ToDto)],
            Events = catalog.Workspace.Events.IsEmpty ? null : [.. catalog.Workspace.Events],
        },
        Messages = [.. catalog.Messages.Select(m => ToDto(m, withFormatVersion: false))],
    };

    /// <summary>The case mode is written where it applies (text and list) and always there; allowed values only for an enum.</summary>
    private static CustomAttributeDto ToDto(CustomAttributeDeclaration attribute) => new()
    {
        Name = attribute.Name,
        Type = JsonEnumNames<FieldType>.NameOf(attribute.Type),
        IgnoreCase = attribute.Type is FieldType.Text or FieldType.List ? attribute.IgnoreCase : null,
        AllowedValues = attribute.AllowedValues.IsEmpty ? null : [.. attribute.AllowedValues],
    };

    private static ReplyDto ToDto(MessageReply reply) => reply switch
    {
        AgentReply agent => new ReplyDto
        {
            Type = "agent",
            Text = ToDto(agent.Text),
            AskForName = agent.AskForName,
            AskForEmail = agent.AskForEmail,
            FollowUp = agent.FollowUp is null ? null : ToDto(agent.FollowUp),
        },
        BotReply bot => new ReplyDto { Type = "bot", Text = ToDto(bot.Text), AnswerId = bot.AnswerId },
        _ => throw new ArgumentException("Unknown reply kind.", nameof(reply)),
    };

    private static TextDto ToDto(LocalizedText text) => new()
    {
        Default = text.Default,
        Variants = text.Variants.Count == 0 ? null : text.Variants.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal),
    };

    /// <summary>An experiment without its default values: the rollout of 100 %, the empty salt, no variants, no holdout, the 7-day window.</summary>
    private static ExperimentDto ToDto(MessageExperiment experiment) => new()
    {
        RolloutPercent = experiment.RolloutPercent == 100m ? null : ToElement(experiment.RolloutPercent),
        Salt = experiment.Salt.Length == 0 ? null : experiment.Salt,
        Variants = experiment.Variants.IsEmpty ? null : [.. experiment.Variants.Select(ToDto)],
        HoldoutPercent = experiment.HoldoutPercent == 0m ? null : ToElement(experiment.HoldoutPercent),
        Goal = experiment.Goal is { } goal
            ? new GoalDto
            {
                Event = goal.EventName,
                Page = goal.Page is null ? null : ToDto(goal.Page),
                Window = goal.Window == ConversionGoal.DefaultWindow ? null : ToElement(goal.Window),
            }
            : null,
    };

    private static VariantDto ToDto(MessageVariant variant) => new()
    {
        Id = variant.Id,
        Weight = ToElement(variant.Weight),
        Text = ToDto(variant.Text),
        FollowUp = variant.FollowUp is null ? null : ToDto(variant.FollowUp),
    };

    /// <summary>A percentage in its shortest decimal form (<c>50</c>, <c>33.33</c>): no exponent, no trailing zeros, so 50.0 and 50 write alike.</summary>
    private static JsonElement ToElement(decimal percent) =>
        ToElement(writer => writer.WriteRawValue(percent == 0m ? "0" : percent.ToString("0.############################", CultureInfo.InvariantCulture)));

    /// <summary>
    /// A duration in ISO 8601 with days of 24 hours and no weeks (<c>P7D</c>, <c>PT36H</c> as <c>P1DT12H</c>,
    /// <c>PT0.5S</c>). Days and the rest are taken with one sign, so that any duration writes and reads back equal.
    /// </summary>
    private static JsonElement ToElement(Duration duration)
    {
        var period = (Period.FromDays(duration.Days) + Period.FromNanoseconds(duration.NanosecondOfDay)).Normalize();
        return ToElement(writer => writer.WriteStringValue(PeriodPattern.NormalizingIso.Format(period)));
    }

    private static ProblemDto ToDto(Problem problem) => new()
    {
        Code = problem.Code,
        Message = problem.Message,
        Path = problem.Path,
        Kind = JsonEnumNames<ProblemKind>.NameOf(problem.Kind),
    };

    private static ConditionNodeDto ToDto(ConditionNode node) => node switch
    {
        ConditionGroup { Operator: GroupOperator.All } group => new ConditionNodeDto { All = [.. group.Items.Select(ToDto)] },
        ConditionGroup { Operator: GroupOperator.None } group => new ConditionNodeDto { None = [.. group.Items.Select(ToDto)] },
        ConditionGroup group => new ConditionNodeDto { Any = [.. group.Items.Select(ToDto)] },
        Condition condition => new ConditionNodeDto
        {
            Field = condition.Field,
            Operator = ConditionOperatorNames.NameOf(condition.Operator),
            Value = condition.Value.Kind == ConditionValueKind.None ? null : ToElement(condition.Value),
            IgnoreCase = condition.IgnoreCase,
        },
        _ => throw new ArgumentException("Unknown condition node.", nameof(node)),
    };

    private static JsonElement ToElement(ConditionValue value) => ToElement(writer => Write(writer, value));

    private static JsonElement ToElement(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, ConditionValue value)
    {
        switch (value.Kind)
        {
            case ConditionValueKind.Text:
                writer.WriteStringValue(value.Text);
                break;
            case ConditionValueKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            case ConditionValueKind.Boolean:
                writer.WriteBooleanValue(value.Boolean);
                break;
            case ConditionValueKind.List:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ConditionValueKind.Range:
                writer.WriteStartObject();
                writer.WritePropertyName("min");
                Write(writer, value.Min);
                writer.WritePropertyName("max");
                Write(writer, value.Max);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
