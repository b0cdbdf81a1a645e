using System.CommandLine;
using ProactiveMessaging.Tool.Commands;

namespace ProactiveMessaging.Tool;

/// <summary>The <c>proactive</c> command line: its commands, and one run of it.</summary>
internal static class ToolApp
{
    /// <summary>Builds the root command with every command, writing to <paramref name="console"/>.</summary>
    public static RootCommand CreateRootCommand(ToolConsole console)
    {
        var root = new RootCommand("Validate, explain, simulate, analyse and diff ProactiveMessaging message catalogs.");
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ExplainCommand.Create(console));
        root.Subcommands.Add(SimulateCommand.Create(console));
        root.Subcommands.Add(AnalyseCommand.Create(console));
        root.Subcommands.Add(DiffCommand.Create(console));
        return root;
    }

    /// <summary>Runs the command line; returns the exit code. Bad input is one line on the error output, never a stack trace.</summary>
    public static async Task<int> RunAsync(string[] args, ToolConsole console, CancellationToken cancellationToken = default)
    {
        var root = CreateRootCommand(console);
        var parsed = root.Parse(args);
        try
        {
            var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error, EnableDefaultExceptionHandler = false };
            var exit = await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);

            // A parse error (an unknown option, a missing argument) is unusable input.
            return parsed.Errors.Count > 0 ? ToolExitCodes.UnusableInput : exit;
        }
        catch (ToolInputException exception)
        {
            await console.Error.WriteLineAsync($"proactive: {exception.Message}").ConfigureAwait(false);
            return ToolExitCodes.UnusableInput;
        }
    }
}
