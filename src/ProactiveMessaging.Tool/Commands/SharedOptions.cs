using System.CommandLine;
using ProactiveMessaging.Tool.Output;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>
/// The arguments and options several commands declare alike, made in one place. Each call makes a
/// new one: System.CommandLine binds an argument or option to one command.
/// </summary>
internal static class SharedOptions
{
    /// <summary>The catalog file argument.</summary>
    public static Argument<string> Catalog() => new("catalog") { Description = "The catalog file (JSON format version 1)." };

    /// <summary>The <c>--format</c> of the commands that report problems or findings: text, json or GitHub annotations.</summary>
    public static Option<OutputFormat> ReportFormat() =>
        new("--format") { Description = "text, json, or github (annotations for GitHub Actions).", DefaultValueFactory = _ => OutputFormat.Text };

    /// <summary>The <c>--workspace</c> option of every command that runs the engine or checks publish requirements; <paramref name="scope"/> follows "channels and bots" in its help.</summary>
    public static Option<string?> Workspace(string scope = "") =>
        new("--workspace") { Description = $"A workspace file with the real channels and bots{scope} (see docs/tool.md); default: inferred from the catalog." };
}
