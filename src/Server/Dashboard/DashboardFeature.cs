using Linkwatch.Server.Dashboard.Live;
using Linkwatch.Server.Dashboard.Settings;
using Microsoft.AspNetCore.Authorization;
using MudBlazor.Services;

namespace Linkwatch.Server.Dashboard;

public static class DashboardFeature
{
    /// <summary>The dashboard: Razor components, interactive over a Blazor Server circuit, with MudBlazor.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Outside Development the host only serves wwwroot from the content root, which for a plain build
        // (bin/, not publish) holds no wwwroot. The static web assets manifest next to the binary points
        // at the project's files; after publish there is no such manifest and this does nothing.
        if (!builder.Environment.IsDevelopment())
            builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<DashboardQueries>();
        builder.Services.AddSingleton<OverviewSnapshots>();
        builder.Services.AddScoped<AlertQueries>();
        builder.Services.AddScoped<AlertActions>();
        builder.Services.AddScoped<DashboardChanges>();
        builder.Services.AddScoped<ResourceEditing>();
        builder.Services.AddScoped<CheckEditing>();
        builder.Services.AddScoped<ChannelEditing>();
        builder.Services.AddScoped<DashboardLive>();
        // The pages ask for the edit policy (the acknowledge button); when the accounts feature has not
        // defined it, it means what Policies.Edit documents: editors and admins.
        builder.Services.AddOptions<AuthorizationOptions>().PostConfigure(o =>
        {
            if (o.GetPolicy(Policies.Edit) is null)
                o.AddPolicy(Policies.Edit, p => p.RequireRole(Roles.Admin, Roles.Editor));
        });
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // Razor component endpoints carry antiforgery metadata and refuse to run without the middleware;
        // it comes after authentication, which UsePlatform has already added.
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
            // SecurityHeaders already says frame-ancestors 'none' for every answer; Blazor's own 'self' would be a second policy.
            o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
