using Linkwatch.Server.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Agents;

/// <summary><c>/api/agents</c>: list agents, revoke one (by name or id), set one's labels, list one's network events.</summary>
public static partial class AgentsApi
{
    public sealed record AgentDto(
        long Id, string Name, bool Online, DateTimeOffset? LastSeen, string? Version,
        Dictionary<string, string> Labels, IReadOnlyList<string> Addresses, bool Revoked, DateTimeOffset CreatedAt,
        IReadOnlyList<string> ResponderAddresses, ResponderPorts? Responder);

    public sealed record NetworkEventDto(
        Guid Id, string Agent, DateTimeOffset At, string Kind, string? Interface, string? Detail, DateTimeOffset ReceivedAt);

    /// <summary>100 events unless asked, at most 10,000.</summary>
    public static readonly ListLimit EventLimits = new(100, 10_000);

    /// <summary>The events query; strings, so that a bad value is a problem naming it (see <see cref="ResultsApi.ResultsQuery"/>).</summary>
    public sealed record EventsQuery(string? From, string? To, string? Limit);

    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agents").RequireAuthorization(Policies.View);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{name}", RevokeAsync).RequireAuthorization(Policies.Administer);
        // Names enrolled before the name rule may not fit in a URL segment; the id always does.
        api.MapDelete("/by-id/{id:long}", RevokeByIdAsync).RequireAuthorization(Policies.Administer);
        api.MapPut("/{name}/labels", SetLabelsAsync).RequireAuthorization(Policies.Administer).WithValidation<AgentLabelsBody, AgentLabelsValidator>();
        api.MapGet("/{name}/events", EventsAsync);
        return app;
    }

    public static async Task<Ok<List<AgentDto>>> ListAsync(LinkwatchDbContext db, AgentConnectionRegistry registry, CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(agents.Select(a => ToDto(a, registry)).ToList());
    }

    public static AgentDto ToDto(Platform.Store.Agent a, AgentConnectionRegistry registry) => new(
        a.Id, a.Name, registry.IsOnline(a.Id), Time.FromMs(a.LastSeen), a.Version,
        StoredJson.ReadLabels(a.Labels), StoredJson.ReadList(a.Addresses), a.Revoked, Time.FromMs(a.CreatedAt),
        StoredJson.ReadList(a.ResponderAddresses), StoredJson.ReadResponderPorts(a.ResponderPorts));

    /// <summary>
    /// Replaces the agent's labels (<c>{}</c> clears them). They are the server's from then on: the agent's reconnects
    /// never send labels, and a re-enrollment replaces them only when it brings labels of its own. Nothing an agent is
    /// assigned depends on its labels (checks name their agents), so no assignments change; agent-offline rules and
    /// the dashboard read the new labels at their next look.
    /// </summary>
    public static async Task<Results<Ok<AgentDto>, ProblemHttpResult>> SetLabelsAsync(
        string name, Valid<AgentLabelsBody> body, LinkwatchDbContext db, AgentConnectionRegistry registry, LiveEvents live,
        ILogger<AgentDto> logger, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        if (agent is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no agent named '{name}'");
        agent.Labels = StoredJson.WriteLabels(body.Value.Labels);
        await db.SaveChangesAsync(cancellationToken);
        Log.LabelsChanged(logger, name, body.Value.Labels!.Count);
        live.Publish(new AgentChanged(agent.Id, agent.Name));
        return TypedResults.Ok(ToDto(agent, registry));
    }

    /// <summary>The agent's network change events, newest first; <c>from</c>/<c>to</c> bound the agent-clock time.</summary>
    public static async Task<Results<Ok<List<NetworkEventDto>>, ValidationProblem, ProblemHttpResult>> EventsAsync(
        string name, [AsParameters] EventsQuery request, LinkwatchDbContext db, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (from, to) = errors.TimeRange(request.From, request.To);
        var limit = EventLimits.Read(errors, request.Limit);
        if (errors.Count > 0)
            return errors.ToProblem();
        var agentId = await db.Agents.Where(a => a.Name == name).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (agentId is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no agent named '{name}'");
        var query = db.NetworkEvents.AsNoTracking().Where(e => e.AgentId == agentId);
        if (from is { } f)
            query = query.Where(e => e.At >= f);
        if (to is { } t)
            query = query.Where(e => e.At <= t);
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(limit).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(e => new NetworkEventDto(
            e.Id, name, Time.FromMs(e.At), e.Kind, e.Interface, e.Detail, Time.FromMs(e.ReceivedAt))).ToList());
    }

    /// <summary>Revokes the credential and closes the agent's live connection.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string name, LinkwatchDbContext db, AgentConnectionRegistry registry, AssignmentPublisher publisher, ILogger<AgentDto> logger,
        CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        if (agent is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no agent named '{name}'");
        await RevokeAgentAsync(agent, db, registry, publisher, logger, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary><see cref="RevokeAsync"/> by the agent's id.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeByIdAsync(
        long id, LinkwatchDbContext db, AgentConnectionRegistry registry, AssignmentPublisher publisher, ILogger<AgentDto> logger,
        CancellationToken cancellationToken)
    {
        var agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agent is null)
            return Problems.NotFound("agent", id);
        await RevokeAgentAsync(agent, db, registry, publisher, logger, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task RevokeAgentAsync(Platform.Store.Agent agent, LinkwatchDbContext db, AgentConnectionRegistry registry,
        AssignmentPublisher publisher, ILogger logger, CancellationToken cancellationToken)
    {
        agent.Revoked = true;
        await db.SaveChangesAsync(cancellationToken);
        registry.Abort(agent.Id);
        Log.Revoked(logger, agent.Name);
        // Other agents' mesh checks stop aiming at it.
        await publisher.PublishMeshAsync(agent.Name, cancellationToken);
    }
}
