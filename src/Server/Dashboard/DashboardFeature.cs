namespace Linkwatch.Server.Dashboard;

public static class DashboardFeature
{
    /// <summary>The dashboard: Razor components rendered on the server and the live hub.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Outside Development the host only serves wwwroot from the content root, which for a plain build
        // (bin/, not publish) holds no wwwroot. The static web assets manifest next to the binary points
        // at the project's files; after publish there is no such manifest and this does nothing.
        if (!builder.Environment.IsDevelopment())
            builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents();
        builder.Services.AddScoped<DashboardQueries>();
        builder.Services.AddScoped<AlertQueries>();
        builder.Services.AddHostedService<DashboardBroadcaster>();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // Razor component endpoints carry antiforgery metadata and refuse to run without the middleware;
        // it comes after authentication, which UsePlatform has already added.
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapDashboardFragments();
        app.MapHub<DashboardHub>(HubPaths.Dashboard);
        return app;
    }
}
