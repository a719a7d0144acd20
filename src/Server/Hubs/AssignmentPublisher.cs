using Linkwatch.Server.Store;
using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Hubs;

/// <summary>Pushes fresh assignment sets to connected agents after a check changes.</summary>
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

        List<Check> checks;
        await using (var scope = scopes.CreateAsyncScope())
            checks = await AssignmentBuilder.LoadEnabledAsync(scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>(), cancellationToken);

        foreach (var target in targets)
        {
            try
            {
                await hub.Clients.Client(target.ConnectionId).AssignmentsChanged(AssignmentBuilder.Build(target.AgentName, checks));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The agent asks again with Hello after it reconnects, so a lost push heals itself.
                Log.PushFailed(logger, target.AgentName, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not push assignments to {Agent}", EventName = "AssignmentPushFailed")]
        public static partial void PushFailed(ILogger logger, string agent, Exception exception);
    }
}
