using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>The document's title and description, its security schemes, and the tags the operations use.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Linkwatch",
            Version = ApiDocument.Name,
            Description = "The HTTP API of a Linkwatch server: JSON over `/api`, authenticated with `Authorization: Bearer <api key>`. "
                + "Errors are RFC 7807 problem details; a validation error names the field under `errors`. "
                + "All times are ISO-8601 UTC with `Z`, to the millisecond.",
        };
        ApiComponents.EnsureSchemes(document);
        // Every tag an operation names, listed once and in order, so that readers group the operations by feature.
        var tags = (document.Paths ?? [])
            .SelectMany(p => p.Value.Operations ?? [])
            .SelectMany(o => o.Value.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(tags.Select(t => new OpenApiTag { Name = t }));
        return Task.CompletedTask;
    }
}
