using Linkwatch.Server.Results.Ingest;

namespace Linkwatch.Server.Results;

/// <summary>Results: the ingest queue and writer, the results API and retention.</summary>
public static class ResultsFeature
{
    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        services.AddSingleton<IngestQueue>();
        services.AddSingleton<LatestResults>();
        services.AddHostedService<IngestWriter>();
        services.AddHostedService<RetentionService>();
        return services;
    }

    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        app.MapResultsApi();
        return app;
    }
}
