using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Linkwatch.BenchSupport;

/// <summary>The real server program (<c>dotnet Linkwatch.Server.dll</c>) on 127.0.0.1, its data in a temp folder.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string EnrollmentToken = "bench-enrollment-token-0123456789";
    public const string ApiKey = "bench-api-key-0123456789abcdef";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public int Pid => _process.Id;
    public string DataDirectory { get; }
    public string DatabasePath => Path.Combine(DataDirectory, "linkwatch.db");
    public Uri BaseUrl { get; private set; } = null!;
    public IEnumerable<string> Output => _output;

    /// <param name="environment">More configuration for this run (e.g. the first admin), as environment variables.</param>
    public static async Task<ServerProcess> StartAsync(string serverDll, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Storage__DataDir"] = dataDirectory;
        info.Environment["Enrollment__Token"] = EnrollmentToken;
        info.Environment["Api__BootstrapKey"] = ApiKey;
        // Not yet a known section on every branch; an unknown whole section is ignored by the server.
        info.Environment["EmbeddedAgent__Enabled"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, dataDirectory);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException("server exited during start:\n" + server.Tail()));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        server.BaseUrl = await server._listening.Task.WaitAsync(StartTimeout);
        await server.WaitUntilReadyAsync();
        return server;
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 5000)
            _output.TryDequeue(out _);
        if (ListeningLine().Match(line) is { Success: true } match)
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("server not ready:\n" + Tail());
            await Task.Delay(100);
        }
    }

    /// <summary>Asks the server to shut down (SIGTERM) so the host stops cleanly; kills it if that takes too long.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])))
            await kill!.WaitForExitAsync();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Warning, error and critical log entries, each with its message line.</summary>
    public List<string> Problems()
    {
        var lines = _output.ToArray();
        var problems = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("warn:", StringComparison.Ordinal) || lines[i].StartsWith("fail:", StringComparison.Ordinal)
                || lines[i].StartsWith("crit:", StringComparison.Ordinal))
                problems.Add(i + 1 < lines.Length ? lines[i] + " " + lines[i + 1].Trim() : lines[i]);
        }
        return problems;
    }

    public string Tail(int lines = 40) => string.Join('\n', _output.TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
