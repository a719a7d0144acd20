using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Linkwatch.TestSupport;

/// <summary>The real server program on 127.0.0.1, its state in a directory of the test's.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string EnrollmentToken = "test-enrollment-token-0123456789";
    public const string ApiKey = "test-api-key-0123456789abcdef";
    /// <summary>The first admin (Admin:Email / Admin:Password); an empty value in the settings makes the server generate it.</summary>
    public const string AdminEmail = "admin@test.local";
    public const string AdminPassword = "test-admin-password-0123";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private ChildProcess? _process;

    private ServerProcess(string dataDirectory) => DataDirectory = dataDirectory;

    public string DataDirectory { get; }
    public Uri BaseUrl { get; private set; } = null!;
    public ChildProcess Process => _process ?? throw new InvalidOperationException("not running");

    /// <summary>Starts on <paramref name="port"/> (0 = any free port) and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, int port = 0, IDictionary<string, string>? settings = null)
    {
        var server = new ServerProcess(dataDirectory);
        await server.StartAgainAsync(port, settings);
        return server;
    }

    public async Task StartAgainAsync(int port, IDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDir"] = DataDirectory,
            ["Enrollment__Token"] = EnrollmentToken,
            ["Api__BootstrapKey"] = ApiKey,
            ["Admin__Email"] = AdminEmail,
            ["Admin__Password"] = AdminPassword,
            ["EmbeddedAgent__Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        _process = ChildProcess.Start(Repo.ServerDll, ["--urls", $"http://127.0.0.1:{port}"], environment);
        var line = await _process.WaitForLineAsync(l => ListeningLine().IsMatch(l), StartTimeout);
        BaseUrl = new Uri(ListeningLine().Match(line).Groups["url"].Value);
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
            // A poll that times out (a cold server on a busy machine) is polled again until the start deadline.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("server not ready. Output:\n" + _process.Output);
            await Task.Delay(100);
        }
    }

    public HttpClient CreateApiClient()
    {
        var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return http;
    }

    /// <summary>A browser signed in as the first admin.</summary>
    public Task<HttpClient> SignInAsync() => LoginForm.SignInAsync(BaseUrl, AdminEmail, AdminPassword);

    /// <summary>Kills the server as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
            await _process.DisposeAsync();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
