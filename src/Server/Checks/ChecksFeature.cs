namespace Linkwatch.Server.Checks;

/// <summary>Checks: the definitions agents run, the API that changes them, and running one now on one agent.</summary>
public static class ChecksFeature
{
    public static IServiceCollection AddChecks(this IServiceCollection services)
    {
        services.AddScoped<CheckRunner>();
        return services;
    }

    public static IEndpointRouteBuilder MapChecks(this IEndpointRouteBuilder app)
    {
        app.MapChecksApi();
        app.MapRunNowApi();
        return app;
    }
}
