namespace Linkwatch.Server.Alerts.Engine;

/// <summary>
/// The newest status of every (check, agent) series of the checks that are parents (<c>dependsOn</c>), which decides
/// whether a child's alerts for an agent are held: the parent is down for an agent when its newest result from that
/// agent is down, or, where the parent does not run on that agent, when its public status is down (every agent's
/// newest result down). Filled from the store the first time a parent is asked about, then kept current by results.
/// </summary>
public sealed class ParentStates
{
    private readonly Dictionary<long, Dictionary<long, (long At, bool Down)>> _byCheck = [];

    public bool Knows(long checkId) => _byCheck.ContainsKey(checkId);

    public void Clear() => _byCheck.Clear();

    /// <summary>Starts a parent's state (an empty one when it has no results yet).</summary>
    public void Seed(long checkId) => _byCheck.TryAdd(checkId, []);

    /// <summary>
    /// Takes a result in (only the newest of a series counts); true when it changed whether the check is down for that
    /// agent, or its public status, from down to not down: then held children may be released.
    /// </summary>
    public (bool Recovered, bool Fell) Observe(long checkId, long agentId, long startedAt, string status)
    {
        if (!_byCheck.TryGetValue(checkId, out var agents))
            return (false, false);
        var wasPublicDown = IsPublicDown(agents);
        var known = agents.TryGetValue(agentId, out var before);
        if (known && before.At > startedAt)
            return (false, false);
        var down = status == Statuses.Down;
        agents[agentId] = (startedAt, down);
        var publicDown = IsPublicDown(agents);
        var recovered = (known && before.Down && !down) || (wasPublicDown && !publicDown);
        var fell = (!known || !before.Down) && down;
        return (recovered, fell);
    }

    /// <summary>Whether any of <paramref name="check"/>'s parents is down for <paramref name="agentId"/> (null: a quorum alert).</summary>
    public bool AnyParentDown(CheckInfo check, long? agentId) => check.DependsOn.Any(parent => IsDown(parent, agentId));

    private bool IsDown(long parent, long? agentId)
    {
        if (!_byCheck.TryGetValue(parent, out var agents))
            return false;
        if (agentId is { } id && agents.TryGetValue(id, out var own))
            return own.Down;
        return IsPublicDown(agents);
    }

    private static bool IsPublicDown(Dictionary<long, (long At, bool Down)> agents) => agents.Count > 0 && agents.Values.All(a => a.Down);
}
