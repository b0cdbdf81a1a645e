using System.Reflection;

namespace ProactiveMessaging.Tests.Samples;

/// <summary>Runs a sample's entry point in the test process and captures what it writes to the console.</summary>
internal static class SampleRunner
{
    /// <summary>Runs the program; tests that call it belong to <see cref="ConsoleOutputTests"/>, as the console is shared.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(Assembly program)
    {
        var entryPoint = program.EntryPoint!;
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            var exitCode = entryPoint.Invoke(null, [Array.Empty<string>()]) switch
            {
                Task<int> withCode => await withCode,
                Task task => await CompletedAsync(task),
                int code => code,
                _ => 0,
            };
            return (exitCode, output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>A <c>Main</c> that returns a plain task exits with 0 once it completes, or throws what it threw.</summary>
    private static async Task<int> CompletedAsync(Task task)
    {
        await task;
        return 0;
    }
}
