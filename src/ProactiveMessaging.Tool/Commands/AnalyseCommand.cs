using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ProactiveMessaging.Tool.Analysis;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Output;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// <c>proactive analyse CATALOG.json</c>: findings a reviewer wants (conditions that can never hold,
/// shadowed messages, timings that never hold, ended windows, unmet publish requirements), each with
/// a code, a severity and the JSON paths involved. Exit 1 when a finding is at or above
/// <c>--fail-on</c> (default error), else 0; 2 for unusable input.
/// </summary>
internal static class AnalyseCommand
{
    public static Command Create(ToolConsole console)
    {
        var catalog = SharedOptions.Catalog();
        var format = SharedOptions.ReportFormat();
        var failOn = new Option<FindingSeverity>("--fail-on") { Description = "The lowest severity that makes the exit code 1: error, warning or info.", DefaultValueFactory = _ => FindingSeverity.Error };
        var at = new Option<string?>("--at") { Description = "The instant windows are judged at (ISO 8601, e.g. 2026-12-01T00:00:00Z); default now." };
        var workspace = SharedOptions.Workspace();
        var command = new Command("analyse", "Find what a reviewer wants to know: conditions that never hold, shadowed messages, timings and windows that never hold, unmet publish requirements.") { catalog, format, failOn, at, workspace };
        command.Aliases.Add("analyze");
        command.SetAction(parsed => Run(console, parsed.GetValue(catalog)!, parsed.GetValue(format), parsed.GetValue(failOn), parsed.GetValue(at), TimeProvider.System, parsed.GetValue(workspace)));
        return command;
    }

    public static int Run(ToolConsole console, string path, OutputFormat format, FindingSeverity failOn, string? at, TimeProvider clock, string? workspacePath = null)
    {
        var input = CatalogInput.Read(path);
        var document = input.Require();
        var instant = at is null ? Instant.FromDateTimeOffset(clock.GetUtcNow()) : ParseInstant(at);
        var findings = CatalogAnalyzer.Analyse(document, SnapshotInput.For(document, workspacePath), instant);
        var lines = findings.Select(f => f.Paths.Select(p => JsonLines.LineOf(input.Bytes, p)).DefaultIfEmpty(1).First()).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(console.Output, path, instant, findings, lines);
                break;
            case OutputFormat.Github:
                for (var i = 0; i < findings.Count; i++)
                {
                    var f = findings[i];
                    var level = f.Severity switch { FindingSeverity.Error => "error", FindingSeverity.Warning => "warning", _ => "notice" };
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"::{level} file={Escape(path, property: true)},line={lines[i]},title={Escape(f.Code, property: true)}::{Escape($"{f.MessageId}: {f.Text} ({string.Join(", ", f.Paths)})", property: false)}"));
                }

                break;
            default:
                for (var i = 0; i < findings.Count; i++)
                {
                    var f = findings[i];
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}:{lines[i]}: {SeverityName(f.Severity)} {f.Code} [{f.MessageId}] {f.Text}"));
                    console.Output.WriteLine($"    at {string.Join(", ", f.Paths)}");
                }

                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {document.Messages.Length} messages, {Plural(findings, FindingSeverity.Error)}, {Plural(findings, FindingSeverity.Warning)}, {Plural(findings, FindingSeverity.Info)} (at {instant})."));
                break;
        }

        return findings.Any(f => f.Severity >= failOn) ? ToolExitCodes.Problems : ToolExitCodes.Success;
    }

    private static Instant ParseInstant(string text)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return offset.Success
            ? offset.Value.ToInstant()
            : throw new ToolInputException($"--at '{text}': not an ISO 8601 instant (like 2026-12-01T00:00:00Z).");
    }

    private static string Plural(List<Finding> findings, FindingSeverity severity)
    {
        var count = findings.Count(f => f.Severity == severity);
        return string.Create(CultureInfo.InvariantCulture, $"{count} {SeverityName(severity)}{(count == 1 ? string.Empty : "s")}");
    }

    internal static string SeverityName(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.Warning => "warning",
        _ => "info",
    };

    private static void WriteJson(TextWriter output, string path, Instant at, List<Finding> findings, List<int> lines)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteString("at", at.ToString());
            json.WriteStartArray("findings");
            for (var i = 0; i < findings.Count; i++)
            {
                var f = findings[i];
                json.WriteStartObject();
                json.WriteString("code", f.Code);
                json.WriteString("severity", SeverityName(f.Severity));
                json.WriteString("messageId", f.MessageId);
                json.WriteString("text", f.Text);
                json.WriteNumber("line", lines[i]);
                json.WriteStartArray("paths");
                foreach (var p in f.Paths)
                {
                    json.WriteStringValue(p);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Escapes a workflow command's data (<c>%</c>, CR, LF) and, in a property, <c>:</c> and <c>,</c> too.</summary>
    private static string Escape(string value, bool property)
    {
        var escaped = value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        return property ? escaped.Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal) : escaped;
    }
}
