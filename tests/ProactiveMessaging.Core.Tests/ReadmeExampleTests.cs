using ProactiveMessaging.Tests.Samples;

namespace ProactiveMessaging.Tests;

/// <summary>The README's example, kept compiling and true.</summary>
[Collection(nameof(Samples.ConsoleOutputTests))]
public sealed class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_IsTheProgramOfTheExampleApp_WordForWord()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readme", "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var program = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readme", "Program.cs.txt")).ReplaceLineEndings("\n");

        Assert.Equal(program, block);
    }

    [Fact]
    public async Task ReadmeExampleApp_Runs_AndShowsTheMessage()
    {
        var (exitCode, output) = await SampleRunner.RunAsync(System.Reflection.Assembly.Load("ReadmeExample"));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Show ", output, StringComparison.Ordinal);
        Assert.Contains("Need help paying?", output, StringComparison.Ordinal);
    }
}
