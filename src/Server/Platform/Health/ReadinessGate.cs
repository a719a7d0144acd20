using Microsoft.AspNetCore.Mvc;

namespace Linkwatch.Server.Platform.Health;

/// <summary>Until migrations are applied, the API, hubs and /metrics answer 503 instead of touching a half-made schema.</summary>
public sealed class ReadinessGate(RequestDelegate next, Readiness readiness)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (readiness.IsReady || !(context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs")
            || context.Request.Path.StartsWithSegments(Metrics.MetricsApi.Path)))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = "The server is starting." },
        });
    }
}
