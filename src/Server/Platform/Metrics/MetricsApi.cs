using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Platform.Metrics;

/// <summary><c>GET /metrics</c>: the Prometheus scrape, behind the same API key as <c>/api</c>.</summary>
public static class MetricsApi
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ScrapeAsync).RequireAuthorization(Policies.View).Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }

    public static async Task<ContentHttpResult> ScrapeAsync(MetricsCollector collector, CancellationToken cancellationToken) =>
        TypedResults.Text(await collector.CollectAsync(cancellationToken), PrometheusTextWriter.ContentType);
}
