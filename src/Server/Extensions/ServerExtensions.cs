using Linkwatch.Server.Health;
using Linkwatch.Server.Json;

namespace Linkwatch.Server.Extensions;

public static class ServerExtensions
{
    /// <summary>Everything the server registers; each area has its own extension file.</summary>
    public static WebApplicationBuilder AddLinkwatchServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new UtcMillisecondsDateTimeOffsetConverter());
            o.SerializerOptions.Converters.Add(new UtcMillisecondsDateTimeConverter());
        });
        services.AddLinkwatchOptions();
        services.AddLinkwatchStore();
        services.AddLinkwatchAuth();
        services.AddLinkwatchHub();
        services.AddLinkwatchAlerts();
        services.AddLinkwatchMetrics();
        services.AddHostedService<Embedded.EmbeddedAgentService>();
        services.AddHostedService<Hosting.StartupBanner>();
        return builder;
    }

    /// <summary>The middleware in order: errors as problems, the readiness gate, then authentication.</summary>
    public static WebApplication UseLinkwatchServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ReadinessGate>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
