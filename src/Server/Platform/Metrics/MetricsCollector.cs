using System.Globalization;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Platform.Limits;

namespace Linkwatch.Server.Platform.Metrics;

/// <summary>
/// Builds one scrape from the store and in-process state. Per check and agent (and peer, for a mesh
/// check) it reads only the newest result, one index seek each, as the dashboard's overview does:
/// a scrape never scans raw results. Scoped, like the context it reads.
/// </summary>
public sealed class MetricsCollector(LinkwatchDbContext db, AgentConnectionRegistry registry, IngestCounters counters, LimitCounters limits)
{
    private static readonly string[] StatusValues = [Statuses.Up, Statuses.Degraded, Statuses.Down];
    private static readonly IReadOnlyDictionary<string, double> NoPhases = System.Collections.ObjectModel.ReadOnlyDictionary<string, double>.Empty;

    public async Task<string> CollectAsync(CancellationToken cancellationToken)
    {
        var agents = await db.Agents.AsNoTracking().Where(a => !a.Revoked).OrderBy(a => a.Name)
            .Select(a => new AgentRow(a.Id, a.Name, a.LastSeen)).ToListAsync(cancellationToken);
        var series = await LoadSeriesAsync(agents, cancellationToken);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken);
        var open = await db.Alerts.AsNoTracking()
            .Where(a => a.State == AlertStates.Open || a.State == AlertStates.Acknowledged)
            .GroupBy(a => a.RuleId).Select(g => new { RuleId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RuleId, g => g.Count, cancellationToken);

        var w = new PrometheusTextWriter();
        WriteAgents(w, agents);
        WriteChecks(w, series);
        w.Family("linkwatch_results_ingested_total", MetricType.Counter, "Results newly stored by ingest since the server started.");
        w.Sample(counters.ResultsStored);
        w.Family("linkwatch_results_refused_total", MetricType.Counter,
            "Results refused since the server started: a check not assigned to the sending agent, a mesh peer outside the check, a startedAt out of range.");
        w.Sample(counters.ResultsRefused);
        WriteLimits(w);
        w.Family("linkwatch_alerts_open", MetricType.Gauge, "Open alerts per rule, acknowledged ones included (they still need the problem fixed).");
        foreach (var r in rules)
            w.Sample(open.GetValueOrDefault(r.Id), ("rule_id", r.Id.ToString(CultureInfo.InvariantCulture)), ("rule", r.Name));
        return w.ToString();
    }

    private void WriteLimits(PrometheusTextWriter w)
    {
        var (anonymous, total) = limits.OpenConnections();
        w.Family("linkwatch_connections_open", MetricType.Gauge, "Open connections; state anonymous: no request on it has authenticated yet.");
        w.Sample(total, ("state", "all"));
        w.Sample(anonymous, ("state", "anonymous"));
        w.Family("linkwatch_connections_refused_total", MetricType.Counter,
            "Connections closed at once since the server started, by the limit reached: address (one address's anonymous connections), anonymous (all anonymous ones), total.");
        foreach (var reason in LimitCounters.RefusalReasons)
            w.Sample(limits.RefusedCount(reason), ("reason", reason));
        w.Family("linkwatch_limit_throttled_total", MetricType.Counter,
            "Calls slowed down (an agent's results, events, hello) or refused (failed sign-ins, enrollments) by a rate limit since the server started.");
        foreach (var limit in LimitCounters.ThrottledLimits)
            w.Sample(limits.ThrottledCount(limit), ("limit", limit));
    }

    private sealed record AgentRow(long Id, string Name, long? LastSeen);

    private async Task<List<CheckSeries>> LoadSeriesAsync(List<AgentRow> agents, CancellationToken cancellationToken)
    {
        var checks = await AssignmentBuilder.LoadEnabledAsync(db, cancellationToken);
        var peers = await AssignmentBuilder.LoadPeersAsync(db, cancellationToken);
        var series = new List<CheckSeries>();
        foreach (var check in checks)
        {
            foreach (var agent in agents.Where(a => AssignmentBuilder.AppliesTo(check, a.Name)))
            {
                if (!AssignmentBuilder.IsMesh(check))
                {
                    await AddNewestAsync(series, check, agent.Id, agent.Name, null, cancellationToken);
                    continue;
                }
                foreach (var peer in AssignmentBuilder.PeersOf(check, agent.Name, peers))
                    await AddNewestAsync(series, check, agent.Id, agent.Name, peer.Name, cancellationToken);
            }
        }
        return series;
    }

    private void WriteAgents(PrometheusTextWriter w, List<AgentRow> agents)
    {
        w.Family("linkwatch_agent_online", MetricType.Gauge, "1 while the agent has a live hub connection to this server, else 0.");
        foreach (var a in agents)
            w.Sample(registry.IsOnline(a.Id) ? 1 : 0, ("agent", a.Name));
        w.Family("linkwatch_agent_last_seen_timestamp_seconds", MetricType.Gauge, "When the server last heard from the agent (server clock, unix seconds).");
        foreach (var a in agents.Where(a => a.LastSeen is not null))
            w.Sample(a.LastSeen!.Value / 1000.0, ("agent", a.Name));
    }

    private static void WriteChecks(PrometheusTextWriter w, List<CheckSeries> series)
    {
        w.Family("linkwatch_check_status", MetricType.Gauge, "Status of the newest result: 1 for its status, 0 for the others.");
        foreach (var s in series)
        {
            foreach (var status in StatusValues)
                w.Sample(s.Status == status ? 1 : 0, [.. s.Labels, ("status", status)]);
        }
        w.Family("linkwatch_check_success", MetricType.Gauge,
            "1 when the newest result is up, else 0 (also for a family the name has no address in).");
        foreach (var s in series)
            w.Sample(s.Status == Statuses.Up ? 1 : 0, s.Labels);
        w.Family("linkwatch_check_latency_seconds", MetricType.Gauge,
            "Phase timings of the newest result; absent while it is down or its family has no address.");
        foreach (var s in series.Where(s => s.Status is not (Statuses.Down or Statuses.Absent)))
        {
            foreach (var (phase, ms) in s.Phases.OrderBy(p => p.Key, StringComparer.Ordinal))
                w.Sample(ms / 1000.0, [.. s.Labels, ("phase", phase)]);
        }
        w.Family("linkwatch_check_last_result_timestamp_seconds", MetricType.Gauge, "When the newest result started (agent clock, unix seconds).");
        foreach (var s in series)
            w.Sample(s.StartedAtMs / 1000.0, s.Labels);
    }

    /// <summary>
    /// The newest result as series: one with the check's own family; a check run per family (<c>both</c>)
    /// adds one per attempt (<c>ipv4</c>, <c>ipv6</c>), so "IPv6 failing, IPv4 ok" is visible in Prometheus.
    /// </summary>
    private async Task AddNewestAsync(List<CheckSeries> series, Check check, long agentId, string agentName, string? peer,
        CancellationToken cancellationToken)
    {
        var newest = await db.Results.AsNoTracking()
            .Where(r => r.CheckId == check.Id && r.AgentId == agentId && r.Peer == peer)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.StartedAt, r.Status, r.Attempts })
            .FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
            return;
        var attempts = StoredJson.ReadAttempts(newest.Attempts);
        var checkId = check.Id.ToString(CultureInfo.InvariantCulture);
        // A mesh check has one series per peer; without the peer label they would collide.
        (string, string)[] Labels(string family) => peer is null
            ? [("check_id", checkId), ("check", check.Name), ("kind", check.Kind), ("agent", agentName), ("family", family)]
            : [("check_id", checkId), ("check", check.Name), ("kind", check.Kind), ("agent", agentName), ("family", family), ("peer", peer)];

        if (check.Family != Families.Both)
        {
            // A family the name has no address in is not up: success 0, so a rule on it fires when an AAAA record disappears.
            var status = attempts.Count > 0 && attempts[0].Status == Statuses.Absent ? Statuses.Absent : newest.Status;
            series.Add(new CheckSeries(Labels(check.Family), status, newest.StartedAt, attempts.Count > 0 ? attempts[0].Phases : NoPhases));
            return;
        }
        // The combined result's phases would repeat one family's; its latency lives on the per-family series.
        series.Add(new CheckSeries(Labels(Families.Both), newest.Status, newest.StartedAt, NoPhases));
        foreach (var attempt in attempts.Where(a => a.Family is Families.Ipv4 or Families.Ipv6).DistinctBy(a => a.Family))
            series.Add(new CheckSeries(Labels(attempt.Family!), attempt.Status, newest.StartedAt, attempt.Phases));
    }

    private sealed record CheckSeries((string Name, string Value)[] Labels, string Status, long StartedAtMs, IReadOnlyDictionary<string, double> Phases);
}
