using Microsoft.Extensions.Hosting;

namespace Linkwatch.Agent.Responder;

/// <summary>
/// The responder other agents test against: TCP echo, half-close echo, UDP echo, close-after,
/// HTTP health and WebSocket echo (ports in docs/responder.md). Each service starts on its own; one whose port is
/// taken is reported and skipped.
/// </summary>
public sealed class ResponderService : BackgroundService
{
    private readonly ResponderListener _echo;
    private readonly ResponderListener _halfClose;
    private readonly UdpEchoListener _udpEcho;
    private readonly ResponderListener _closeAfter;
    private readonly ResponderListener _health;
    private readonly ResponderListener _webSocketEcho;

    public ResponderService(ResponderOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("Linkwatch.Agent.Responder");
        _echo = new("tcp-echo", options.Address, options.TcpEchoPort, EchoHandlers.EchoAsync, logger);
        _halfClose = new("half-close-echo", options.Address, options.HalfClosePort, EchoHandlers.HalfCloseEchoAsync, logger,
            maxConnections: 32);
        _udpEcho = new(options.Address, options.UdpEchoPort, options.UdpEchoRatePerSource, logger);
        _closeAfter = new("close-after", options.Address, options.CloseAfterPort,
            (client, ct) => EchoHandlers.CloseAfterAsync(client, options.CloseAfter, ct), logger);
        _health = new("http-health", options.Address, options.HttpHealthPort, EchoHandlers.HttpHealthAsync, logger);
        _webSocketEcho = new("websocket-echo", options.Address, options.WebSocketEchoPort, WebSocketEcho.ServeAsync, logger);
    }

    /// <summary>The bound TCP echo port, or -1 when it was in use.</summary>
    public Task<int> TcpEchoPort => _echo.Bound;
    /// <summary>The bound half-close echo port, or -1 when it was in use.</summary>
    public Task<int> HalfClosePort => _halfClose.Bound;
    /// <summary>The bound UDP echo port, or -1 when it was in use.</summary>
    public Task<int> UdpEchoPort => _udpEcho.Bound;
    /// <summary>The bound close-after port, or -1 when it was in use.</summary>
    public Task<int> CloseAfterPort => _closeAfter.Bound;
    /// <summary>The bound HTTP health port, or -1 when it was in use.</summary>
    public Task<int> HttpHealthPort => _health.Bound;
    /// <summary>The bound WebSocket echo port, or -1 when it was in use.</summary>
    public Task<int> WebSocketEchoPort => _webSocketEcho.Bound;

    internal UdpEchoListener UdpEcho => _udpEcho;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        _echo.RunAsync(stoppingToken),
        _halfClose.RunAsync(stoppingToken),
        _udpEcho.RunAsync(stoppingToken),
        _closeAfter.RunAsync(stoppingToken),
        _health.RunAsync(stoppingToken),
        _webSocketEcho.RunAsync(stoppingToken));
}
