using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Alerts.Api;

/// <summary><c>/api/alerts</c>: list, read and acknowledge alerts.</summary>
public static class AlertsApi
{
    /// <summary>200 alerts unless asked, at most 10,000.</summary>
    public static readonly ListLimit Limits = new(AlertReader.DefaultLimit, 10_000);

    /// <summary><c>?state=&amp;checkId=&amp;limit=</c>; state: open (with acknowledged), acknowledged or resolved.</summary>
    public sealed record AlertsQuery(string? State, long? CheckId, int? Limit);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").RequireAuthorization(Policies.View);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPost("/{id:long}/ack", AckAsync).RequireAuthorization(Policies.Edit);
        return app;
    }

    /// <summary><c>?state=open</c> includes acknowledged alerts: both still need the problem fixed.</summary>
    public static async Task<Results<Ok<List<AlertDto>>, ValidationProblem>> ListAsync(
        [AsParameters] AlertsQuery query, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        if (query.State is not (null or AlertStates.Open or AlertStates.Acknowledged or AlertStates.Resolved))
            return ValidationErrors.Of("state", "state must be open, acknowledged or resolved").ToProblem();
        return TypedResults.Ok(await AlertReader.ListAsync(db, query.State, query.CheckId, Limits.Clamp(query.Limit), cancellationToken));
    }

    public static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> GetAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken) =>
        await AlertReader.GetAsync(db, id, cancellationToken) is { } alert ? TypedResults.Ok(alert) : NotFound(id);

    /// <summary>See <see cref="AlertAcknowledgement"/>.</summary>
    public static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> AckAsync(
        long id, LinkwatchDbContext db, LiveEvents live, TimeProvider time, CancellationToken cancellationToken)
    {
        switch (await AlertAcknowledgement.AcknowledgeAsync(db, live, time, id, cancellationToken))
        {
            case AckOutcome.NotFound:
                return NotFound(id);
            case AckOutcome.AlreadyResolved:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"alert {id} is resolved already");
        }
        return TypedResults.Ok((await AlertReader.GetAsync(db, id, cancellationToken))!);
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound("alert", id);
}
