using Quartz;

namespace Linkwatch.Server.History;

/// <summary>History: the rollup job (Quartz), the uptime and series reads and their API.</summary>
public static class HistoryFeature
{
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddSingleton<RollupBuilder>();
        services.AddScoped<HistoryQueries>();
        services.AddScoped<CheckHistoryQueries>();
        services.AddSingleton<UptimeCounter>();
        services.AddHostedService<UptimeSeeder>();
        services.AddQuartz(quartz =>
        {
            // Quartz 4 keeps its schedulers per service collection, so this one and the embedded agent's do not meet.
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = 2);
            quartz.ScheduleJob<RollupJob>(trigger => trigger
                .WithIdentity("rollups")
                .StartNow()
                .WithSimpleSchedule(s => s.WithInterval(RollupJob.Interval).RepeatForever()));
        });
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        return services;
    }

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        app.MapHistoryApi();
        return app;
    }
}
