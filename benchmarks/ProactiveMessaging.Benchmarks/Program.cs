using BenchmarkDotNet.Running;

namespace ProactiveMessaging.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, for example <c>--filter '*BusinessHours*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
