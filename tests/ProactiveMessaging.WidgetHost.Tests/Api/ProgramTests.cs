using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ProactiveMessaging.WidgetHost.Tests.Api;

public sealed partial class ProgramTests
{
    [Fact]
    public async Task Program_PrintsTheLoopbackAddressThePagesAndAGeneratedAdminKey_AndServesThere()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "WidgetHost.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--WidgetHost:AdminKey=");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        using var process = Process.Start(start)!;
        try
        {
            var lines = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            while (!lines.Any(line => line.StartsWith("Admin key:", StringComparison.Ordinal)))
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                Assert.NotNull(line);
                lines.Add(line);
            }

            var listening = ListeningLine().Match(lines[0]);
            Assert.True(listening.Success, $"First line: {lines[0]}");
            var url = listening.Groups["url"].Value;
            Assert.Equal([$"Shop: {url}/", $"Admin: {url}/admin"], lines[1..3]);
            Assert.Matches(AdminKeyLine(), lines[3]);
            using var client = new HttpClient();
            var health = await client.GetAsync(new Uri(url + "/health"), timeout.Token);
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    [GeneratedRegex(@"^WidgetHost listening on (?<url>http://127\.0\.0\.1:[1-9][0-9]*)$")]
    private static partial Regex ListeningLine();

    [GeneratedRegex("^Admin key: [0-9a-f]{32}$")]
    private static partial Regex AdminKeyLine();
}
