using Linkwatch.Server.Metrics;

namespace Linkwatch.Server.Extensions;

public static class MetricsExtensions
{
    public static IServiceCollection AddLinkwatchMetrics(this IServiceCollection services)
    {
        services.AddSingleton<IngestCounters>();
        services.AddScoped<MetricsCollector>();
        return services;
    }
}
