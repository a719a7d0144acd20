using System.Text.Json;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Platform.Options;
using Linkwatch.Server.Push;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Checks;

/// <summary><c>/api/checks</c>: create, list, read, replace and delete checks; agents hear of changes at once.</summary>
public static class ChecksApi
{
    /// <summary>Request body of POST and PUT; only name, kind, target and intervalSeconds are required.</summary>
    public sealed record CheckBody(
        string? Name, string? Kind, string? Target, int? IntervalSeconds, double? TimeoutSeconds, string? Family,
        bool? Enabled, Dictionary<string, JsonElement>? Options, List<string>? Agents, Dictionary<string, string>? Labels,
        bool? Badges = null, List<long>? DependsOn = null);

    public sealed record CheckDto(
        long Id, string Name, string Kind, string Target, int IntervalSeconds, double TimeoutSeconds, string Family,
        bool Enabled, Dictionary<string, JsonElement> Options, IReadOnlyList<string> Agents, Dictionary<string, string> Labels,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Badges, IReadOnlyList<long> DependsOn, string? PushUrl);

    public static readonly ResourceTable<Check, CheckDto> Table = new(
        "check", db => db.Checks.OrderBy(c => c.Id), db => db.Checks, (c, _) => ToDto(c));

    /// <summary>The handlers that change it, for the API and the dashboard's forms alike.</summary>
    public static readonly ResourceChanges Handlers = new(CreateAsync, ReplaceAsync, DeleteAsync);

    public static IEndpointRouteBuilder MapChecksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checks").RequireAuthorization(Policies.View);
        api.MapPost("/", async (Valid<CheckBody> body, LinkwatchDbContext db, AssignmentPublisher publisher, LiveEvents live, TimeProvider time,
                HttpContext http, IOptions<ServerOptions> server, CancellationToken cancellationToken) =>
            {
                var result = await CreateAsync(body, db, publisher, live, time, cancellationToken);
                return result.Result is Created<CheckDto> created
                    ? TypedResults.Created(created.Location, PushUrls.Shown(created.Value!, http, server.Value))
                    : result;
            })
            .WithValidation<CheckBody, CheckValidator>().RequireAuthorization(Policies.Edit);
        api.MapGet("/", async (LinkwatchDbContext db, HttpContext http, IOptions<ServerOptions> server, CancellationToken cancellationToken) =>
            TypedResults.Ok((await Table.Listed(db).ToListAsync(cancellationToken)).Select(c => PushUrls.Shown(ToDto(c), http, server.Value)).ToList()));
        api.MapGet("/{id:long}", async Task<Results<Ok<CheckDto>, ProblemHttpResult>> (long id, LinkwatchDbContext db, HttpContext http,
            IOptions<ServerOptions> server, CancellationToken cancellationToken) =>
            await ResourceReads.FindAsync(db.Checks.AsNoTracking(), id, cancellationToken) is { } check
                ? TypedResults.Ok(PushUrls.Shown(ToDto(check), http, server.Value))
                : NotFound(id));
        api.MapPut("/{id:long}", async (long id, Valid<CheckBody> body, LinkwatchDbContext db, AssignmentPublisher publisher, LiveEvents live,
                TimeProvider time, HttpContext http, IOptions<ServerOptions> server, CancellationToken cancellationToken) =>
            {
                var result = await ReplaceAsync(id, body, db, publisher, live, time, cancellationToken);
                return result.Result is Ok<CheckDto> ok ? TypedResults.Ok(PushUrls.Shown(ok.Value!, http, server.Value)) : result;
            })
            .WithValidation<CheckBody, CheckValidator>().RequireAuthorization(Policies.Edit);
        api.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Edit);
        return app;
    }

    public static async Task<Results<Created<CheckDto>, ProblemHttpResult>> CreateAsync(
        Valid<CheckBody> body, LinkwatchDbContext db, AssignmentPublisher publisher, LiveEvents live, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var check = new Check { Name = "", Kind = "", Target = "", CreatedAt = now };
        // A new check has no children yet, so its parents cannot lead back to it: only unknown ids are refused.
        if (await CheckDependencies.ProblemAsync(db, null, body.Value.DependsOn, cancellationToken) is { } problem)
            return problem;
        Apply(body.Value, check, now);
        db.Checks.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        await publisher.PublishAsync([StoredJson.ReadList(check.Agents)], cancellationToken);
        live.Publish(new ChecksChanged([check.Id]));
        return TypedResults.Created($"/api/checks/{check.Id}", ToDto(check));
    }

    /// <summary>Replaces the whole check (fields left out take their defaults, as on create).</summary>
    public static async Task<Results<Ok<CheckDto>, ProblemHttpResult>> ReplaceAsync(
        long id, Valid<CheckBody> body, LinkwatchDbContext db, AssignmentPublisher publisher, LiveEvents live, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await ResourceReads.FindAsync(db.Checks, id, cancellationToken) is not { } check)
            return NotFound(id);
        if (await CheckDependencies.ProblemAsync(db, id, body.Value.DependsOn, cancellationToken) is { } problem)
            return problem;
        var before = StoredJson.ReadList(check.Agents);
        var options = CheckSecrets.KeepOmitted(body.Value.Kind!, body.Value.Options, check.Kind, check.Options);
        Apply(body.Value with { Options = options }, check, time.GetUtcNow().ToUnixTimeMilliseconds());
        await db.SaveChangesAsync(cancellationToken);
        await publisher.PublishAsync([before, StoredJson.ReadList(check.Agents)], cancellationToken);
        live.Publish(new ChecksChanged([check.Id]));
        return TypedResults.Ok(ToDto(check));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        long id, LinkwatchDbContext db, AssignmentPublisher publisher, LiveEvents live, CancellationToken cancellationToken)
    {
        var check = await db.Checks.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (check is null)
            return NotFound(id);
        db.Checks.Remove(check);
        await db.SaveChangesAsync(cancellationToken);
        await publisher.PublishAsync([StoredJson.ReadList(check.Agents)], cancellationToken);
        live.Publish(new ChecksChanged([id]));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound(Table.What, id);

    /// <summary>The body onto the check, defaults filled in; shared by the API, the dashboard and config as code.</summary>
    internal static void Apply(CheckBody body, Check check, long now)
    {
        check.Name = body.Name!.Trim();
        check.Kind = body.Kind!;
        check.Target = body.Target ?? "";
        check.IntervalSeconds = body.IntervalSeconds!.Value;
        check.TimeoutSeconds = CheckValidator.TimeoutOf(body);
        check.Family = body.Family ?? Families.Auto;
        check.Enabled = body.Enabled ?? true;
        check.Options = StoredJson.WriteOptions(CheckSecrets.KeepOmitted(body.Kind!, body.Options, "", null));
        check.Agents = StoredJson.WriteList(body.Agents?.Distinct(StringComparer.Ordinal));
        check.Labels = StoredJson.WriteLabels(body.Labels);
        // Left out, it keeps what is stored (false for a new check), so a client that does not know it never clears it.
        check.Badges = body.Badges ?? check.Badges;
        // A push check keeps its URL across edits (the job's crontab has it); another kind has none.
        check.PushToken = check.Kind == CheckKinds.Push ? check.PushToken ?? PushUrls.NewToken() : null;
        check.DependsOn = CheckDependencies.Write(body.DependsOn);
        check.UpdatedAt = now;
    }

    public static CheckDto ToDto(Check c) => new(
        c.Id, c.Name, c.Kind, c.Target, c.IntervalSeconds, c.TimeoutSeconds, c.Family, c.Enabled,
        CheckSecrets.Shown(c.Kind, StoredJson.ReadOptions(c.Options)), StoredJson.ReadList(c.Agents), StoredJson.ReadLabels(c.Labels),
        Time.FromMs(c.CreatedAt), Time.FromMs(c.UpdatedAt), c.Badges, CheckDependencies.Read(c.DependsOn),
        c.PushToken is null ? null : PushUrls.PathOf(c.PushToken));
}
