using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Linkwatch.TestSupport;

/// <summary>A stock Kestrel app on 127.0.0.1 and an ephemeral port, quiet, optionally over TLS.</summary>
public static class LoopbackKestrel
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplication> configure, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        configure(app);
        await app.StartAsync().OrTimeout();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
