using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Linkwatch.TestSupport;

/// <summary>
/// A real HTTP proxy (Debian's tinyproxy) on 127.0.0.1 for the tests of proxied connections: it tunnels
/// CONNECT requests and forwards plain http ones, and its log tells which requests went through it.
/// </summary>
public sealed partial class TinyProxy : IAsyncDisposable
{
    public const string Executable = "/usr/bin/tinyproxy";

    private readonly BackgroundProcess _process;
    private readonly TempDirectory _dir;

    private TinyProxy(BackgroundProcess process, TempDirectory dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The proxy's URL, e.g. <c>http://127.0.0.1:41234</c>; with credentials when it asks for them.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Starts tinyproxy in the foreground; <paramref name="basicAuth"/> ("user:pass") makes it demand those credentials.</summary>
    public static async Task<TinyProxy> StartAsync(CancellationToken ct, string? basicAuth = null)
    {
        if (!IsInstalled)
            throw new InvalidOperationException($"{Executable} is not installed (apt-get install tinyproxy)");
        var dir = new TempDirectory("tinyproxy");
        var port = FreePorts.Block(1);
        var log = Path.Combine(dir.Path, "tinyproxy.log");
        var lines = new List<string>
        {
            $"Port {port}",
            "Listen 127.0.0.1",
            "Allow 127.0.0.1",
            "Timeout 30",
            "MaxClients 50",
            $"LogFile \"{log}\"",
            "LogLevel Connect",
            "DisableViaHeader Yes",
        };
        if (basicAuth is not null)
        {
            var colon = basicAuth.IndexOf(':', StringComparison.Ordinal);
            lines.Add($"BasicAuth {basicAuth[..colon]} {basicAuth[(colon + 1)..]}");
        }
        var config = Path.Combine(dir.Path, "tinyproxy.conf");
        await File.WriteAllLinesAsync(config, lines, ct);
        var process = BackgroundProcess.Start("tinyproxy", Executable, ["-d", "-c", config]);
        var proxy = new TinyProxy(process, dir, port);
        try
        {
            await proxy.WaitListeningAsync(ct);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
        return proxy;
    }

    private async Task WaitListeningAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("tinyproxy exited at start: " + _process.Describe());
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(1), ct);
                return;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                await Task.Delay(50, ct);
            }
        }
        throw new TimeoutException("tinyproxy did not listen within 10 s: " + _process.Describe());
    }

    /// <summary>The hosts and ports tunnelled with CONNECT so far, as "host:port", oldest first.</summary>
    public IReadOnlyList<string> Tunnels() => LogMatches(ConnectLine());

    /// <summary>The absolute URLs requested through the proxy without CONNECT (plain http), oldest first.</summary>
    public IReadOnlyList<string> Forwarded() => LogMatches(ForwardLine());

    /// <summary>Everything tinyproxy logged and printed, for a failure message.</summary>
    public string Describe()
    {
        var log = Path.Combine(_dir.Path, "tinyproxy.log");
        return _process.Describe() + (File.Exists(log) ? "\nlog:\n" + ReadShared(log) : "");
    }

    private List<string> LogMatches(Regex pattern)
    {
        var log = Path.Combine(_dir.Path, "tinyproxy.log");
        if (!File.Exists(log))
            return [];
        return pattern.Matches(ReadShared(log)).Select(m => m.Groups[1].Value).ToList();
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"Request \(file descriptor \d+\): CONNECT (\S+) HTTP")]
    private static partial Regex ConnectLine();

    [GeneratedRegex(@"Request \(file descriptor \d+\): (?!CONNECT)[A-Z]+ (http://\S+) HTTP")]
    private static partial Regex ForwardLine();

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _dir.Dispose();
    }
}
