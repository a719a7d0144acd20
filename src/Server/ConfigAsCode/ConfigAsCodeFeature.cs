using System.Text;
using Linkwatch.Server.ConfigAsCode.Import;
using Linkwatch.Server.Platform.OpenApi;
using Linkwatch.Server.Platform.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.ConfigAsCode;

/// <summary>
/// Config as code: <c>GET /api/config</c> exports checks, alert rules, channels and status pages as YAML,
/// <c>POST /api/config[?dryRun=true]</c> previews or applies such a file, and <c>Config:File</c> is applied at every
/// start. Editors and admins only.
/// </summary>
public static class ConfigAsCodeFeature
{
    public const string YamlContentType = "application/yaml";

    /// <summary>The answer to a dry run or an apply: what differs (or differed) between the file and the store.</summary>
    public sealed record ChangesDto(IReadOnlyList<ConfigChange> Changes);

    public static IServiceCollection AddConfigAsCode(this IServiceCollection services)
    {
        services.AddValidatedOptions<ConfigOptions, ConfigOptionsValidator>(ConfigOptions.Section);
        services.AddScoped<ConfigService>();
        services.AddScoped<IStoreSeeder, ConfigFileSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapConfigAsCode(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/config").RequireAuthorization(Policies.Edit).WithTags("config");
        api.MapGet("/", async (ConfigService config, CancellationToken cancellationToken) =>
                TypedResults.Text(await config.ExportAsync(cancellationToken), YamlContentType + "; charset=utf-8", Encoding.UTF8))
            .Produces<string>(StatusCodes.Status200OK, YamlContentType);
        // The body is read as text whatever its content type (YAML is a superset of JSON).
        api.MapPost("/", PostAsync)
            .WithMetadata(new TextBody("The config file (YAML), at most 1 MiB.", YamlContentType, "text/yaml", "text/plain"))
            .ProducesValidationProblem();
        api.MapPost("/import", ImportAsync)
            .WithMetadata(new TextBody("An Uptime Kuma backup (JSON) or a Gatus config.yaml, at most 5 MiB.", YamlContentType, "application/json", "text/plain"))
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>An imported file: the YAML to preview and apply with <c>POST /api/config</c>, and what was not translated.</summary>
    public sealed record ImportDto(string Yaml, IReadOnlyList<ImportNote> Notes);

    /// <summary>
    /// <c>POST /api/config/import?from=uptime-kuma|gatus</c>: an Uptime Kuma backup or a Gatus config.yaml translated
    /// into Linkwatch's config YAML. Changes nothing: the answer is previewed and applied like any file.
    /// </summary>
    private static async Task<Results<Ok<ImportDto>, ValidationProblem>> ImportAsync(string? from, HttpContext context, CancellationToken cancellationToken)
    {
        if (from is null || !ConfigImports.Sources.Contains(from))
            return ValidationErrors.Of("from", $"from must be one of: {string.Join(", ", ConfigImports.Sources)}").ToProblem();
        var (text, problem) = await ReadBodyAsync(context.Request, cancellationToken, ImportLimits.MaxBytes);
        if (problem is not null)
            return problem;
        try
        {
            var imported = ConfigImports.Translate(from, text!);
            return TypedResults.Ok(new ImportDto(imported.Yaml, imported.Notes));
        }
        catch (ImportFormatException ex)
        {
            return ValidationErrors.Of("file", ex.Message).ToProblem();
        }
    }


    private static async Task<Results<Ok<ChangesDto>, ValidationProblem>> PostAsync(
        string? dryRun, HttpContext context, ConfigService config, CancellationToken cancellationToken)
    {
        bool dry;
        if (string.IsNullOrEmpty(dryRun))
            dry = false;
        else if (!bool.TryParse(dryRun, out dry))
            return ValidationErrors.Of("dryRun", "dryRun must be true or false").ToProblem();
        var (text, problem) = await ReadBodyAsync(context.Request, cancellationToken);
        if (problem is not null)
            return problem;
        var outcome = await config.RunAsync(text!, apply: !dry, cancellationToken);
        return outcome.Ok
            ? TypedResults.Ok(new ChangesDto(outcome.Changes))
            : TypedResults.ValidationProblem(outcome.Errors);
    }

    /// <summary>The body as UTF-8 text, at most <see cref="ConfigService.MaxBytes"/>.</summary>
    private static async Task<(string? Text, ValidationProblem? Problem)> ReadBodyAsync(
        HttpRequest request, CancellationToken cancellationToken, int limit = ConfigService.MaxBytes)
    {
        if (request.ContentLength > limit)
            return (null, TooLarge(limit));
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return (null, TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, ValidationErrors.Of("yaml", "the body is not UTF-8 text").ToProblem());
        }
    }

    private static ValidationProblem TooLarge(int limit) =>
        ValidationErrors.Of("yaml", $"the file is larger than {limit / 1024} KiB").ToProblem();
}
