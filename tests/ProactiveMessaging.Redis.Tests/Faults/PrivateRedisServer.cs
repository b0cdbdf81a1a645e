using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ProactiveMessaging.Redis.Tests.Faults;

/// <summary>
/// A redis-server of one test class's own, on a free loopback port with persistence off, that the
/// tests kill (SIGKILL, as a crash would) and start again on the same port. The shared servers of
/// <see cref="RedisServers"/> are never touched. Stopped when the class ends, also after a failure.
/// </summary>
/// <remarks>
/// Without a redis-server on the PATH the tests skip with the reason, unless
/// PROACTIVE_REQUIRE_SERVICES is set (./build.sh test sets it): then it is a failure.
/// </remarks>
public sealed class PrivateRedisServer : IAsyncLifetime
{
    private const string NoServer = "No redis-server on the PATH: run the tests with ./build.sh test, which installs it (scripts/prepare-test-services.sh).";

    private readonly Lock _gate = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"pm-faults-{Guid.NewGuid():N}");
    private Process? _process;
    private string? _executable;

    /// <summary>Gets the server's port, the same across restarts.</summary>
    public int Port { get; private set; }

    /// <summary>Gets the configuration string of the server's address.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Gets whether the server process is running.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        _executable = FindOnPath("redis-server");
        if (_executable is null)
        {
            return;
        }

        Directory.CreateDirectory(_directory);
        Port = FreePort();

        // If the test process dies without disposing fixtures, the server must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
        await StartAsync();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder left behind harms nothing.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Skips the test (or fails it under ./build.sh test) when there is no redis-server.</summary>
    public void RequireServer()
    {
        if (_executable is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("PROACTIVE_REQUIRE_SERVICES") is { Length: > 0 })
        {
            Assert.Fail(NoServer);
        }

        Assert.Skip(NoServer);
    }

    /// <summary>Starts the server (when it is not running) and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        RequireServer();
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            _process?.Dispose();
            var start = new ProcessStartInfo(_executable!)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = _directory,
            };
            foreach (var argument in (string[])["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no"])
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");

            // Drained, so that a full pipe never blocks the server.
            _process.OutputDataReceived += static (_, _) => { };
            _process.ErrorDataReceived += static (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await PingsAsync())
            {
                return;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"redis-server on port {Port} did not answer within 5 seconds.");
    }

    /// <summary>Kills the server with SIGKILL, as a crash would (nothing is saved: persistence is off), and waits until it is gone.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            if (_process is null)
            {
                return;
            }

            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                    _process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Opens an admin connection of its own (for CLIENT PAUSE and the like), failing at once when the server is down.</summary>
    public Task<ConnectionMultiplexer> ConnectAdminAsync()
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 2_000;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    private async Task<bool> PingsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
            return read >= 5 && buffer[0] == (byte)'+';
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
