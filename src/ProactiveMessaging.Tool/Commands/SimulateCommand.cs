using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Simulation;
using Spectre.Console;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// <c>proactive simulate CATALOG.json EVENTS.jsonl</c>: replays an event log through the real engine
/// (<see cref="Simulator"/>) and reports per message the decisions that showed it and the visitors
/// sent, opened and replied, and per reason the decisions that showed nothing. The log is streamed:
/// any size runs in bounded memory. A progress bar only on a terminal.
/// </summary>
internal static class SimulateCommand
{
    /// <summary>How <c>simulate</c> writes.</summary>
    public enum Format
    {
        /// <summary>Two tables for people.</summary>
        Table,

        /// <summary>One CSV table (a <c>kind</c> column tells message rows from reason rows).</summary>
        Csv,

        /// <summary>One JSON document.</summary>
        Json,
    }

    public static Command Create(ToolConsole console)
    {
        var catalog = SharedOptions.Catalog();
        var events = new Argument<string>("events") { Description = "The event log: one event a line (the event format, version 1: see docs/tool.md)." };
        var format = new Option<Format>("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => Format.Table };
        var skip = new Option<bool>("--skip-bad-lines") { Description = "Skip a malformed line (counted, the first few shown on the error output) instead of stopping." };
        var workspace = SharedOptions.Workspace();
        var command = new Command("simulate", "Replay a log of visitor events and outcomes through the engine: per message the visitors sent, opened and replied, and why the others were shown nothing.") { catalog, events, format, skip, workspace };
        command.SetAction((parsed, cancellationToken) => RunAsync(console, parsed.GetValue(catalog)!, parsed.GetValue(events)!, parsed.GetValue(format), parsed.GetValue(skip), cancellationToken, parsed.GetValue(workspace)));
        return command;
    }

    public static async Task<int> RunAsync(ToolConsole console, string catalogPath, string eventsPath, Format format, bool skipBadLines, CancellationToken cancellationToken, string? workspacePath = null)
    {
        var input = CatalogInput.Read(catalogPath);
        using var log = EventLogFile.Open(eventsPath);

        // The clock starts at the first event's instant (the import's own instants do not matter to a replay).
        using var tool = await ToolEngine.CreateAsync(input, Instant.FromUnixTimeSeconds(0), cancellationToken, workspacePath).ConfigureAwait(false);
        var simulator = new Simulator(tool, skipBadLines);
        SimulationReport report;
        if (console.IsInteractive)
        {
            report = await console.Ansi.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("Simulating", maxValue: Math.Max(1, log.Length));
                return await simulator.RunAsync(log, position => task.Value = position, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        else
        {
            report = await simulator.RunAsync(log, progress: null, cancellationToken).ConfigureAwait(false);
        }

        if (report.BadLines > 0)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"proactive: skipped {report.BadLines} bad line{(report.BadLines == 1 ? string.Empty : "s")} of {eventsPath}{(report.BadLines > report.FirstBadLines.Count ? $"; the first {report.FirstBadLines.Count}" : string.Empty)}:")).ConfigureAwait(false);
            foreach (var bad in report.FirstBadLines)
            {
                await console.Error.WriteLineAsync("  " + bad).ConfigureAwait(false);
            }
        }

        switch (format)
        {
            case Format.Json:
                WriteJson(console.Output, report);
                break;
            case Format.Csv:
                WriteCsv(console.Output, report);
                break;
            default:
                WriteTables(console, report);
                break;
        }

        return ToolExitCodes.Success;
    }

    /// <summary>The reasons for showing nothing that the replay met, in the enum's order.</summary>
    private static IEnumerable<(DecisionOutcome Outcome, long Count)> Reasons(SimulationReport report) =>
        Enum.GetValues<DecisionOutcome>().Where(o => o != DecisionOutcome.Show && report.ByOutcome[(int)o] > 0).Select(o => (o, report.ByOutcome[(int)o]));

    private static void WriteTables(ToolConsole console, SimulationReport report)
    {
        var messages = new Table().Title("Messages").AddColumns("Message", "Status", "Shown", "Sent", "Opened", "Replied");
        foreach (var column in messages.Columns.Skip(2))
        {
            column.RightAligned();
        }

        foreach (var message in report.Messages)
        {
            var metrics = report.Metrics[message.Id];
            messages.AddRow(Markup.Escape(message.Id), Camel(message.Status), Number(report.ShownCount(message.Id)), Number(metrics.Sent), Number(metrics.Opened), Number(metrics.Replied));
        }

        var reasons = new Table().Title("Shown nothing").AddColumns("Reason", "Decisions");
        reasons.Columns[1].RightAligned();
        foreach (var (outcome, count) in Reasons(report))
        {
            reasons.AddRow(Camel(outcome), Number(count));
        }

        console.Ansi.Write(messages);
        console.Ansi.Write(reasons);
        console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Number(report.Lines)} lines: {Number(report.Decisions)} decisions ({Number(report.ByOutcome[(int)DecisionOutcome.Show])} shown), {Number(report.Outcomes.Sum())} outcomes ({Number(report.Outcomes[(int)OutcomeRecording.Recorded])} recorded, {Number(report.Outcomes[(int)OutcomeRecording.Ignored])} for a message not sent to the visitor), {Number(report.Clamped)} clamped to the clock, {Number(report.BadLines)} bad lines skipped."));
    }

    private static void WriteCsv(TextWriter output, SimulationReport report)
    {
        var csv = new StringBuilder();
        csv.Append("kind,id,status,shown,sent,opened,replied,decisions\n");
        foreach (var message in report.Messages)
        {
            var metrics = report.Metrics[message.Id];
            csv.Append(CultureInfo.InvariantCulture, $"message,{Csv(message.Id)},{Camel(message.Status)},{report.ShownCount(message.Id)},{metrics.Sent},{metrics.Opened},{metrics.Replied},\n");
        }

        foreach (var (outcome, count) in Reasons(report))
        {
            csv.Append(CultureInfo.InvariantCulture, $"nothingShown,{Camel(outcome)},,,,,,{count}\n");
        }

        output.Write(csv.ToString());
    }

    private static void WriteJson(TextWriter output, SimulationReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("lines", report.Lines);
            json.WriteNumber("decisions", report.Decisions);
            json.WriteNumber("shown", report.ByOutcome[(int)DecisionOutcome.Show]);
            json.WriteStartObject("outcomes");
            json.WriteNumber("recorded", report.Outcomes[(int)OutcomeRecording.Recorded]);
            json.WriteNumber("ignored", report.Outcomes[(int)OutcomeRecording.Ignored]);
            json.WriteNumber("invalid", report.Outcomes[(int)OutcomeRecording.InvalidEvent]);
            json.WriteEndObject();
            json.WriteNumber("clamped", report.Clamped);
            json.WriteNumber("badLines", report.BadLines);
            json.WriteStartArray("messages");
            foreach (var message in report.Messages)
            {
                var metrics = report.Metrics[message.Id];
                json.WriteStartObject();
                json.WriteString("id", message.Id);
                json.WriteString("status", Camel(message.Status));
                json.WriteNumber("shown", report.ShownCount(message.Id));
                json.WriteNumber("sent", metrics.Sent);
                json.WriteNumber("opened", metrics.Opened);
                json.WriteNumber("replied", metrics.Replied);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("nothingShown");
            foreach (var (outcome, count) in Reasons(report))
            {
                json.WriteNumber(Camel(outcome), count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
