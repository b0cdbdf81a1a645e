using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using ProactiveMessaging.Runtime;
using ProactiveMessaging.Serialization;
using ProactiveMessaging.Tool.Analysis;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Output;
using ProactiveMessaging.Tool.Simulation;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// <c>proactive diff OLD.json NEW.json [EVENTS.jsonl]</c>: what changed message by message and, with
/// an event log, how many decisions and visitors would change and how (the log replayed through
/// both catalogs at once, see <see cref="Simulator"/>). Exit 0 whether or not the catalogs differ
/// (a difference is the report, not a failure); 2 for unusable input.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(ToolConsole console)
    {
        var old = new Argument<string>("old") { Description = "The catalog before (JSON format version 1)." };
        var @new = new Argument<string>("new") { Description = "The catalog after." };
        var events = new Argument<string?>("events") { Description = "An event log to replay through both catalogs (the event format: see docs/tool.md).", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<OutputFormat>("--format") { Description = "text or json.", DefaultValueFactory = _ => OutputFormat.Text };
        var skip = new Option<bool>("--skip-bad-lines") { Description = "With an event log: skip a malformed line (counted) instead of stopping." };
        var workspace = SharedOptions.Workspace(", for both catalogs");
        var command = new Command("diff", "Show what changed between two catalogs, message by message, and with an event log how the decisions would change.") { old, @new, events, format, skip, workspace };
        command.SetAction((parsed, cancellationToken) => RunAsync(console, parsed.GetValue(old)!, parsed.GetValue(@new)!, parsed.GetValue(events), parsed.GetValue(format), parsed.GetValue(skip), cancellationToken, parsed.GetValue(workspace)));
        return command;
    }

    public static async Task<int> RunAsync(ToolConsole console, string oldPath, string newPath, string? eventsPath, OutputFormat format, bool skipBadLines, CancellationToken cancellationToken, string? workspacePath = null)
    {
        if (format == OutputFormat.Github)
        {
            throw new ToolInputException("--format github: diff writes text or json.");
        }

        var beforeInput = CatalogInput.Read(oldPath);
        var afterInput = CatalogInput.Read(newPath);
        var (oldCatalog, newCatalog) = (beforeInput.Require(), afterInput.Require());
        ToolEngine? oldTool = null;
        ToolEngine? newTool = null;
        (List<MessageDiff> Diffs, int Unchanged) compared;
        DecisionChanges? decisions = null;
        try
        {
            if (workspacePath is not null || eventsPath is not null)
            {
                // Both catalogs imported with the same workspace (the file's, else each its own inferred one).
                oldTool = await ToolEngine.CreateAsync(beforeInput, Instant.FromUnixTimeSeconds(0), cancellationToken, workspacePath).ConfigureAwait(false);
                newTool = await ToolEngine.CreateAsync(afterInput, Instant.FromUnixTimeSeconds(0), cancellationToken, workspacePath).ConfigureAwait(false);
            }

            // With a workspace file, the messages are compared as the import against it makes them: a
            // Live message whose channel or bot fails the publish requirements is in Error, and that
            // is a change a reviewer must see. Without one, as the files are written.
            compared = workspacePath is null
                ? CatalogDiff.Compare(oldCatalog, newCatalog)
                : CatalogDiff.Compare(new CatalogDocument(oldCatalog.Workspace, oldTool!.Messages), new CatalogDocument(newCatalog.Workspace, newTool!.Messages));
            if (eventsPath is not null)
            {
                decisions = await CompareDecisionsAsync(oldTool!, newTool!, eventsPath, skipBadLines, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            oldTool?.Dispose();
            newTool?.Dispose();
        }

        var (diffs, unchanged) = compared;
        if (format == OutputFormat.Json)
        {
            WriteJson(console.Output, oldPath, newPath, diffs, unchanged, decisions);
            return ToolExitCodes.Success;
        }

        foreach (var diff in diffs)
        {
            var mark = diff.Kind switch { "added" => '+', "removed" => '-', _ => '~' };
            console.Output.WriteLine($"{mark} {diff.Id} \"{diff.Name}\" {diff.Kind}");
            foreach (var change in diff.Changes)
            {
                console.Output.WriteLine($"    {change.Aspect}: {change.Old} -> {change.New}");
            }
        }

        console.Output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Count(diffs, "added")} added, {Count(diffs, "removed")} removed, {Count(diffs, "changed")} changed, {unchanged} unchanged."));
        if (decisions is not null)
        {
            console.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{eventsPath}: {decisions.Decisions} decisions replayed; {decisions.Changed} would change, for {decisions.Visitors.Count} of {decisions.AllVisitors.Count} visitors{(decisions.BadLines > 0 ? $" ({decisions.BadLines} bad lines skipped)" : string.Empty)}."));
            foreach (var ((before, after), count) in decisions.Transitions.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key.Before, StringComparer.Ordinal).ThenBy(pair => pair.Key.After, StringComparer.Ordinal))
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {count,8}  {before} -> {after}"));
            }
        }

        return ToolExitCodes.Success;
    }

    /// <summary>Replays the log through both catalogs at once and counts the decisions that differ, by what they were and what they become.</summary>
    private static async Task<DecisionChanges> CompareDecisionsAsync(ToolEngine oldTool, ToolEngine newTool, string eventsPath, bool skipBadLines, CancellationToken cancellationToken)
    {
        using var log = EventLogFile.Open(eventsPath);
        var changes = new DecisionChanges();
        var reports = await new Simulator([oldTool, newTool], skipBadLines).RunAllAsync(log, progress: null, changes.Add, cancellationToken).ConfigureAwait(false);
        changes.BadLines = reports[0].BadLines;
        return changes;
    }

    /// <summary>
    /// The decisions of a replay through two catalogs that differ. A decision is described as
    /// <c>show MESSAGE</c> (with <c>/VARIANT</c> for a variant) or the outcome that showed nothing.
    /// The visitors are kept as a set of ids: memory grows with the log's distinct visitors.
    /// </summary>
    private sealed class DecisionChanges
    {
        public long Decisions { get; private set; }

        public long Changed { get; private set; }

        public long BadLines { get; set; }

        public HashSet<string> Visitors { get; } = new(StringComparer.Ordinal);

        public HashSet<string> AllVisitors { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Before, string After), long> Transitions { get; } = [];

        public void Add(string visitorId, Decision[] decisions)
        {
            Decisions++;
            AllVisitors.Add(visitorId);
            var (before, after) = (Describe(decisions[0]), Describe(decisions[1]));
            if (string.Equals(before, after, StringComparison.Ordinal))
            {
                return;
            }

            Changed++;
            Visitors.Add(visitorId);
            Transitions[(before, after)] = Transitions.GetValueOrDefault((before, after)) + 1;
        }

        private static string Describe(Decision decision) =>
            decision.Message is { } shown ? $"show {shown.MessageId}{(shown.VariantId is null ? string.Empty : "/" + shown.VariantId)}" : decision.Outcome.ToString();
    }

    private static int Count(List<MessageDiff> diffs, string kind) => diffs.Count(d => d.Kind == kind);

    // Relaxed escaping: the report is read in a terminal or by a JSON parser, never embedded in HTML.
    private static void WriteJson(TextWriter output, string oldPath, string newPath, List<MessageDiff> diffs, int unchanged, DecisionChanges? decisions)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("old", oldPath);
            json.WriteString("new", newPath);
            json.WriteNumber("unchanged", unchanged);
            json.WriteStartArray("messages");
            foreach (var diff in diffs)
            {
                json.WriteStartObject();
                json.WriteString("id", diff.Id);
                json.WriteString("kind", diff.Kind);
                json.WriteString("name", diff.Name);
                json.WriteStartArray("changes");
                foreach (var change in diff.Changes)
                {
                    json.WriteStartObject();
                    json.WriteString("aspect", change.Aspect);
                    json.WriteString("old", change.Old);
                    json.WriteString("new", change.New);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (decisions is not null)
            {
                json.WriteStartObject("decisions");
                json.WriteNumber("replayed", decisions.Decisions);
                json.WriteNumber("changed", decisions.Changed);
                json.WriteNumber("visitors", decisions.AllVisitors.Count);
                json.WriteNumber("visitorsChanged", decisions.Visitors.Count);
                json.WriteNumber("badLines", decisions.BadLines);
                json.WriteStartArray("transitions");
                foreach (var ((before, after), count) in decisions.Transitions.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key.Before, StringComparer.Ordinal).ThenBy(pair => pair.Key.After, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("old", before);
                    json.WriteString("new", after);
                    json.WriteNumber("count", count);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
