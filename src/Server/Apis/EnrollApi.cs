using Linkwatch.Server.Auth;
using Linkwatch.Server.Hubs;
using Linkwatch.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Apis;

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
        await using var tx = await db.Database.BeginTransactionAsync(context.RequestAborted);
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Name == body.Name, context.RequestAborted);
        var isNew = agent is null;
        if (agent is null)
        {
            // The credential embeds the id, so the row is created first with a hash nothing matches.
            agent = new Store.Agent { Name = body.Name!, CredentialHash = "", CreatedAt = now };
            db.Agents.Add(agent);
            await db.SaveChangesAsync(context.RequestAborted);
        }
        var credential = Credentials.IssueAgentCredential(agent.Id);
        agent.CredentialHash = Credentials.Hash(credential);
        agent.Revoked = false;
        if (body.Labels is not null)
            agent.Labels = StoredJson.WriteLabels(body.Labels);
        if (body.Version is not null)
            agent.Version = body.Version.Length > 100 ? body.Version[..100] : body.Version;
        await db.SaveChangesAsync(context.RequestAborted);
        await tx.CommitAsync(context.RequestAborted);

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
