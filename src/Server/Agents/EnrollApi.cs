using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Agents;

/// <summary><c>POST /api/enroll</c>: an agent presents the enrollment token and gets its own credential.</summary>
public static partial class EnrollApi
{
    public sealed record EnrollBody(string? Name, Dictionary<string, string>? Labels, string? Version);

    public static IEndpointRouteBuilder MapEnrollApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(HubPaths.Enroll, EnrollAsync).RequireAuthorization(AuthPolicies.Enroll);
        return app;
    }

    /// <summary>Registers the name, or re-issues its credential (replacing the old one, un-revoking).</summary>
    public static async Task<Results<Ok<EnrollResponse>, ValidationProblem>> EnrollAsync(
        HttpContext context, LinkwatchDbContext db, AgentConnectionRegistry registry, TimeProvider time, ILogger<EnrollBody> logger)
    {
        var (body, errors) = await JsonBody.ReadAsync<EnrollBody>(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        if (!Names.IsValidAgentName(body!.Name))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"name must be {Names.Rule}"] });

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var (agent, credential, isNew) = await AgentEnrollment.IssueAsync(db, body.Name!, body.Labels, body.Version, now, context.RequestAborted);

        // A live connection made with the replaced credential must not outlive it.
        if (!isNew)
            registry.Abort(agent.Id);
        Log.Enrolled(logger, agent.Name, isNew);
        return TypedResults.Ok(new EnrollResponse { Name = agent.Name, Credential = credential });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Enrolled agent {Agent} (new: {IsNew})", EventName = "AgentEnrolled")]
        public static partial void Enrolled(ILogger logger, string agent, bool isNew);
    }
}
