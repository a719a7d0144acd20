using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>
/// <c>GET /openapi/v1.json</c>, the OpenAPI document of the machine-facing endpoints (anonymous: it holds no data, only
/// the shape of the API), and <c>/api-reference</c>, the API reference page that renders it for signed-in people.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/" + Name + ".json";
    public const string ReferencePath = "/api-reference";

    /// <summary>
    /// Path prefixes of the endpoints that programs call: the API, health, metrics, badges and the agent's install
    /// files. Everything else (pages, sign-in and sign-out, the hubs, Blazor's own endpoints) is for browsers and
    /// stays out of the document.
    /// </summary>
    public static readonly IReadOnlyList<string> DocumentedPrefixes = ["/api", "/healthz", "/readyz", "/metrics", "/badge", "/install", "/downloads"];

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        services.AddOpenApi(Name, o =>
        {
            o.ShouldInclude = description => IsDocumented(description.RelativePath);
            o.AddDocumentTransformer<ApiDocumentTransformer>();
            o.AddOperationTransformer<ApiOperationTransformer>();
        });
        services.AddSingleton<CachedApiDocument>();
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        // Made once and kept: the document depends only on the mapped endpoints, and an anonymous caller must not be
        // able to make the server build it again and again. Without a request to take them from it names no servers,
        // so a client resolves the paths against the address it fetched it from.
        app.MapGet(Path, async (HttpContext http, CachedApiDocument document, CancellationToken cancellationToken) =>
                TypedResults.Bytes(await document.GetAsync(http.RequestServices, cancellationToken), "application/json; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
        // A page of the dashboard: the sign-in cookie (anonymous browsers are sent to /login), any role. Its script and
        // stylesheet come from the package, served by this server; it loads nothing from the internet (no web fonts,
        // no telemetry, no hosted assistant), and its one inline script carries this answer's CSP nonce. The policy stays
        // as strict as for every page: no eval, which the bundle only probes for and does without.
        app.MapScalarApiReference(ReferencePath, (o, http) => o
                .WithTitle("Linkwatch API reference")
                .WithOpenApiRoutePattern(Path)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                // Its developer toolbar offers hosted services (SDK generation, deployment), not this server's API.
                .HideDeveloperTools()
                .WithNonce(SecurityHeaders.NonceOf(http) ?? ""))
            .RequireAuthorization(Policies.View);
        return app;
    }

    /// <summary>The document as JSON, generated on first use.</summary>
    public sealed class CachedApiDocument
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private byte[]? _json;

        public async ValueTask<byte[]> GetAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _json) is { } made)
                return made;
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_json is null)
                {
                    var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(Name).GetOpenApiDocumentAsync(cancellationToken);
                    using var json = new MemoryStream();
                    await document.SerializeAsJsonAsync(json, OpenApiSpecVersion.OpenApi3_1, cancellationToken);
                    Volatile.Write(ref _json, json.ToArray());
                }
                return _json!;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary><paramref name="relativePath"/>: a route as ApiExplorer writes it, without the leading slash.</summary>
    public static bool IsDocumented(string? relativePath)
    {
        var path = new PathString("/" + (relativePath ?? "").TrimStart('/'));
        return DocumentedPrefixes.Any(p => path.StartsWithSegments(p));
    }
}
