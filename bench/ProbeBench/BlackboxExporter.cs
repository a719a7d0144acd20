using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Linkwatch.BenchSupport;
using Linkwatch.SimulatedAgents;

namespace Linkwatch.ProbeBench;

/// <summary>
/// Debian's prometheus-blackbox-exporter, run by hand (never its system service) on 127.0.0.1 with
/// a temporary config of two modules, and driven the way Prometheus uses it: one HTTP GET of
/// <c>/probe?module=..&amp;target=..</c> per probe. The scrape's HTTP handling is part of the
/// exporter's cost in real use, so it is counted in its CPU time.
/// </summary>
public sealed class BlackboxExporter : IAsyncDisposable
{
    public const string BinaryPath = "/usr/bin/prometheus-blackbox-exporter";
    public const string TcpModule = "tcp_connect";
    public const string HttpModule = "http_2xx";
    private const int WarmupProbes = 300;

    // Same deadline as the agent's default; IPv4 first because the targets are IPv4 literals anyway.
    private const string Config = """
        modules:
          tcp_connect:
            prober: tcp
            timeout: 5s
            tcp:
              preferred_ip_protocol: ip4
          http_2xx:
            prober: http
            timeout: 5s
            http:
              preferred_ip_protocol: ip4
              valid_status_codes: [200]
        """;

    private readonly Process _process;
    private readonly string _configPath;
    private readonly HttpClient _http;

    private BlackboxExporter(Process process, string configPath, Uri baseUrl, int concurrency)
    {
        _process = process;
        _configPath = configPath;
        // One keep-alive connection per lane, as a Prometheus server keeps its scrape connections.
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public static string Version()
    {
        using var process = Process.Start(new ProcessStartInfo(BinaryPath, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return text.Split('\n')[0].Trim();
    }

    public static async Task<BlackboxExporter> StartAsync(string workDirectory, int concurrency)
    {
        var configPath = Path.Combine(workDirectory, "blackbox.yml");
        await File.WriteAllTextAsync(configPath, Config);
        var port = FreePort();
        var info = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"--config.file={configPath}");
        info.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("blackbox_exporter did not start");
        // Drained so a chatty log never blocks the exporter on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var exporter = new BlackboxExporter(process, configPath, new Uri($"http://127.0.0.1:{port}"), concurrency);
        await exporter.WaitUntilUpAsync();
        return exporter;
    }

    public async Task<ProberRun> RunAsync(string module, string target, int count, int concurrency)
    {
        var path = $"/probe?module={module}&target={Uri.EscapeDataString(target)}";
        await DriveAsync(path, WarmupProbes, concurrency);
        var cpuBefore = ProcessStats.CpuTime(_process.Id);
        var started = Stopwatch.GetTimestamp();
        var ok = await DriveAsync(path, count, concurrency);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = (ProcessStats.CpuTime(_process.Id) - cpuBefore).TotalSeconds;
        var kind = module == TcpModule ? "tcp" : "http";
        return new ProberRun("blackbox_exporter", kind, count, ok, wall, cpu, ProcessStats.PeakRss(_process.Id));
    }

    public int ProcessId => _process.Id;

    /// <summary>One probe through the exporter, as one Prometheus scrape of one target; true when it succeeded.</summary>
    public async Task<bool> ProbeOnceAsync(string module, string target) =>
        (await _http.GetStringAsync($"/probe?module={module}&target={Uri.EscapeDataString(target)}")).Contains("\nprobe_success 1", StringComparison.Ordinal);

    private async Task<int> DriveAsync(string path, int count, int concurrency)
    {
        var next = 0;
        var ok = 0;
        var lanes = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                var body = await _http.GetStringAsync(path);
                if (body.Contains("\nprobe_success 1", StringComparison.Ordinal))
                    Interlocked.Increment(ref ok);
            }
        });
        await Task.WhenAll(lanes);
        return ok;
    }

    private async Task WaitUntilUpAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"blackbox_exporter exited with {_process.ExitCode} during start");
            try
            {
                using var response = await _http.GetAsync("/-/healthy");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException("blackbox_exporter did not come up within 30 s");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        File.Delete(_configPath);
    }
}
