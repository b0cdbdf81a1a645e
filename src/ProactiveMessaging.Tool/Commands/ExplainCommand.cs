using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Simulation;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// <c>proactive explain CATALOG.json VISITOR.json [--message ID] [--at INSTANT]</c>: one visitor
/// event decided by the engine's own explanation (<see cref="ProactiveEngine.ExplainAsync"/>): per
/// Live message of the event's channel, the timing, the campaign window, the condition trace by path
/// with the visitor's values, the experiment position and the frequency verdict.
/// </summary>
internal static class ExplainCommand
{
    /// <summary>How <c>explain</c> writes.</summary>
    public enum Format
    {
        /// <summary>The engine's explanation as readable lines.</summary>
        Text,

        /// <summary>One JSON document.</summary>
        Json,
    }

    public static Command Create(ToolConsole console) => Create(console, TimeProvider.System);

    /// <summary>Builds the command; <paramref name="clock"/> gives the instant of an event with no <c>at</c> and no <c>--at</c>.</summary>
    public static Command Create(ToolConsole console, TimeProvider clock)
    {
        var catalog = SharedOptions.Catalog();
        var visitor = new Argument<string>("visitor") { Description = "One visitor event (the event format, version 1: see docs/tool.md)." };
        var message = new Option<string?>("--message") { Description = "Explain this message only." };
        var at = new Option<string?>("--at") { Description = "The instant to decide at (ISO 8601 with Z or an offset); default: the event's 'at', else now." };
        var format = new Option<Format>("--format") { Description = "text or json.", DefaultValueFactory = _ => Format.Text };
        var workspace = SharedOptions.Workspace();
        var command = new Command("explain", "Explain what the engine decides for one visitor event, message by message, condition by condition.") { catalog, visitor, message, at, format, workspace };
        command.SetAction((parsed, cancellationToken) => RunAsync(console, parsed.GetValue(catalog)!, parsed.GetValue(visitor)!, parsed.GetValue(message), parsed.GetValue(at), parsed.GetValue(format), clock, cancellationToken, parsed.GetValue(workspace)));
        return command;
    }

    public static async Task<int> RunAsync(ToolConsole console, string catalogPath, string visitorPath, string? messageId, string? at, Format format, TimeProvider clock, CancellationToken cancellationToken, string? workspacePath = null)
    {
        var input = CatalogInput.Read(catalogPath);
        var atOption = at is null ? (Instant?)null : ParseInstant(at);
        using var tool = await ToolEngine.CreateAsync(input, Instant.FromDateTimeOffset(clock.GetUtcNow()), cancellationToken, workspacePath).ConfigureAwait(false);
        if (messageId is not null && !tool.Messages.Any(m => m.Id == messageId))
        {
            throw new ToolInputException($"{catalogPath}: the catalog has no message '{messageId}'.");
        }

        var bytes = CatalogInput.ReadFile(visitorPath);
        var line = tool.NewLine();
        if (tool.Reader.Read(bytes, line) is { } problem)
        {
            throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"{visitorPath}:{JsonLines.LineOf(bytes, problem.Path)}: {problem}"));
        }

        if (line.Type == EventLineType.Outcome)
        {
            throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"{visitorPath}:{JsonLines.LineOf(bytes, "$.type")}: explain decides a pageView, heartbeat or appEvent, not an outcome."));
        }

        // The instant: --at, else the event's own, else now. The visitor's local time follows it.
        var instant = atOption ?? line.At ?? tool.Clock.Now;
        if (atOption is not null || line.At is null)
        {
            line.Visitor.SetLocalTime(instant, line.TimeZone, tool.Reader.DefaultZone);
        }

        tool.Clock.Now = instant;
        var explanation = await tool.Engine.ExplainAsync(line.ToVisitorEvent(), cancellationToken).ConfigureAwait(false);
        var messages = explanation.Messages.Where(m => messageId is null || m.MessageId == messageId).ToList();
        var notOffered = tool.Messages
            .Where(m => (messageId is null ? m.ChannelId == line.ChannelId : m.Id == messageId) && !explanation.Messages.Any(e => e.MessageId == m.Id))
            .Select(m => (m.Id, Why: m.ChannelId != line.ChannelId ? $"on channel '{m.ChannelId ?? "(none)"}', not '{line.ChannelId}'" : $"{JsonNamingPolicy.CamelCase.ConvertName(m.Status.ToString())}, not live{string.Concat(m.Problems.Select(p => $"; {p}"))}"))
            .ToList();
        if (format == Format.Json)
        {
            WriteJson(console.Output, explanation, messages, notOffered);
        }
        else
        {
            WriteText(console.Output, explanation, messages, notOffered);
        }

        return ToolExitCodes.Success;
    }

    /// <summary>An ISO 8601 instant with <c>Z</c> or an offset.</summary>
    private static Instant ParseInstant(string text)
    {
        var instant = InstantPattern.ExtendedIso.Parse(text);
        if (instant.Success)
        {
            return instant.Value;
        }

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return offset.Success ? offset.Value.ToInstant()
            : throw new ToolInputException($"--at: '{text}' is not an ISO 8601 instant with Z or an offset (2026-12-01T10:00:00Z).");
    }

    private static void WriteText(TextWriter output, EventExplanation explanation, List<MessageExplanation> messages, List<(string Id, string Why)> notOffered)
    {
        var text = new StringBuilder();
        text.Append(explanation.Decision.ToString()).Append(" (at ").Append(explanation.At.ToString("g", CultureInfo.InvariantCulture)).Append(')').AppendLine();
        if (explanation.Problem is { } problem)
        {
            text.Append("  ").Append(problem).AppendLine();
        }

        for (var i = 0; i < messages.Count; i++)
        {
            text.Append(i + 1).Append(". ").Append(messages[i]);
        }

        foreach (var (id, why) in notOffered)
        {
            text.Append("- ").Append(id).Append(": not offered: ").Append(why).AppendLine();
        }

        output.Write(text.ToString());
    }

    private static void WriteJson(TextWriter output, EventExplanation explanation, List<MessageExplanation> messages, List<(string Id, string Why)> notOffered)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("at", InstantPattern.ExtendedIso.Format(explanation.At));
            json.WriteStartObject("decision");
            json.WriteString("outcome", Camel(explanation.Outcome));
            if (explanation.Decision.Message is { } shown)
            {
                json.WriteString("messageId", shown.MessageId);
                json.WriteString("variantId", shown.VariantId);
                json.WriteString("text", explanation.Decision.Text);
            }

            if (explanation.Problem is { } problem)
            {
                json.WriteString("problem", problem.ToString());
            }

            json.WriteEndObject();
            json.WriteStartArray("messages");
            foreach (var message in messages)
            {
                WriteMessage(json, message);
            }

            json.WriteEndArray();
            json.WriteStartArray("notOffered");
            foreach (var (id, why) in notOffered)
            {
                json.WriteStartObject();
                json.WriteString("messageId", id);
                json.WriteString("why", why);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteMessage(Utf8JsonWriter json, MessageExplanation message)
    {
        json.WriteStartObject();
        json.WriteString("messageId", message.MessageId);
        json.WriteString("name", message.MessageName);
        json.WriteNumber("priority", message.Priority);
        json.WriteBoolean("wouldShow", message.WouldShow);
        json.WriteBoolean("candidate", message.IsCandidate);
        json.WriteStartObject("timing");
        json.WriteString("value", Camel(message.Timing));
        json.WriteString("verdict", Camel(message.TimingVerdict));
        json.WriteEndObject();
        if (message.Window is { } window)
        {
            json.WriteStartObject("window");
            json.WriteString("start", window.Start?.ToString());
            json.WriteString("end", window.End?.ToString());
            json.WriteString("verdict", Camel(message.WindowVerdict));
            json.WriteEndObject();
        }

        json.WriteStartObject("conditions");
        json.WriteBoolean("met", message.Conditions.Result);
        json.WriteStartArray("trace");
        foreach (var outcome in message.Conditions.Outcomes)
        {
            json.WriteStartObject();
            json.WriteString("path", outcome.Path);
            json.WriteBoolean("held", outcome.Held);
            if (outcome.Node is Condition condition)
            {
                json.WriteString("field", condition.Field);
                json.WriteString("operator", Camel(condition.Operator));
                json.WriteString("value", condition.Value.ToString());
            }

            json.WriteString("visitor", outcome.Actual);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        if (message.Experiment is { } experiment)
        {
            json.WriteStartObject("experiment");
            json.WriteNumber("rolloutPercent", experiment.RolloutPercent);
            json.WriteNumber("rolloutPosition", experiment.RolloutPosition);
            json.WriteBoolean("inRollout", experiment.InRollout);
            json.WriteNumber("holdoutPercent", experiment.HoldoutPercent);
            json.WriteNumber("holdoutPosition", experiment.HoldoutPosition);
            json.WriteBoolean("heldOut", experiment.HeldOut);
            json.WriteNumber("variantPosition", experiment.VariantPosition);
            json.WriteString("variantId", experiment.VariantId);
            json.WriteEndObject();
        }

        json.WriteStartObject("frequency");
        json.WriteString("value", Camel(message.Frequency));
        json.WriteString("verdict", Camel(message.FrequencyVerdict));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
