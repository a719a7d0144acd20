using System.Net;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Hosting;

/// <summary>
/// Behind a reverse proxy the request's scheme (and so the cookie's Secure flag) and the client address come from
/// <c>X-Forwarded-*</c>, believed from <c>Server:KnownProxies</c> only. ASP.NET Core would otherwise trust loopback.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static void UseKnownProxies(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.KnownProxies;
        if (proxies.Length == 0)
            return;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        app.UseForwardedHeaders(options);
    }
}
