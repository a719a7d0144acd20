using System.Net;
using System.Net.Sockets;

namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>
/// A small installation to look at: the real server, one running agent, one agent enrolled but never
/// started (offline, no results), a loopback TCP target checked every second, and a few more checks so
/// the pages show each status. Started on first use, so skipped tests start nothing.
/// </summary>
public sealed class MonitoredLab : IAsyncDisposable
{
    public const string AgentName = "lab-agent-1";
    public const string IdleAgentName = "lab-agent-2";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TempDirectory _temp = new("linkwatch-browser");
    private readonly TcpTarget _target = new();
    private ServerProcess? _server;
    private ChildProcess? _agent;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public HttpClient Api { get; private set; } = null!;
    /// <summary>The TCP check every agent runs each second.</summary>
    public long CheckId { get; private set; }
    /// <summary>A check on a loopback port nothing listens on: every result is down at once (connect refused).</summary>
    public long ClosedCheckId { get; private set; }

    public async Task StartAsync()
    {
        await _gate.WaitAsync(TimeSpan.FromMinutes(2));
        try
        {
            if (_server is not null)
                return;
            _server = await ServerProcess.StartAsync(_temp.Sub("server"));
            Api = _server.CreateApiClient();
            CheckId = await Api.CreateCheckAsync(new { name = "lab target", kind = "tcp", target = _target.Target, intervalSeconds = 1 });
            await Api.CreateCheckAsync(new { name = "server health", kind = "http", target = new Uri(_server.BaseUrl, "/healthz").ToString(), intervalSeconds = 2, family = "both", agents = new[] { AgentName } });
            ClosedCheckId = await Api.CreateCheckAsync(new { name = "closed port", kind = "tcp", target = $"127.0.0.1:{ClosedPort()}", intervalSeconds = 2, agents = new[] { AgentName } });

            await AgentProcess.EnrollAsync(_server.BaseUrl, IdleAgentName, _temp.Sub("idle-agent"));
            var agentData = _temp.Sub("agent");
            await AgentProcess.EnrollAsync(_server.BaseUrl, AgentName, agentData);
            _agent = AgentProcess.Run(agentData);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A loopback port with nothing listening: connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string Diagnostics => $"server output:\n{_server?.Process.Output}\nagent output:\n{_agent?.Output}";

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        if (_server is not null)
            await _server.DisposeAsync();
        Api?.Dispose();
        _target.Dispose();
        _temp.Dispose();
        _gate.Dispose();
    }
}
