using System.Text.Json;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Results;

namespace Linkwatch.Server.Dashboard;

/// <summary>Reads what the pages show. Scoped, like the context: a page takes one per load.</summary>
public sealed class DashboardQueries(
    LinkwatchDbContext db, AgentConnectionRegistry registry, Readiness readiness, LatestResults latestResults, OverviewSnapshots overviews,
    History.UptimeCounter uptime)
{
    /// <summary>Rows in the check page's table.</summary>
    public const int RecentResults = 50;
    /// <summary>Points in the check page's chart: about 15 minutes of a 1 s check on one agent.</summary>
    public const int ChartResults = 1000;
    /// <summary>Network events on the agent page.</summary>
    public const int RecentEvents = 50;
    /// <summary>A page asked for while the schema is still migrating waits this long, then fails.</summary>
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(30);

    /// <summary>The overview as every open overview shares it (see <see cref="OverviewSnapshots"/>).</summary>
    public async Task<OverviewModel> LoadOverviewAsync(CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        return await overviews.GetAsync(cancellationToken);
    }

    /// <summary>Builds the overview from the store and the newest results in memory.</summary>
    public async Task<OverviewModel> BuildOverviewAsync(CancellationToken cancellationToken)
    {
        var agents = await LoadAgentsAsync(cancellationToken);
        var checks = await db.Checks.AsNoTracking()
            .OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var groups = new List<CheckGroup>(checks.Count);
        foreach (var check in checks)
            groups.Add(check.Enabled ? await LoadGroupAsync(check, agents, cancellationToken) : PausedGroup(check));
        return new OverviewModel(agents, groups, OverviewSummary.From(agents, groups));
    }

    /// <summary>One check's overview rows; null when it is gone or disabled (the page then drops it).</summary>
    public async Task<CheckGroup?> LoadCheckGroupAsync(long checkId, CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        var check = await db.Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checkId && c.Enabled, cancellationToken);
        return check is null ? null : await LoadGroupAsync(check, await LoadAgentsAsync(cancellationToken), cancellationToken);
    }

    public async Task<CheckPageModel?> LoadCheckPageAsync(long checkId, CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        var check = await db.Checks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checkId, cancellationToken);
        if (check is null)
            return null;
        var view = new CheckView(
            check.Id, check.Name, check.Kind, check.Target, check.IntervalSeconds, check.TimeoutSeconds, check.Family, check.Enabled,
            StoredJson.ReadList(check.Agents),
            Linkwatch.Server.Checks.CheckSecrets.Shown(check.Kind, StoredJson.ReadOptions(check.Options)).ToDictionary(o => o.Key, o => o.Value.ToString()),
            StoredJson.ReadLabels(check.Labels));
        return new CheckPageModel(view, await LoadCheckResultsAsync(checkId, cancellationToken));
    }

    public async Task<CheckResults> LoadCheckResultsAsync(long checkId, CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        var names = await db.Agents.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        // Same order as GET /api/results, so "newest" means the same thing on the page and in the API.
        var rows = await db.Results.AsNoTracking().Where(r => r.CheckId == checkId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(ChartResults)
            .Select(r => new { r.StartedAt, r.AgentId, r.Peer, r.Family, r.Status, r.Verdict, r.Phases, r.Error, r.Message })
            .ToListAsync(cancellationToken);
        // A mesh result is "source → target": one row label and one chart line per pair.
        var results = rows.Select(r => new ResultView(
            DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAt),
            r.Peer is null ? names.GetValueOrDefault(r.AgentId, "?") : $"{names.GetValueOrDefault(r.AgentId, "?")} → {r.Peer}", r.Family,
            r.Status, r.Verdict, History.Latency.Of(r.Phases), r.Error ?? r.Message)).ToList();
        return new CheckResults(checkId, results.Take(RecentResults).ToList(), BuildChart(results));
    }

    public async Task<MeshModel> LoadMeshAsync(CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        var agents = await LoadAgentsAsync(cancellationToken);
        var peers = await AssignmentBuilder.LoadPeersAsync(db, cancellationToken);
        var checks = (await AssignmentBuilder.LoadEnabledAsync(db, cancellationToken)).Where(AssignmentBuilder.IsMesh)
            .OrderBy(c => c.Name).ThenBy(c => c.Id).ToList();
        var matrices = new List<MeshMatrix>(checks.Count);
        foreach (var check in checks)
        {
            var sources = agents.Where(a => AssignmentBuilder.AppliesTo(check, a.Name)).ToList();
            var targetPeers = peers.Where(p => p.IsTarget && (check.Target == AssignmentBuilder.MeshAll || check.Target == "@" + p.Name)).ToList();
            var targets = targetPeers.Select(p => p.Name).ToList();
            var noService = targetPeers.Where(p => AssignmentBuilder.TargetOf(check.Kind, check.Family, p) is null)
                .Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var cells = new Dictionary<(string, string), MeshCell>();
            foreach (var source in sources)
            {
                foreach (var target in targets.Where(t => t != source.Name && !noService.Contains(t)))
                {
                    var latest = await db.Results.AsNoTracking()
                        .Where(r => r.CheckId == check.Id && r.AgentId == source.Id && r.Peer == target)
                        .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                        .Select(r => new { r.StartedAt, r.Status, r.Verdict, r.Phases, r.Error, r.Message, r.Attempts })
                        .FirstOrDefaultAsync(cancellationToken);
                    if (latest is null)
                        continue;
                    var families = StoredJson.ReadAttempts(latest.Attempts)
                        .Where(a => a.Family is not null)
                        .Select(a => new MeshFamily(a.Family!, a.Status, a.Verdict,
                            a.Phases.TryGetValue(Phases.Total, out var t) ? t : a.Phases.TryGetValue(Phases.Connect, out var c) ? c : null))
                        .ToList();
                    cells[(source.Name, target)] = new MeshCell(DateTimeOffset.FromUnixTimeMilliseconds(latest.StartedAt),
                        latest.Status, latest.Verdict, History.Latency.Of(latest.Phases), latest.Error ?? latest.Message, families);
                }
            }
            matrices.Add(new MeshMatrix(check.Id, check.Name, check.Kind, check.Target, check.Family, sources, targets, noService, cells));
        }
        return new MeshModel(matrices);
    }

    /// <summary>The agent page; null for an unknown name.</summary>
    public async Task<AgentPageModel?> LoadAgentPageAsync(string name, CancellationToken cancellationToken)
    {
        await readiness.WhenReady.WaitAsync(ReadyWait, cancellationToken);
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        if (agent is null)
            return null;
        var view = new AgentView(agent.Id, agent.Name, registry.IsOnline(agent.Id),
            agent.LastSeen is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null, agent.Version);
        var checks = (await AssignmentBuilder.LoadEnabledAsync(db, cancellationToken))
            .Where(c => AssignmentBuilder.AppliesTo(c, agent.Name)).OrderBy(c => c.Name).ThenBy(c => c.Id).ToList();
        var rows = new List<AgentCheckRow>(checks.Count);
        foreach (var check in checks)
        {
            var latest = await db.Results.AsNoTracking()
                .Where(r => r.CheckId == check.Id && r.AgentId == agent.Id)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .Select(r => new { r.StartedAt, r.Status, r.Verdict, r.Phases, r.Error, r.Message, r.Peer })
                .FirstOrDefaultAsync(cancellationToken);
            rows.Add(new AgentCheckRow(check.Id, check.Name, check.Kind, check.Target, latest is null ? null : new LatestResult(
                DateTimeOffset.FromUnixTimeMilliseconds(latest.StartedAt), latest.Status, latest.Verdict, History.Latency.Of(latest.Phases),
                latest.Peer is null ? latest.Error ?? latest.Message : $"→ {latest.Peer}: {latest.Error ?? latest.Message ?? latest.Verdict}")));
        }
        var events = await db.NetworkEvents.AsNoTracking().Where(e => e.AgentId == agent.Id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(RecentEvents)
            .Select(e => new { e.At, e.Kind, e.Interface, e.Detail })
            .ToListAsync(cancellationToken);
        return new AgentPageModel(view, agent.Revoked, StoredJson.ReadList(agent.Addresses), StoredJson.ReadList(agent.ResponderAddresses),
            StoredJson.ReadResponderPorts(agent.ResponderPorts), StoredJson.ReadLabels(agent.Labels), rows,
            events.Select(e => new NetworkEventView(DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Kind, e.Interface, e.Detail)).ToList());
    }

    private async Task<List<AgentView>> LoadAgentsAsync(CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().Where(a => !a.Revoked).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return agents.Select(a => new AgentView(
            a.Id, a.Name, registry.IsOnline(a.Id), a.LastSeen is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null, a.Version)).ToList();
    }

    /// <summary>A paused check keeps one row on the overview, so it can be found and resumed there.</summary>
    private static CheckGroup PausedGroup(Check check) =>
        new(check.Id, check.Name, check.Kind, check.Target, [new CheckAgentRow(null, false, null) { Paused = true }])
        {
            Labels = StoredJson.ReadLabels(check.Labels),
            Paused = true,
        };

    private async Task<CheckGroup> LoadGroupAsync(Check check, IReadOnlyList<AgentView> agents, CancellationToken cancellationToken)
    {
        var rows = new List<CheckAgentRow>();
        foreach (var agent in agents.Where(a => AssignmentBuilder.AppliesTo(check, a.Name)))
        {
            // From memory once known; the first time, one index seek on (CheckId, StartedAt): a group-wise max over
            // all raw results would scan days of rows.
            var latest = await latestResults.GetOrLoadAsync(check.Id, agent.Id, () => LoadLatestAsync(check.Id, agent.Id, cancellationToken));
            rows.Add(new CheckAgentRow(agent.Name, agent.Online, latest is null ? null
                : new LatestResult(latest.StartedAt, latest.Status, latest.Verdict, Latency(latest.Phases), latest.Detail))
            { Uptime24h = uptime.Uptime(check.Id, agent.Id) });
        }
        if (!CheckKinds.RunsOnAgents(check.Kind))
        {
            const long server = Results.Ingest.IngestQueue.ServerAgentId;
            var latest = await latestResults.GetOrLoadAsync(check.Id, server, () => LoadLatestAsync(check.Id, server, cancellationToken));
            rows.Add(new CheckAgentRow(null, false, latest is null ? null
                : new LatestResult(latest.StartedAt, latest.Status, latest.Verdict, Latency(latest.Phases), latest.Detail))
            { Uptime24h = uptime.Uptime(check.Id, server), Pushed = true });
        }
        if (rows.Count == 0)
            rows.Add(new CheckAgentRow(null, false, null));
        return new CheckGroup(check.Id, check.Name, check.Kind, check.Target, rows) { Labels = StoredJson.ReadLabels(check.Labels) };
    }

    private async Task<LatestResults.Entry?> LoadLatestAsync(long checkId, long agentId, CancellationToken cancellationToken)
    {
        var row = await db.Results.AsNoTracking()
            .Where(r => r.CheckId == checkId && r.AgentId == agentId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.StartedAt, r.Status, r.Verdict, r.Phases, r.Error, r.Message, r.Peer })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new LatestResults.Entry(DateTimeOffset.FromUnixTimeMilliseconds(row.StartedAt), row.Id, row.Status,
            row.Verdict, StoredJson.ReadPhases(row.Phases), row.Peer, row.Error ?? row.Message);
    }

    /// <summary>The latency a person means: the whole attempt (<c>total</c>), else the connect time.</summary>
    public static double? Latency(IReadOnlyDictionary<string, double>? phases) =>
        phases is null ? null : phases.TryGetValue(Phases.Total, out var total) ? total : phases.TryGetValue(Phases.Connect, out var connect) ? connect : null;

    /// <summary>One series per agent and family; failed results have no latency and leave a gap.</summary>
    private static ChartData BuildChart(IReadOnlyList<ResultView> newestFirst)
    {
        var ascending = newestFirst.Reverse().ToList();
        var labels = ascending.Select(SeriesLabel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var values = labels.Select(_ => new double?[ascending.Count]).ToList();
        var x = new double[ascending.Count];
        for (var i = 0; i < ascending.Count; i++)
        {
            var r = ascending[i];
            x[i] = r.StartedAt.ToUnixTimeMilliseconds() / 1000.0;
            values[index[SeriesLabel(r)]][i] = r.Status == Statuses.Down ? null : r.LatencyMs;
        }
        return new ChartData(x, labels.Select((l, i) => new ChartSeries(l, values[i])).ToList());
    }

    private static string SeriesLabel(ResultView r) => r.Family is null or Families.Auto ? r.Agent : $"{r.Agent} · {r.Family}";
}
