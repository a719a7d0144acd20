using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkwatch.ProbeBench;

/// <summary>
/// What both probers probe, in the bench's own process (its CPU is nobody's prober cost): a TCP
/// listener that accepts and closes, and Kestrel answering <c>200 ok</c>.
/// </summary>
public sealed class LoopbackTargets : IAsyncDisposable
{
    private readonly Socket _tcp;
    private readonly WebApplication _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LoopbackTargets(Socket tcp, WebApplication http, int httpPort)
    {
        _tcp = tcp;
        _http = http;
        TcpTarget = $"127.0.0.1:{((IPEndPoint)tcp.LocalEndPoint!).Port}";
        HttpTarget = $"http://127.0.0.1:{httpPort}/";
        _accepting = AcceptAndCloseAsync();
    }

    public string TcpTarget { get; }
    public string HttpTarget { get; }

    public static async Task<LoopbackTargets> StartAsync()
    {
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        // A deep backlog: both probers open connections faster than one accept loop may drain them.
        tcp.Listen(4096);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackTargets(tcp, app, new Uri(address).Port);
    }

    private async Task AcceptAndCloseAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _tcp.AcceptAsync(_stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        await _accepting;
        await _http.StopAsync();
        await _http.DisposeAsync();
        _stop.Dispose();
    }
}
