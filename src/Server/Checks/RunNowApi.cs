using Microsoft.AspNetCore.Http.HttpResults;
using Linkwatch.Server.Results;

namespace Linkwatch.Server.Checks;

/// <summary>
/// <c>POST /api/checks/{id}/run</c> with <c>{"agent":"name"}</c>: runs the check once on that agent and answers with its
/// results (the items of <c>GET /api/results</c>). They are not stored and do not feed alerts.
/// </summary>
public static class RunNowApi
{
    public sealed record RunNowBody(string? Agent);

    public static IEndpointRouteBuilder MapRunNowApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/checks/{id:long}/run", RunAsync).RequireAuthorization(Policies.Edit).WithValidation<RunNowBody, RunNowValidator>();
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ResultsApi.ResultDto>>, ValidationProblem, ProblemHttpResult>> RunAsync(
        long id, Valid<RunNowBody> body, CheckRunner runner, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunOnceAsync(id, body.Value.Agent!, cancellationToken);
        if (outcome.Results is { } results)
            return TypedResults.Ok(results);
        return outcome.StatusCode == StatusCodes.Status400BadRequest
            ? ValidationErrors.Of("agent", outcome.Problem!).ToProblem()
            : TypedResults.Problem(statusCode: outcome.StatusCode, detail: outcome.Problem);
    }

    /// <summary>
    /// The agent is required; its name is only looked up, not judged by the enrollment rule, so an agent enrolled before
    /// that rule can run checks too.
    /// </summary>
    public sealed class RunNowValidator : IBodyValidator<RunNowBody>
    {
        public ValueTask ValidateAsync(RunNowBody body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(body.Agent))
                errors.Set("agent", "agent is required: the name of the agent to run the check on");
            else if (body.Agent.Length > Names.MaxLength)
                errors.Set("agent", $"agent must be at most {Names.MaxLength} characters");
            return ValueTask.CompletedTask;
        }
    }
}
