using System.Net;
using System.Net.Sockets;

namespace Linkwatch.Server.Agents;

/// <summary>
/// Which checks an agent runs: enabled checks for every agent or naming it. A mesh check (target
/// <c>@all</c> or <c>@NAME</c>) becomes one assignment per peer agent, aimed at that peer's responder.
/// </summary>
public static class AssignmentBuilder
{
    public const string MeshAll = "@all";

    public static Task<List<Check>> LoadEnabledAsync(LinkwatchDbContext db, CancellationToken cancellationToken) =>
        db.Checks.AsNoTracking().Where(c => c.Enabled).OrderBy(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>Every agent as a possible mesh target (revoked ones included; <see cref="MeshPeer.IsTarget"/> tells).</summary>
    public static async Task<List<MeshPeer>> LoadPeersAsync(LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Agents.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new { a.Name, a.Revoked, a.ResponderAddresses, a.ResponderPorts })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new MeshPeer(a.Name, a.Revoked, StoredJson.ReadList(a.ResponderAddresses),
            StoredJson.ReadResponderPorts(a.ResponderPorts))).ToList();
    }

    public static AssignmentSet Build(string agentName, IEnumerable<Check> enabledChecks, IReadOnlyList<MeshPeer> peers, long revision = 0) => new()
    {
        AgentName = agentName,
        Revision = revision,
        Checks = [.. enabledChecks
            .Where(c => AppliesTo(c, agentName))
            .SelectMany(c => IsMesh(c) ? Expand(c, agentName, peers) : [ToAssignment(c, c.Target, null)])],
    };

    private static long _lastRevision;

    /// <summary>
    /// A revision for a set about to be computed; take it before reading the store, so that a set
    /// read later always has a higher one. Clock-based, so it keeps increasing across restarts.
    /// </summary>
    public static long NextRevision()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastRevision);
            var next = Math.Max(last + 1, DateTime.UtcNow.Ticks);
            if (Interlocked.CompareExchange(ref _lastRevision, next, last) == last)
                return next;
        }
    }

    public static bool IsMesh(Check check) => check.Target.StartsWith('@');

    public static bool AppliesTo(Check check, string agentName)
    {
        // Push checks are the server's own: no agent runs them.
        if (!CheckKinds.RunsOnAgents(check.Kind))
            return false;
        var agents = StoredJson.ReadList(check.Agents);
        return agents.Count == 0 || agents.Contains(agentName, StringComparer.Ordinal);
    }

    /// <summary>The agents a mesh check on <paramref name="agentName"/> points at: never itself, never a revoked agent.</summary>
    public static IEnumerable<MeshPeer> PeersOf(Check check, string agentName, IReadOnlyList<MeshPeer> peers)
    {
        var wanted = check.Target == MeshAll ? null : check.Target[1..];
        return peers.Where(p => p.IsTarget && p.Name != agentName && (wanted is null || p.Name == wanted));
    }

    private static IEnumerable<CheckAssignment> Expand(Check check, string agentName, IReadOnlyList<MeshPeer> peers)
    {
        foreach (var peer in PeersOf(check, agentName, peers))
        {
            if (TargetOf(check.Kind, check.Family, peer) is { } target)
                yield return ToAssignment(check, target, peer.Name);
        }
    }

    /// <summary>
    /// The peer's responder for <paramref name="kind"/>: its first advertised address of the check's family
    /// (any family for auto and both), with the kind's port; null when the peer has no such service.
    /// </summary>
    public static string? TargetOf(string kind, string family, MeshPeer peer)
    {
        if (peer.Ports?.ForKind(kind) is not { } port)
            return null;
        var wantedFamily = family switch
        {
            Families.Ipv4 => AddressFamily.InterNetwork,
            Families.Ipv6 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        foreach (var text in peer.Addresses)
        {
            var isAddress = IPAddress.TryParse(text.Trim('[', ']'), out var address);
            if (wantedFamily != AddressFamily.Unspecified && (!isAddress || address!.AddressFamily != wantedFamily))
                continue;
            var host = isAddress && address!.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : text;
            return kind switch
            {
                CheckKinds.Http => $"http://{host}:{port}/",
                CheckKinds.WebSocket => $"ws://{host}:{port}/",
                _ => $"{host}:{port}",
            };
        }
        return null;
    }

    private static CheckAssignment ToAssignment(Check c, string target, string? peer) => new()
    {
        CheckId = c.Id,
        Name = c.Name,
        Kind = c.Kind,
        Target = target,
        IntervalSeconds = c.IntervalSeconds,
        TimeoutSeconds = c.TimeoutSeconds,
        Family = c.Family,
        Options = StoredJson.ReadOptions(c.Options) is { Count: > 0 } o ? o : null,
        Peer = peer,
    };
}
