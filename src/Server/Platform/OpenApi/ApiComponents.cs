using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>
/// The shared parts of the document that operations refer to: the two bearer schemes and the problem-details
/// schema. Registered through <see cref="OpenApiDocument.AddComponent{T}"/>, so that references to them resolve
/// (a reference to a scheme that is only put into the components dictionary is written as an empty requirement).
/// </summary>
internal static class ApiComponents
{
    /// <summary>A person's API key (<c>lwk_...</c>) or the bootstrap key, as <c>Authorization: Bearer</c>.</summary>
    public const string ApiKeyScheme = "apiKey";
    /// <summary>The shared enrollment token or a single-use one (<c>lwe_...</c>), for <c>POST /api/enroll</c> only.</summary>
    public const string EnrollmentTokenScheme = "enrollmentToken";
    public const string ProblemSchema = "ProblemDetails";
    /// <summary>The name the framework gives the schema of <c>ProducesValidationProblem()</c>, so both refer to one.</summary>
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";
    public const string ProblemContentType = "application/problem+json";

    public static void EnsureSchemes(OpenApiDocument document)
    {
        if (document.Components?.SecuritySchemes?.ContainsKey(ApiKeyScheme) != true)
        {
            document.AddComponent<IOpenApiSecurityScheme>(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: a person's key (`lwk_...`, made on Settings > API keys or with `POST /api/api-keys`), "
                    + "acting with that person's role, or the bootstrap key (`Api:BootstrapKey`), acting as an admin. "
                    + "The dashboard's sign-in cookie is never accepted.",
            });
        }
        if (document.Components?.SecuritySchemes?.ContainsKey(EnrollmentTokenScheme) != true)
        {
            document.AddComponent<IOpenApiSecurityScheme>(EnrollmentTokenScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An enrollment token: the shared one (`Enrollment:Token`) or a single-use token (`lwe_...`) "
                    + "from `POST /api/enrollment-tokens`. API keys are refused (403).",
            });
        }
    }

    /// <param name="validation">A validation problem (a 400 with <c>errors</c> by field) rather than a plain one.</param>
    public static async Task<IOpenApiSchema> ProblemAsync(OpenApiDocument document, OpenApiOperationTransformerContext context, bool validation,
        CancellationToken cancellationToken)
    {
        var (id, type) = validation ? (ValidationProblemSchema, typeof(HttpValidationProblemDetails)) : (ProblemSchema, typeof(ProblemDetails));
        if (document.Components?.Schemas?.ContainsKey(id) != true)
            document.AddComponent<IOpenApiSchema>(id, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        return new OpenApiSchemaReference(id, document);
    }

    public static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
