namespace Linkwatch.Server.StatusPages;

/// <summary>Status pages: the API, the cached summaries, the public page (<c>Pages/</c>) and the badges.</summary>
public static class StatusPagesFeature
{
    public static IServiceCollection AddStatusPages(this IServiceCollection services)
    {
        services.AddSingleton<StatusPageCache>();
        return services;
    }

    public static IEndpointRouteBuilder MapStatusPages(this IEndpointRouteBuilder app)
    {
        app.MapStatusPagesApi();
        app.MapPublicStatusPage();
        app.MapBadges();
        return app;
    }
}
