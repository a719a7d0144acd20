using Linkwatch.Server.Alerts.Api;
using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Platform.Options;
using Linkwatch.Server.Platform.Store.Migrations;

namespace Linkwatch.Server.Alerts;

/// <summary>Alerts: rules, the engine that opens and resolves alerts, silences and maintenance windows.</summary>
public static class AlertsFeature
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddValidatedOptions<AlertsOptions, AlertsOptionsValidator>(AlertsOptions.Section);
        services.AddSingleton<AlertRuleCache>();
        services.AddSingleton<IAlertRuleCache>(sp => sp.GetRequiredService<AlertRuleCache>());
        services.AddSingleton<AlertAnnouncer>();
        services.AddSingleton<AlertEngine>();
        services.AddHostedService<AlertEngineService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapAlertRulesApi();
        app.MapAlertsApi();
        app.MapSilencesApi();
        app.MapMaintenanceWindowsApi();
        return app;
    }
}
