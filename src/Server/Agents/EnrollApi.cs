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
    /// Registers a new name with the shared token (an existing or revoked one is 409). With a single-use token
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
            // The shared token registers new names only: with it, anyone holding it could otherwise take over an agent's
            // name, cut the real agent off and un-revoke a revoked one. Re-enrolling needs a token an admin minted for it.
            if (await db.Agents.AnyAsync(a => a.Name == body.Name, cancellationToken))
                return Problems.Conflict("name",
                    $"an agent named '{body.Name}' exists already; the shared token enrolls new names only (an admin mints a token for '{body.Name}' to re-enroll it)");
            if (!AgentNames.IsValidNew(body.Name))
                return ValidationErrors.Of("name", $"agent name '{body.Name}' is invalid for a new agent: {AgentNames.NewRule}").ToProblem();
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            try
            {
                // Checked again inside the transaction, and the name's unique index settles a race between two.
                if (await AgentEnrollment.IssueAsync(db, body.Name, body.Labels, body.Version, now, newOnly: true, cancellationToken) is not { } registered)
                    return Problems.Conflict("name", $"an agent named '{body.Name}' exists already");
                issued = registered;
            }
            catch (DbUpdateException)
            {
                return Problems.Conflict("name", $"an agent named '{body.Name}' exists already");
            }
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
