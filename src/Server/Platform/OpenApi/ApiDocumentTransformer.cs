using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>
/// The document's title and description, its security schemes, the tags the operations use, and request bodies as the
/// server reads them.
/// </summary>
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
        RelaxRequestBodies(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A request body's fields may all be left out as far as JSON goes: the body's validator decides which ones are
    /// needed (a check's name, kind, target and interval; a rule's channels) and answers 400 naming a missing one.
    /// The generated schemas mark every constructor parameter required, which would tell clients otherwise; answers
    /// keep theirs, since every field of an answer is always written.
    /// </summary>
    private static void RelaxRequestBodies(OpenApiDocument document)
    {
        var operations = (document.Paths ?? []).SelectMany(p => p.Value.Operations ?? []).Select(o => o.Value).ToList();
        var bodies = operations.SelectMany(o => o.RequestBody?.Content?.Values ?? []).Select(m => m.Schema).OfType<OpenApiSchemaReference>()
            .Select(r => r.Reference.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var answers = operations.SelectMany(o => (IEnumerable<IOpenApiResponse>?)o.Responses?.Values ?? []).SelectMany(r => r.Content?.Values ?? []).Select(m => m.Schema)
            .OfType<OpenApiSchemaReference>().Select(r => r.Reference.Id).OfType<string>();
        bodies.ExceptWith(answers);
        foreach (var id in bodies)
        {
            if (document.Components?.Schemas?.TryGetValue(id, out var schema) == true && schema is OpenApiSchema body)
            {
                body.Required = null;
                body.Description ??= "Fields left out take their defaults; the server judges the body and names a missing or bad field in a 400.";
            }
        }
    }
}
