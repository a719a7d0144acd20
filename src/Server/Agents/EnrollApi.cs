using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Agents;

/// <summary><c>POST /api/enroll</c>: an agent presents the enrollment token and gets its own credential.</summary>
public static partial class EnrollApi
{
    public sealed record EnrollBody(string? Name, Dictionary<string, string>? Labels, string? Version);

    public static IEndpointRouteBuilder MapEnrollApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(HubPaths.Enroll, EnrollAsync).RequireAuthorization(AuthPolicies.Enroll).WithValidation<EnrollBody, EnrollValidator>();
        return app;
    }

    /// <summary>Registers the name, or re-issues its credential (replacing the old one, un-revoking).</summary>
    public static async Task<Ok<EnrollResponse>> EnrollAsync(
        Valid<EnrollBody> request, LinkwatchDbContext db, AgentConnectionRegistry registry, TimeProvider time, ILogger<EnrollBody> logger,
        CancellationToken cancellationToken)
    {
        var body = request.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (agent, credential, isNew) = await AgentEnrollment.IssueAsync(db, body.Name!, body.Labels, body.Version, now, cancellationToken);

        // A live connection made with the replaced credential must not outlive it.
        if (!isNew)
            registry.Abort(agent.Id);
        Log.Enrolled(logger, agent.Name, isNew);
        return TypedResults.Ok(new EnrollResponse { Name = agent.Name, Credential = credential });
    }

    /// <summary>The agent's name must be one the agent can be found by in URLs, labels and metrics.</summary>
    public sealed class EnrollValidator : IBodyValidator<EnrollBody>
    {
        public ValueTask ValidateAsync(EnrollBody body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            errors.AgentName("name", body.Name, required: true);
            return ValueTask.CompletedTask;
        }
    }
}
