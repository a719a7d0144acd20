using Linkwatch.Server.Platform.Backup;
using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Hosting;
using Linkwatch.Server.Platform.Json;
using Linkwatch.Server.Platform.Limits;
using Linkwatch.Server.Platform.Metrics;
using Linkwatch.Server.Platform.OpenApi;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform;

/// <summary>
/// What every feature stands on: options, the store, authentication, limits, health, metrics, JSON, the live event
/// stream and the API's OpenAPI document.
/// </summary>
public static class PlatformFeature
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new UtcMillisecondsDateTimeOffsetConverter());
            o.SerializerOptions.Converters.Add(new UtcMillisecondsDateTimeConverter());
        });
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddValidatedOptions<EnrollmentOptions, EnrollmentOptionsValidator>(EnrollmentOptions.Section);
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(ApiOptions.Section);
        services.AddValidatedOptions<ServerOptions, ServerOptionsValidator>(ServerOptions.Section);
        services.AddSingleton<GeneratedSecrets>();
        services.AddSingleton<IPostConfigureOptions<ApiOptions>>(sp => sp.GetRequiredService<GeneratedSecrets>());
        services.AddSingleton<IPostConfigureOptions<EnrollmentOptions>>(sp => sp.GetRequiredService<GeneratedSecrets>());
        services.AddStore();
        builder.AddLimits();
        // The cookie scheme itself comes with the accounts (Identity); this only routes to it.
        services.AddAuthentication(AuthSchemes.ByPath)
            .AddPolicyScheme(AuthSchemes.ByPath, null, o => o.ForwardDefaultSelector = AuthSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddRolePolicies()
            .AddPolicy(AuthPolicies.Agent, p => p.RequireClaim(AuthPolicies.KindClaim, AuthPolicies.Agent))
            .AddPolicy(AuthPolicies.Enroll, p => p.RequireClaim(AuthPolicies.KindClaim, AuthPolicies.Enroll));
        services.AddSingleton<LiveEvents>();
        services.AddSingleton(typeof(Hosting.StoreJobRuns<>));
        services.AddSingleton<IngestCounters>();
        services.AddScoped<MetricsCollector>();
        services.AddHostedService<StartupBanner>();
        services.AddApiDocument();
        return builder;
    }

    /// <summary>
    /// The middleware in order: proxy headers, errors as problems, the readiness gate, the failure throttles, then
    /// authentication, which also tells the connection limiter that a connection is credentialed.
    /// </summary>
    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseKnownProxies();
        // A request the server cannot read (a body over the size limit, a connection cut mid-body) is the client's
        // fault and keeps its own status (413, 400) as a problem, not a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseMiddleware<ReadinessGate>();
        app.UseFailureThrottles();
        app.UseAuthentication();
        app.UseConnectionClassification();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapPlatform(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapMetrics();
        app.MapBackup();
        app.MapApiDocument();
        return app;
    }

    /// <summary>The EF Core store (provider chosen by <c>Storage:Provider</c>) and its migration at start.</summary>
    private static void AddStore(this IServiceCollection services)
    {
        services.AddSingleton<SqlitePragmaInterceptor>();
        // Options are read when the first context is built, so test hosts and env vars can still change them.
        services.AddHttpContextAccessor();
        // X-Frame-Options comes from SecurityHeaders (DENY) for every answer; antiforgery's own would be a second value.
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);
        services.AddScoped<Audit.AuditActor>();
        services.AddScoped<Audit.AuditInterceptor>();
        services.AddDbContext<LinkwatchDbContext>((sp, options) => ConfigureStore(options, sp));
        services.AddSingleton<Readiness>();
        services.AddHostedService<MigrationService>();
        services.AddSingleton<StoreBackup>();

        // Authentication brings data protection; its keys belong with the data, not in $HOME.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((o, storage, loggers) =>
        {
            // The keys sign the sign-in cookies: owner-only, like the rest of the data directory.
            var keys = Path.Combine(Path.GetFullPath(storage.Value.DataDir), "keys");
            DataDirectory.Ensure(Path.GetFullPath(storage.Value.DataDir));
            DataDirectory.Ensure(keys);
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(keys), loggers);
        });
    }

    private static void ConfigureStore(DbContextOptionsBuilder options, IServiceProvider sp)
    {
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.IsPostgres)
        {
            options.UseNpgsql(sp.GetRequiredService<IConfiguration>().GetConnectionString("Postgres"))
                .AddInterceptors(sp.GetRequiredService<Audit.AuditInterceptor>());
        }
        else
        {
            options.UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = storage.SqlitePath, Pooling = true }.ToString())
                .AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>(), sp.GetRequiredService<Audit.AuditInterceptor>());
        }
    }
}
