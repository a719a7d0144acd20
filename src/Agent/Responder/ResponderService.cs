using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Responder;

/// <summary>The responder other agents test against: TCP (and half-close) echo, and HTTP health.</summary>
public sealed class ResponderService(ResponderOptions options, ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Linkwatch.Agent.Responder");
    private ResponderListener? _echo;
    private ResponderListener? _health;

    /// <summary>The bound TCP echo port, or -1 when it was in use.</summary>
    public Task<int> TcpEchoPort => (_echo ??= CreateEcho()).Bound;
    /// <summary>The bound HTTP health port, or -1 when it was in use.</summary>
    public Task<int> HttpHealthPort => (_health ??= CreateHealth()).Bound;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _echo ??= CreateEcho();
        _health ??= CreateHealth();
        return Task.WhenAll(_echo.RunAsync(stoppingToken), _health.RunAsync(stoppingToken));
    }

    private ResponderListener CreateEcho() =>
        new("tcp-echo", options.Address, options.TcpEchoPort, EchoHandlers.EchoAsync, _logger);

    private ResponderListener CreateHealth() =>
        new("http-health", options.Address, options.HttpHealthPort, EchoHandlers.HttpHealthAsync, _logger);
}
