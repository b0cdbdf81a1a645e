using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProactiveMessaging.Tool.Analysis;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Output;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// <c>proactive diff OLD.json NEW.json</c>: what changed message by message. Exit 0 whether or not
/// the catalogs differ (a difference is the report, not a failure); 2 for unusable input.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(ToolConsole console)
    {
        var old = new Argument<string>("old") { Description = "The catalog before (JSON format version 1)." };
        var @new = new Argument<string>("new") { Description = "The catalog after." };
        var format = new Option<OutputFormat>("--format") { Description = "text or json.", DefaultValueFactory = _ => OutputFormat.Text };
        var command = new Command("diff", "Show what changed between two catalogs, message by message.") { old, @new, format };
        command.SetAction(parsed => Run(console, parsed.GetValue(old)!, parsed.GetValue(@new)!, parsed.GetValue(format)));
        return command;
    }

    public static int Run(ToolConsole console, string oldPath, string newPath, OutputFormat format)
    {
        if (format == OutputFormat.Github)
        {
            throw new ToolInputException("--format github: diff writes text or json.");
        }

        var before = CatalogInput.Read(oldPath).Require();
        var after = CatalogInput.Read(newPath).Require();
        var (diffs, unchanged) = CatalogDiff.Compare(before, after);
        if (format == OutputFormat.Json)
        {
            WriteJson(console.Output, oldPath, newPath, diffs, unchanged);
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
        return ToolExitCodes.Success;
    }

    private static int Count(List<MessageDiff> diffs, string kind) => diffs.Count(d => d.Kind == kind);

    // Relaxed escaping: the report is read in a terminal or by a JSON parser, never embedded in HTML.
    private static void WriteJson(TextWriter output, string oldPath, string newPath, List<MessageDiff> diffs, int unchanged)
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
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
