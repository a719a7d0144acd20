using System.Net;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Limits;

/// <summary>
/// Limits: connections below the descriptor limit (anonymous ones per address and together), Kestrel's timeouts,
/// per-agent rates on the hub and per-address throttles on failed sign-ins and enrollments.
/// </summary>
public static class LimitsFeature
{
    public static WebApplicationBuilder AddLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<LimitsOptions, LimitsOptionsValidator>(LimitsOptions.Section);
        services.AddSingleton<LimitCounters>();
        services.AddSingleton(sp => ConnectionBudget.From(sp.GetRequiredService<IOptions<LimitsOptions>>().Value, FileDescriptors.RaiseSoftLimit()));
        services.AddSingleton(sp => new ConnectionLimiter(
            sp.GetRequiredService<ConnectionBudget>(),
            // Behind a reverse proxy every connection comes from the proxy: its address is not one client's.
            sp.GetRequiredService<IOptions<ServerOptions>>().Value.KnownProxies.Select(IPAddress.Parse),
            sp.GetRequiredService<LimitCounters>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConnectionLimiter>>()));
        services.AddSingleton<AgentRateLimiter>();
        services.AddSingleton<FailureThrottles>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            var options = limits.Value;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(options.RequestHeadersTimeoutSeconds);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(options.KeepAliveTimeoutSeconds);
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                var limiter = listen.ApplicationServices.GetRequiredService<ConnectionLimiter>();
                // Kestrel's own counts are the second wall; upgraded connections (WebSockets) leave its ordinary count,
                // so each gets the whole budget and the limiter keeps the sum of both under it.
                kestrel.Limits.MaxConcurrentConnections = limiter.Budget.MaxConnections;
                kestrel.Limits.MaxConcurrentUpgradedConnections = limiter.Budget.MaxConnections;
                listen.Use(next => connection => LimitAsync(limiter, next, connection));
            });
        });
        services.AddHostedService<LimitsBanner>();
        return builder;
    }

    /// <summary>Before authentication: an address that failed too often is refused without its credentials being looked at.</summary>
    public static WebApplication UseFailureThrottles(this WebApplication app)
    {
        var enroll = app.Services.GetRequiredService<FailureThrottles>().Enroll;
        app.UseWhen(c => c.Request.Path.StartsWithSegments(HubPaths.Enroll), branch => branch.Use(async (context, next) =>
        {
            if (enroll.IsBlocked(context.Connection.RemoteIpAddress, out var retryAfter))
            {
                await TooManyAsync(context, retryAfter, "Too many failed enrollments from this address; try again later.");
                return;
            }
            await next(context);
            if (context.Response.StatusCode is >= 400 and < 500 and not StatusCodes.Status429TooManyRequests)
                enroll.Failed(context.Connection.RemoteIpAddress);
        }));
        return app;
    }

    /// <summary>After authentication: a connection that carried a credential is no longer anonymous.</summary>
    public static WebApplication UseConnectionClassification(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<ConnectionLimiter>();
        app.Use((context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                limiter.Credentialed(context.Connection.Id);
            return next(context);
        });
        return app;
    }

    public static async Task TooManyAsync(HttpContext context, TimeSpan retryAfter, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Detail = detail },
        });
    }

    private static async Task LimitAsync(ConnectionLimiter limiter, ConnectionDelegate next, ConnectionContext connection)
    {
        var remote = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (await limiter.AcquireAsync(connection.ConnectionId, remote, connection.ConnectionClosed) is not { } lease)
        {
            connection.Abort(new ConnectionAbortedException("connection limit"));
            return;
        }
        try
        {
            await next(connection);
        }
        finally
        {
            limiter.Release(lease);
        }
    }
}
