using Spectre.Console;

namespace ProactiveMessaging.Tool;

/// <summary>
/// Where a command writes: the output and error writers, and a Spectre console over the output for
/// tables and progress. Colours are off when the output is redirected or <c>NO_COLOR</c> is set.
/// </summary>
internal sealed class ToolConsole
{
    public ToolConsole(TextWriter output, TextWriter error, bool interactive, bool colours)
    {
        Output = output;
        Error = error;
        IsInteractive = interactive;
        Colours = colours;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colours ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>Gets a value indicating whether the output is a terminal (progress is shown only then).</summary>
    public bool IsInteractive { get; }

    public bool Colours { get; }

    public IAnsiConsole Ansi { get; }

    /// <summary>The console of this process: interactive and coloured only on a terminal, colours off with <c>NO_COLOR</c>.</summary>
    public static ToolConsole ForProcess()
    {
        var terminal = !Console.IsOutputRedirected;
        var noColour = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new ToolConsole(Console.Out, Console.Error, terminal, terminal && !noColour);
    }

    /// <summary>A console over writers (tests and redirected output): not interactive, no colours.</summary>
    public static ToolConsole ForWriters(TextWriter output, TextWriter error) => new(output, error, interactive: false, colours: false);
}
