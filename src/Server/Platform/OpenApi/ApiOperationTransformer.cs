using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>
/// What every operation says the same way, read from the endpoint rather than written on each one: its tag (the
/// feature), the credential it takes and the role it needs, and the problem answers a client must expect (401 and
/// 403 where a credential is needed, 404 where the route names a thing, 400 where a body or a query is judged).
/// An answer the endpoint already declares keeps its description; one declared without a body gets the problem body
/// the server writes for it (every error answer without a body of its own becomes a problem).
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    /// <summary>Route parameters that name one thing (a stored row, a page, a push token, a file): an unknown one is a 404.</summary>
    private static readonly HashSet<string> NamingParameters = new(StringComparer.Ordinal) { "id", "name", "checkId", "slug", "token", "file" };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("the operation transformer runs without its document");
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;

        SetTag(operation, document, description.RelativePath);
        CamelCaseQuery(operation);

        var access = ApiAccess.Of(metadata);
        operation.Responses ??= [];
        operation.Description = Join(operation.Description, access.Description);
        if (access.Scheme is { } scheme)
        {
            ApiComponents.EnsureSchemes(document);
            operation.Security = [ApiComponents.Requirement(document, scheme)];
            await AddProblemAsync(operation, document, context, StatusCodes.Status401Unauthorized,
                scheme == ApiComponents.EnrollmentTokenScheme
                    ? "No enrollment token, or one that is unknown, spent or expired."
                    : "No API key, or one that is unknown, revoked or belongs to a disabled person.", cancellationToken);
            await AddProblemAsync(operation, document, context, StatusCodes.Status403Forbidden,
                scheme == ApiComponents.EnrollmentTokenScheme
                    ? "The token is not an enrollment token (an API key, an agent's credential)."
                    : "The key's role does not allow this, or the token is not an API key.", cancellationToken);
        }
        else
        {
            operation.Security = null;
        }

        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path && NamingParameters.Contains(p.Name)))
            await AddProblemAsync(operation, document, context, StatusCodes.Status404NotFound, "Nothing with that id or name.", cancellationToken);

        var text = metadata.OfType<TextBody>().FirstOrDefault();
        if (text is not null)
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = text.Description,
                Content = text.ContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };

        if (text is not null || HasBody(description) || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query))
            await AddProblemAsync(operation, document, context, StatusCodes.Status400BadRequest,
                "A bad value: the problem's `errors` names each bad field.", cancellationToken, validation: true);
    }

    /// <summary>The feature an operation belongs to: the first path segment after <c>/api</c>, else the first one.</summary>
    public static string TagOf(string? relativePath)
    {
        var segments = (relativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var tag = segments switch
        {
            ["api", var feature, ..] => feature,
            [var first, ..] => first,
            _ => "other",
        };
        return tag switch
        {
            "healthz" or "readyz" => "health",
            "badge" => "badges",
            "install" or "downloads" => "install",
            _ => tag,
        };
    }

    private static void SetTag(OpenApiOperation operation, OpenApiDocument document, string? relativePath)
    {
        var tag = TagOf(relativePath);
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == tag))
            document.Tags.Add(new OpenApiTag { Name = tag });
        operation.Tags = new HashSet<OpenApiTagReference> { new(tag, document) };
    }

    /// <summary>
    /// Query values bound from a record's properties (<c>[AsParameters]</c>) are named after the properties; the server
    /// reads them whatever their case, and the API spells them in camelCase like its JSON (<c>checkId</c>, <c>from</c>).
    /// </summary>
    private static void CamelCaseQuery(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Query && parameter.Name is { Length: > 0 } name)
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
        }
    }

    private static bool HasBody(ApiDescription description) =>
        description.SupportedRequestFormats.Count > 0 || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiDocument document, OpenApiOperationTransformerContext context,
        int status, string text, CancellationToken cancellationToken, bool validation = false)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var declared) && (declared is not OpenApiResponse own || own.Content is { Count: > 0 }))
            return;
        var content = new Dictionary<string, OpenApiMediaType>
        {
            [ApiComponents.ProblemContentType] = new() { Schema = await ApiComponents.ProblemAsync(document, context, validation, cancellationToken) },
        };
        if (declared is OpenApiResponse response)
            response.Content = content;
        else
            operation.Responses[key] = new OpenApiResponse { Description = text, Content = content };
    }

    private static string Join(string? first, string second) => string.IsNullOrEmpty(first) ? second : first + "\n\n" + second;
}
