using Linkwatch.Server.Auth;
using Linkwatch.Server.Hubs;
using Linkwatch.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Apis;

/// <summary><c>/api/agents</c>: list agents, revoke one.</summary>
public static partial class AgentsApi
{
    public sealed record AgentDto(
        long Id, string Name, bool Online, DateTimeOffset? LastSeen, string? Version,
        Dictionary<string, string> Labels, IReadOnlyList<string> Addresses, bool Revoked, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agents").RequireAuthorization(AuthPolicies.Api);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{name}", RevokeAsync);
        return app;
    }

    public static async Task<Ok<List<AgentDto>>> ListAsync(LinkwatchDbContext db, AgentConnectionRegistry registry, CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(agents.Select(a => new AgentDto(
            a.Id, a.Name, registry.IsOnline(a.Id), Time.FromMs(a.LastSeen), a.Version,
            StoredJson.ReadLabels(a.Labels), StoredJson.ReadList(a.Addresses), a.Revoked, Time.FromMs(a.CreatedAt))).ToList());
    }

    /// <summary>Revokes the credential and closes the agent's live connection.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string name, LinkwatchDbContext db, AgentConnectionRegistry registry, ILogger<AgentDto> logger, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        if (agent is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no agent named '{name}'");
        agent.Revoked = true;
        await db.SaveChangesAsync(cancellationToken);
        registry.Abort(agent.Id);
        Log.Revoked(logger, name);
        return TypedResults.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Revoked agent {Agent}", EventName = "AgentRevoked")]
        public static partial void Revoked(ILogger logger, string agent);
    }
}
