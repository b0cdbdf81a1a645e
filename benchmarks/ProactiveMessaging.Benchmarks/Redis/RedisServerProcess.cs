using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ProactiveMessaging.Benchmarks.Redis;

/// <summary>
/// A redis-server of the benchmark's own on a free 127.0.0.1 port, persistence off, and a
/// connection to it; disposing shuts it down.
/// </summary>
/// <remarks>
/// The server runs under a small shell watcher that stops it when this process is gone, so a
/// benchmark process that crashes or is killed before its clean-up leaves no server behind.
/// </remarks>
public sealed class RedisServerProcess : IDisposable
{
    /// <summary>Why the Redis benchmarks cannot run, when redis-server is not installed.</summary>
    public const string Missing = "redis-server is not installed (Debian: apt-get install redis-server): the Redis benchmarks are skipped.";

    private readonly Process _watcher;
    private bool _disposed;

    private RedisServerProcess(Process watcher, int port, ConnectionMultiplexer connection)
    {
        _watcher = watcher;
        Port = port;
        Connection = connection;
    }

    public int Port { get; }

    public ConnectionMultiplexer Connection { get; }

    /// <summary>Whether redis-server is on the PATH.</summary>
    public static bool IsInstalled => FindOnPath("redis-server") is not null;

    /// <summary>Starts a server and connects to it; throws with <see cref="Missing"/> when redis-server is not installed.</summary>
    public static RedisServerProcess Start()
    {
        if (FindOnPath("redis-server") is not { } server)
        {
            throw new InvalidOperationException(Missing);
        }

        var port = FreePort();
        var directory = Directory.CreateTempSubdirectory("pm-bench-redis-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The watcher: runs the server, stops it when this benchmark process ends, whatever the way.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            "$1" --bind 127.0.0.1 --port "$2" --save '' --appendonly no --dir "$3" --logfile "$3/redis.log" &
            server=$!
            trap 'kill "$server" 2>/dev/null; rm -rf "$3"' EXIT
            while kill -0 "$4" 2>/dev/null && kill -0 "$server" 2>/dev/null; do sleep 0.5; done
            """);
        start.ArgumentList.Add("watcher");
        start.ArgumentList.Add(server);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var watcher = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        watcher.BeginOutputReadLine();
        watcher.BeginErrorReadLine();

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var options = ConfigurationOptions.Parse(string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}"));
                options.AllowAdmin = true;
                options.AbortOnConnectFail = true;
                var connection = ConnectionMultiplexer.Connect(options);
                connection.GetServer("127.0.0.1", port).Ping();
                return new RedisServerProcess(watcher, port, connection);
            }
            catch (RedisConnectionException) when (attempt < 100 && !watcher.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Shuts the server down (no save) and waits for the watcher to end; a second call does nothing.</summary>
    public void Dispose()
    {
        // Twice when a failed set-up cleaned up before the harness's own clean-up.
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Connection.GetServer("127.0.0.1", Port).Shutdown(ShutdownMode.Never);
        }
        catch (RedisException)
        {
            // The server is already gone, or going: the watcher ends either way.
        }

        Connection.Dispose();
        if (!_watcher.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _watcher.Kill(entireProcessTree: true);
        }

        _watcher.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
