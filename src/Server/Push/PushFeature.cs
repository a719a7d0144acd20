using Quartz;

namespace Linkwatch.Server.Push;

/// <summary>Push checks: the anonymous push endpoint and the job that records missed pushes.</summary>
public static class PushFeature
{
    public static IServiceCollection AddPush(this IServiceCollection services)
    {
        services.AddSingleton<PushLimiter>();
        services.AddSingleton<PushDeadlines>();
        services.AddQuartz(quartz => quartz.ScheduleJob<PushDeadlineJob>(trigger => trigger
            .WithIdentity("push-deadlines")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(PushDeadlineJob.Interval).RepeatForever())));
        return services;
    }

    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app)
    {
        app.MapPushApi();
        return app;
    }
}
