using System.Text.Json;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Store;
using Linkwatch.Shared.Kinds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Checks;

/// <summary><c>/api/checks</c>: create, list, read, replace and delete checks; agents hear of changes at once.</summary>
public static class ChecksApi
{
    /// <summary>Request body of POST and PUT; only name, kind, target and intervalSeconds are required.</summary>
    public sealed record CheckBody(
        string? Name, string? Kind, string? Target, int? IntervalSeconds, double? TimeoutSeconds, string? Family,
        bool? Enabled, Dictionary<string, JsonElement>? Options, List<string>? Agents, Dictionary<string, string>? Labels);

    public sealed record CheckDto(
        long Id, string Name, string Kind, string Target, int IntervalSeconds, double TimeoutSeconds, string Family,
        bool Enabled, Dictionary<string, JsonElement> Options, IReadOnlyList<string> Agents, Dictionary<string, string> Labels,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapChecksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checks").RequireAuthorization(AuthPolicies.Api);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPut("/{id:long}", ReplaceAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    public static async Task<Results<Created<CheckDto>, ValidationProblem>> CreateAsync(
        HttpContext context, LinkwatchDbContext db, AssignmentPublisher publisher, TimeProvider time)
    {
        var (body, errors) = await ReadValidAsync(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var check = new Check { Name = "", Kind = "", Target = "", CreatedAt = now };
        Apply(body!, check, now);
        db.Checks.Add(check);
        await db.SaveChangesAsync(context.RequestAborted);
        await publisher.PublishAsync([StoredJson.ReadList(check.Agents)], context.RequestAborted);
        return TypedResults.Created($"/api/checks/{check.Id}", ToDto(check));
    }

    public static async Task<Ok<List<CheckDto>>> ListAsync(LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var checks = await db.Checks.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(checks.Select(ToDto).ToList());
    }

    public static async Task<Results<Ok<CheckDto>, ProblemHttpResult>> GetAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var check = await db.Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return check is null ? NotFound(id) : TypedResults.Ok(ToDto(check));
    }

    /// <summary>Replaces the whole check (fields left out take their defaults, as on create).</summary>
    public static async Task<Results<Ok<CheckDto>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        long id, HttpContext context, LinkwatchDbContext db, AssignmentPublisher publisher, TimeProvider time)
    {
        var check = await db.Checks.FirstOrDefaultAsync(c => c.Id == id, context.RequestAborted);
        if (check is null)
            return NotFound(id);
        var (body, errors) = await ReadValidAsync(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        var before = StoredJson.ReadList(check.Agents);
        Apply(body!, check, time.GetUtcNow().ToUnixTimeMilliseconds());
        await db.SaveChangesAsync(context.RequestAborted);
        await publisher.PublishAsync([before, StoredJson.ReadList(check.Agents)], context.RequestAborted);
        return TypedResults.Ok(ToDto(check));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, LinkwatchDbContext db, AssignmentPublisher publisher, CancellationToken cancellationToken)
    {
        var check = await db.Checks.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (check is null)
            return NotFound(id);
        db.Checks.Remove(check);
        await db.SaveChangesAsync(cancellationToken);
        await publisher.PublishAsync([StoredJson.ReadList(check.Agents)], cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no check with id {id}");

    private static async Task<(CheckBody? Body, Dictionary<string, string[]>? Errors)> ReadValidAsync(HttpContext context)
    {
        var (body, errors) = await JsonBody.ReadAsync<CheckBody>(context);
        if (errors is not null)
            return (null, errors);
        errors = Validate(body!);
        return errors.Count == 0 ? (body, null) : (null, errors);
    }

    public static Dictionary<string, string[]> Validate(CheckBody body)
    {
        var errors = CheckSpec.Validate(body.Kind, body.Target, body.IntervalSeconds, body.TimeoutSeconds, body.Family);
        if (string.IsNullOrWhiteSpace(body.Name))
            errors["name"] = ["name is required"];
        else if (body.Name.Length > MaxNameLength)
            errors["name"] = [$"name must be at most {MaxNameLength} characters"];
        if (body.Agents?.FirstOrDefault(a => !Names.IsValidAgentName(a)) is { } badAgent)
            errors["agents"] = [$"agent name '{badAgent}' is invalid: {Names.Rule}"];
        if (body.Labels?.Keys.Any(string.IsNullOrWhiteSpace) == true)
            errors["labels"] = ["label names must not be empty"];
        if (errors.Count == 0)
            ValidateAsTheAgentWill(body, errors);
        return errors;
    }

    // The kind descriptors the agents' probes run with read the options here too, so a typo or an
    // out-of-range value is refused here, naming the option, instead of failing on every agent at every run.
    private static void ValidateAsTheAgentWill(CheckBody body, Dictionary<string, string[]> errors)
    {
        var target = body.Target!;
        if (target.StartsWith('@'))
            target = CheckKinds.TargetFormOf(body.Kind!) == TargetForm.Url ? "http://mesh.invalid/" : "mesh.invalid:1";
        var timeout = body.TimeoutSeconds ?? Math.Min(CheckSpec.DefaultTimeoutSeconds, body.IntervalSeconds!.Value);
        var found = CheckKindCatalog.Validate(body.Kind!, target, body.Family ?? Families.Auto, TimeSpan.FromSeconds(timeout),
            body.Options ?? new Dictionary<string, JsonElement>(), out _);
        foreach (var error in found)
        {
            var field = error.Field switch
            {
                "timeout" => "timeoutSeconds",
                "kind" or "target" or "family" => error.Field,
                _ => "options." + error.Field,
            };
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, error.Message] : [error.Message];
        }
    }

    private static void Apply(CheckBody body, Check check, long now)
    {
        check.Name = body.Name!.Trim();
        check.Kind = body.Kind!;
        check.Target = body.Target!;
        check.IntervalSeconds = body.IntervalSeconds!.Value;
        // The default timeout may not exceed a short interval.
        check.TimeoutSeconds = body.TimeoutSeconds ?? Math.Min(CheckSpec.DefaultTimeoutSeconds, body.IntervalSeconds.Value);
        check.Family = body.Family ?? Families.Auto;
        check.Enabled = body.Enabled ?? true;
        check.Options = StoredJson.WriteOptions(body.Options);
        check.Agents = StoredJson.WriteList(body.Agents?.Distinct(StringComparer.Ordinal));
        check.Labels = StoredJson.WriteLabels(body.Labels);
        check.UpdatedAt = now;
    }

    public static CheckDto ToDto(Check c) => new(
        c.Id, c.Name, c.Kind, c.Target, c.IntervalSeconds, c.TimeoutSeconds, c.Family, c.Enabled,
        StoredJson.ReadOptions(c.Options), StoredJson.ReadList(c.Agents), StoredJson.ReadLabels(c.Labels),
        Time.FromMs(c.CreatedAt), Time.FromMs(c.UpdatedAt));
}
