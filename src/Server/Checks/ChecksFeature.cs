namespace Linkwatch.Server.Checks;

/// <summary>Checks: the definitions agents run, and the API that changes them.</summary>
public static class ChecksFeature
{
    public static IEndpointRouteBuilder MapChecks(this IEndpointRouteBuilder app)
    {
        app.MapChecksApi();
        return app;
    }
}
