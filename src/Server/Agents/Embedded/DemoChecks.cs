using Linkwatch.Agent.Responder;

namespace Linkwatch.Server.Agents.Embedded;

/// <summary>
/// The checks a fresh install starts with: the server's own health over HTTP and the embedded
/// agent's responder. They run on the embedded agent only and are ordinary checks: edit or
/// delete them like any other.
/// </summary>
internal static class DemoChecks
{
    private const string DemoLabel = "demo";
    private const string ServerHealth = "server-health";
    private const int IntervalSeconds = 5;

    /// <summary>Creates the demo checks on an empty database; on later starts keeps the server URL current.</summary>
    public static async Task EnsureAsync(LinkwatchDbContext db, string agentName, string serverUrl, string responderHost, long now,
        CancellationToken cancellationToken)
    {
        if (!await db.Checks.AnyAsync(cancellationToken))
        {
            db.Checks.AddRange(
                Create("Linkwatch server health", CheckKinds.Http, serverUrl + "/healthz", ServerHealth, agentName, now),
                Create("Local responder TCP echo", CheckKinds.Tcp, $"{responderHost}:{ResponderOptions.EmbeddedTcpEchoPort}", "responder-tcp", agentName, now),
                Create("Local responder HTTP", CheckKinds.Http, $"http://{responderHost}:{ResponderOptions.EmbeddedHttpHealthPort}/", "responder-http", agentName, now));
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        // The server's port may differ from the last start (--urls); follow it rather than report it down.
        var marker = StoredJson.WriteLabels(new Dictionary<string, string> { [DemoLabel] = ServerHealth });
        var health = await db.Checks.FirstOrDefaultAsync(c => c.Labels == marker, cancellationToken);
        var target = serverUrl + "/healthz";
        if (health is not null && health.Target != target)
        {
            health.Target = target;
            health.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static Check Create(string name, string kind, string target, string demo, string agentName, long now) => new()
    {
        Name = name,
        Kind = kind,
        Target = target,
        IntervalSeconds = IntervalSeconds,
        TimeoutSeconds = Math.Min(CheckSpec.DefaultTimeoutSeconds, IntervalSeconds),
        Agents = StoredJson.WriteList([agentName]),
        Labels = StoredJson.WriteLabels(new Dictionary<string, string> { [DemoLabel] = demo }),
        CreatedAt = now,
        UpdatedAt = now,
    };
}
