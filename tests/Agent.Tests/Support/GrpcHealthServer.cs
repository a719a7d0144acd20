using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>
/// The stock gRPC health service (Grpc.AspNetCore with Grpc.HealthCheck's <see cref="HealthServiceImpl"/>) on
/// 127.0.0.1 and an ephemeral port: over TLS with <paramref name="certificate"/>, else plaintext HTTP/2 (h2c).
/// <see cref="Serving"/> and <see cref="NotServing"/> are registered services; any other name is unknown to it.
/// </summary>
public sealed class GrpcHealthServer : IAsyncDisposable
{
    public const string Serving = "linkwatch.test.Serving";
    public const string NotServing = "linkwatch.test.NotServing";

    private readonly WebApplication _app;

    private GrpcHealthServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }
    public string Target => $"127.0.0.1:{Port}";
    public HealthServiceImpl Health => _app.Services.GetRequiredService<HealthServiceImpl>();

    public static async Task<GrpcHealthServer> StartAsync(X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            // Without TLS there is no ALPN: the port speaks HTTP/2 only, as gRPC servers do for h2c.
            listen.Protocols = certificate is null ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2;
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        builder.Services.AddGrpc();
        var health = new HealthServiceImpl();
        health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(Serving, HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(NotServing, HealthCheckResponse.Types.ServingStatus.NotServing);
        builder.Services.AddSingleton(health);
        var app = builder.Build();
        app.MapGrpcService<HealthServiceImpl>();
        await app.StartAsync().OrTimeout();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new GrpcHealthServer(app, address.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().OrTimeout();
        await _app.DisposeAsync();
    }
}
