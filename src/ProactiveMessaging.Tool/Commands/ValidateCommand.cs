using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ProactiveMessaging.Tool.Input;
using ProactiveMessaging.Tool.Output;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// <c>proactive validate CATALOG.json</c>: every problem of every message with its JSON path, code
/// and line. Exit 0 when valid, 1 when not, 2 for unusable input (a missing file, malformed JSON).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(ToolConsole console)
    {
        var catalog = SharedOptions.Catalog();
        var format = SharedOptions.ReportFormat();
        var command = new Command("validate", "Check a catalog: every problem of every message, with its JSON path, code and line.") { catalog, format };
        command.SetAction(parsed => Run(console, parsed.GetValue(catalog)!, parsed.GetValue(format)));
        return command;
    }

    public static int Run(ToolConsole console, string path, OutputFormat format)
    {
        var input = CatalogInput.Read(path);
        var problems = input.Problems.Select(problem => (Problem: problem, Line: input.LineOf(problem))).ToList();
        switch (format)
        {
            case OutputFormat.Json:
                WriteJson(console.Output, input, problems);
                break;
            case OutputFormat.Github:
                foreach (var (problem, line) in problems)
                {
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"::error file={Escape(path, property: true)},line={line},title={Escape(problem.Code, property: true)}::{Escape($"{problem.Message} ({problem.Path})", property: false)}"));
                }

                break;
            default:
                foreach (var (problem, line) in problems)
                {
                    console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {problem.Code} at {problem.Path}: {problem.Message}"));
                }

                console.Output.WriteLine(problems.Count == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{path}: valid, {input.Document!.Messages.Length} messages.")
                    : string.Create(CultureInfo.InvariantCulture, $"{path}: {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}."));
                break;
        }

        return input.IsMalformedJson ? ToolExitCodes.UnusableInput
            : problems.Count == 0 ? ToolExitCodes.Success
            : ToolExitCodes.Problems;
    }

    private static void WriteJson(TextWriter output, CatalogInput input, List<(Problem Problem, int Line)> problems)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", input.Path);
            json.WriteBoolean("valid", problems.Count == 0);
            json.WriteNumber("messages", input.Document?.Messages.Length ?? 0);
            json.WriteStartArray("problems");
            foreach (var (problem, line) in problems)
            {
                json.WriteStartObject();
                json.WriteString("code", problem.Code);
                json.WriteString("path", problem.Path);
                json.WriteNumber("line", line);
                json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(problem.Kind.ToString()));
                json.WriteString("message", problem.Message);
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
