using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Agents;

/// <summary><c>POST /api/enroll</c>: an agent presents the shared or a single-use enrollment token and gets its own credential.</summary>
public static partial class EnrollApi
{
    public sealed record EnrollBody(string? Name, Dictionary<string, string>? Labels, string? Version);

    public static IEndpointRouteBuilder MapEnrollApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(HubPaths.Enroll, EnrollAsync).RequireAuthorization(AuthPolicies.Enroll).WithValidation<EnrollBody, EnrollValidator>();
        return app;
    }

    /// <summary>
    /// Registers the name, or re-issues its credential (replacing the old one, un-revoking). With a single-use token
    /// (<see cref="EnrollmentTokens"/>) the name is the token's when the body has none, and the token is spent.
    /// </summary>
    public static async Task<Results<Ok<EnrollResponse>, ValidationProblem, ProblemHttpResult>> EnrollAsync(
        Valid<EnrollBody> request, ClaimsPrincipal user, LinkwatchDbContext db, EnrollmentTokens tokens, AgentConnectionRegistry registry,
        TimeProvider time, ILogger<EnrollBody> logger, CancellationToken cancellationToken)
    {
        var body = request.Value;
        AgentEnrollment.Issued issued;
        if (user.FindFirst(AuthPolicies.EnrollmentTokenIdClaim)?.Value is { } tokenClaim)
        {
            var outcome = await tokens.EnrollAsync(long.Parse(tokenClaim, CultureInfo.InvariantCulture), body, cancellationToken);
            if (outcome.Issued is null)
            {
                return outcome.StatusCode switch
                {
                    StatusCodes.Status400BadRequest => ValidationErrors.Of(outcome.Field!, outcome.Message!).ToProblem(),
                    StatusCodes.Status409Conflict => Problems.Conflict(outcome.Field!, outcome.Message!),
                    _ => TypedResults.Problem(statusCode: outcome.StatusCode, detail: outcome.Message),
                };
            }
            issued = outcome.Issued;
        }
        else
        {
            if (body.Name is null)
            {
                var errors = new ValidationErrors();
                errors.AgentName("name", null, required: true);
                return errors.ToProblem();
            }
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            issued = await AgentEnrollment.IssueAsync(db, body.Name, body.Labels, body.Version, now, cancellationToken);
        }

        // A live connection made with the replaced credential must not outlive it.
        if (!issued.IsNew)
            registry.Abort(issued.Agent.Id);
        Log.Enrolled(logger, issued.Agent.Name, issued.IsNew);
        return TypedResults.Ok(new EnrollResponse { Name = issued.Agent.Name, Credential = issued.Credential });
    }

    /// <summary>
    /// The agent's name must be one the agent can be found by in URLs, labels and metrics. It may be left out only with a
    /// single-use token that names the agent, so its absence is judged by the handler.
    /// </summary>
    public sealed class EnrollValidator : IBodyValidator<EnrollBody>
    {
        public ValueTask ValidateAsync(EnrollBody body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            errors.AgentName("name", body.Name);
            return ValueTask.CompletedTask;
        }
    }
}
