namespace Linkwatch.Server.Platform.Health;

/// <summary><c>/healthz</c> (process alive) and <c>/readyz</c> (migrated, ready for agents and API); both anonymous.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok")).AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/readyz", (Readiness readiness) => readiness.IsReady
                ? TypedResults.Text("ready")
                : TypedResults.Text("starting", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/plain").Produces<string>(StatusCodes.Status503ServiceUnavailable, "text/plain");
        return app;
    }
}
