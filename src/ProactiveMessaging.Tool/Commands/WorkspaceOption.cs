using System.CommandLine;

namespace ProactiveMessaging.Tool.Commands;

/// <summary>The <c>--workspace</c> option of every command that runs the engine or checks publish requirements.</summary>
internal static class WorkspaceOption
{
    /// <summary>A new option (System.CommandLine binds an option to one command); <paramref name="scope"/> follows "channels and bots" in its help.</summary>
    public static Option<string?> Create(string scope = "") =>
        new("--workspace") { Description = $"A workspace file with the real channels and bots{scope} (see docs/tool.md); default: inferred from the catalog." };
}
