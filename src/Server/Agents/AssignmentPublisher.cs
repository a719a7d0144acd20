using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Agents;

/// <summary>Pushes fresh assignment sets to connected agents after a check or a mesh peer changes.</summary>
public sealed partial class AssignmentPublisher(
    IHubContext<AgentHub, IAgentClient> hub,
    AgentConnectionRegistry registry,
    IServiceScopeFactory scopes,
    ILogger<AssignmentPublisher> logger)
{
    /// <summary>
    /// Sends each affected connected agent its whole new set. <paramref name="agentLists"/> are the
    /// changed check's agent lists before and after; an empty list means every agent.
    /// </summary>
    public async Task PublishAsync(IEnumerable<IReadOnlyList<string>> agentLists, CancellationToken cancellationToken)
    {
        var lists = agentLists.ToList();
        var everyone = lists.Any(l => l.Count == 0);
        var names = lists.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
        var targets = registry.Snapshot().Where(c => everyone || names.Contains(c.AgentName)).ToList();
        if (targets.Count == 0)
            return;
        var (checks, peers, revision) = await LoadAsync(cancellationToken);
        await PushAsync(targets, checks, peers, revision);
    }

    /// <summary>
    /// Agent <paramref name="changedAgent"/> became a different mesh target (its responder addresses or
    /// ports changed, or it was revoked): re-sends the sets of the other connected agents whose mesh
    /// checks (<c>@all</c> or <c>@changedAgent</c>) point at it.
    /// </summary>
    public async Task PublishMeshAsync(string changedAgent, CancellationToken cancellationToken)
    {
        var connected = registry.Snapshot().Where(c => c.AgentName != changedAgent).ToList();
        if (connected.Count == 0)
            return;
        var (checks, peers, revision) = await LoadAsync(cancellationToken);
        var mesh = checks.Where(c => AssignmentBuilder.IsMesh(c)
            && (c.Target == AssignmentBuilder.MeshAll || c.Target == "@" + changedAgent)).ToList();
        var targets = connected.Where(c => mesh.Any(m => AssignmentBuilder.AppliesTo(m, c.AgentName))).ToList();
        if (targets.Count > 0)
            await PushAsync(targets, checks, peers, revision);
    }

    private async Task<(List<Check> Checks, List<MeshPeer> Peers, long Revision)> LoadAsync(CancellationToken cancellationToken)
    {
        var revision = AssignmentBuilder.NextRevision();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();
        return (await AssignmentBuilder.LoadEnabledAsync(db, cancellationToken), await AssignmentBuilder.LoadPeersAsync(db, cancellationToken), revision);
    }

    private async Task PushAsync(IEnumerable<AgentConnectionRegistry.AgentConnection> targets, List<Check> checks, List<MeshPeer> peers, long revision)
    {
        foreach (var target in targets)
        {
            try
            {
                await hub.Clients.Client(target.ConnectionId).AssignmentsChanged(AssignmentBuilder.Build(target.AgentName, checks, peers, revision));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The agent asks again with Hello after it reconnects, so a lost push heals itself.
                Log.PushFailed(logger, target.AgentName, ex);
            }
        }
    }
}
