using System.Net;
using System.Text.RegularExpressions;
using Linkwatch.Server.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Linkwatch.Server.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> as a client reads it: anonymous, valid OpenAPI, and true to the routes the server maps
/// (every one under <c>/api</c>, both ways), their bodies, answers and credentials.
/// </summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    /// <summary>POST and PUT endpoints that read no body: the rest must document theirs.</summary>
    private static readonly HashSet<string> Bodiless = new(StringComparer.Ordinal)
    {
        "POST /api/push/{token}", "POST /api/alerts/{id}/ack", "POST /api/channels/{id}/test", "POST /api/backup",
    };

    private TestServer _server = null!;
    private string _json = null!;
    private OpenApiDocument _document = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        using var anonymous = _server.NewClient(null);
        using var response = await anonymous.GetAsync("/openapi/v1.json").WaitAsync(TestServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        _json = await response.Content.ReadAsStringAsync().WaitAsync(TestServer.Timeout);
        var read = OpenApiDocument.Parse(_json, "json");
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0,
            "the document does not read back: " + string.Join("; ", read.Diagnostic?.Errors ?? []));
        _document = read.Document ?? throw new InvalidOperationException("no document read");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Document_is_titled_linkwatch_and_declares_the_bearer_schemes()
    {
        Assert.Equal("Linkwatch", _document.Info.Title);
        foreach (var name in new[] { "apiKey", "enrollmentToken" })
        {
            IOpenApiSecurityScheme? scheme = null;
            Assert.True(_document.Components?.SecuritySchemes?.TryGetValue(name, out scheme) == true, $"no security scheme {name}");
            Assert.Equal(SecuritySchemeType.Http, scheme!.Type);
            Assert.Equal("bearer", scheme.Scheme);
        }
        Assert.True(_document.Components?.Schemas?.ContainsKey("ProblemDetails") == true, "no ProblemDetails schema");
    }

    [Fact]
    public void Document_lists_every_api_route_the_server_maps_and_no_other()
    {
        var (missing, extra) = Compare(MappedApiRoutes(_server.Services).Select(r => r.Key), Operations(_document).Select(o => o.Key));
        Assert.True(missing.Count == 0, "mapped but not in the document:\n" + string.Join('\n', missing));
        Assert.True(extra.Count == 0, "in the document but not mapped:\n" + string.Join('\n', extra));
    }

    [Fact]
    public void The_comparison_reports_a_mapped_route_the_document_lacks()
    {
        // The check above must be able to fail: an endpoint the document leaves out is named.
        var hidden = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse("/api/hidden/{id:long}"), 0)
        {
            Metadata = { new HttpMethodMetadata(["GET"]) },
        }.Build();
        var mapped = MappedApiRoutes(_server.Services).Select(r => r.Key).Concat(ApiRoutes([hidden]).Select(r => r.Key));
        var (missing, extra) = Compare(mapped, Operations(_document).Select(o => o.Key));
        Assert.Equal(["GET /api/hidden/{id}"], missing);
        Assert.Empty(extra);
    }

    [Fact]
    public void Pages_sign_in_hubs_and_the_reference_itself_are_not_in_the_document()
    {
        string[] allowed = ["/api", "/healthz", "/readyz", "/metrics", "/badge", "/install", "/downloads"];
        var outside = (_document.Paths ?? []).Keys.Where(p => !allowed.Any(a => new PathString(p).StartsWithSegments(a))).ToList();
        Assert.True(outside.Count == 0, "not machine-facing: " + string.Join(", ", outside));
        Assert.Contains("/healthz", _document.Paths!.Keys);
        Assert.Contains("/metrics", _document.Paths.Keys);
        Assert.Contains("/badge/{checkId}/status.svg", _document.Paths.Keys);
        Assert.Contains("/install/agent.sh", _document.Paths.Keys);
    }

    [Fact]
    public void Every_post_and_put_that_reads_a_body_documents_its_json_schema()
    {
        foreach (var (key, operation) in Operations(_document).Where(o => o.Key.StartsWith("POST ", StringComparison.Ordinal) || o.Key.StartsWith("PUT ", StringComparison.Ordinal)))
        {
            if (Bodiless.Contains(key))
            {
                Assert.True(operation.RequestBody is null, $"{key} reads no body but documents one");
                continue;
            }
            var content = operation.RequestBody?.Content;
            // Config as code reads a YAML file (its import also a JSON backup): a text body, documented as such.
            var type = key.StartsWith("POST /api/config", StringComparison.Ordinal) ? "application/yaml" : "application/json";
            Assert.True(content?.TryGetValue(type, out var body) == true && body.Schema is not null, $"{key} has no {type} request schema");
        }
    }

    [Fact]
    public void Query_parameters_are_spelled_as_the_api_spells_them()
    {
        var names = Operations(_document).SelectMany(o => (o.Value.Parameters ?? []).Where(p => p.In == ParameterLocation.Query)
            .Select(p => $"{o.Key} ?{p.Name}")).ToList();
        Assert.Contains("GET /api/results ?checkId", names);
        Assert.Contains("GET /api/checks/{id}/uptime ?window", names);
        Assert.True(names.All(n => char.IsLower(n.Split('?')[1][0])), "not camelCase: " + string.Join(", ", names.Where(n => !char.IsLower(n.Split('?')[1][0]))));
    }

    [Fact]
    public void Every_operation_documents_a_success_answer()
    {
        foreach (var (key, operation) in Operations(_document))
            Assert.True(operation.Responses?.Keys.Any(k => k.StartsWith('2')) == true, $"{key} has no 2xx answer");
    }

    [Fact]
    public void Operations_carry_the_credential_their_endpoint_takes()
    {
        var operations = Operations(_document);
        var anonymous = new List<string>();
        foreach (var (key, endpoint) in MappedApiRoutes(_server.Services))
        {
            var operation = operations[key];
            var schemes = (operation.Security ?? []).SelectMany(r => r.Keys).Select(k => k.Reference.Id).ToList();
            var metadata = endpoint.Metadata;
            if (metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                anonymous.Add(key);
                Assert.True(schemes.Count == 0, $"{key} is anonymous but documents {string.Join(", ", schemes)}");
                continue;
            }
            var expected = metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "enroll") ? "enrollmentToken" : "apiKey";
            Assert.True(schemes.SequenceEqual([expected]), $"{key} should take {expected}, documents [{string.Join(", ", schemes)}]");
            foreach (var status in new[] { "401", "403" })
                AssertProblem(key, operation, status);
        }
        // The API's anonymous endpoints, by name: a change to what needs a key is a change to this list.
        Assert.Equal(["GET /api/push/{token}", "GET /api/status-pages/{slug}/summary", "POST /api/push/{token}"], anonymous.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task What_the_document_says_about_credentials_is_what_the_server_does()
    {
        // Every GET without path parameters, asked without a key: 401 exactly where the document asks for one.
        using var anonymous = _server.NewClient(null);
        foreach (var (key, operation) in Operations(_document).Where(o => o.Key.StartsWith("GET ", StringComparison.Ordinal) && !o.Key.Contains('{')))
        {
            var path = key["GET ".Length..];
            using var response = await anonymous.GetAsync(path).WaitAsync(TestServer.Timeout);
            var needsKey = operation.Security is { Count: > 0 };
            Assert.True(needsKey == (response.StatusCode == HttpStatusCode.Unauthorized),
                $"{key}: documented {(needsKey ? "with" : "without")} a key, anonymous answer {(int)response.StatusCode}");
        }
    }

    [Fact]
    public void Routes_that_name_a_thing_document_the_404_problem()
    {
        foreach (var (key, operation) in Operations(_document).Where(o => o.Key.Contains("{id}", StringComparison.Ordinal) || o.Key.Contains("{name}", StringComparison.Ordinal)))
            AssertProblem(key, operation, "404");
    }

    private static void AssertProblem(string key, OpenApiOperation operation, string status)
    {
        IOpenApiResponse? response = null;
        Assert.True(operation.Responses?.TryGetValue(status, out response) == true, $"{key} does not document {status}");
        Assert.True(response!.Content?.ContainsKey("application/problem+json") == true, $"{key}'s {status} is not a problem");
    }

    /// <summary>"METHOD /path" of every operation, path parameters as the document writes them.</summary>
    private static Dictionary<string, OpenApiOperation> Operations(OpenApiDocument document) =>
        (document.Paths ?? []).SelectMany(p => (p.Value.Operations ?? []).Select(o => (Key: $"{o.Key.Method.ToUpperInvariant()} {p.Key}", o.Value)))
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

    private static IEnumerable<KeyValuePair<string, Endpoint>> MappedApiRoutes(IServiceProvider services) =>
        ApiRoutes(services.GetRequiredService<EndpointDataSource>().Endpoints);

    /// <summary>"METHOD /path" of every route endpoint under <c>/api</c>, constraints dropped (<c>{id:long}</c> is <c>{id}</c>).</summary>
    private static IEnumerable<KeyValuePair<string, Endpoint>> ApiRoutes(IEnumerable<Endpoint> endpoints) =>
        from endpoint in endpoints.OfType<RouteEndpoint>()
        let path = Normalize(endpoint.RoutePattern.RawText ?? "")
        where new PathString(path).StartsWithSegments("/api")
        from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
        select KeyValuePair.Create($"{method} {path}", (Endpoint)endpoint);

    private static string Normalize(string pattern) => "/" + Parameter().Replace(pattern, "{$1}").Trim('/');

    private static (List<string> Missing, List<string> Extra) Compare(IEnumerable<string> mapped, IEnumerable<string> documented)
    {
        var routes = mapped.ToHashSet(StringComparer.Ordinal);
        var operations = documented.Where(o => o.Split(' ')[1].StartsWith("/api", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return (routes.Except(operations).Order(StringComparer.Ordinal).ToList(), operations.Except(routes).Order(StringComparer.Ordinal).ToList());
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
