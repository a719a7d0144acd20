namespace Linkwatch.Server.History;

/// <summary>
/// Reads uptime and series for the API and the dashboard. A range is read from the rollups of its step, and from the
/// raw results where the rollups cannot answer: the results received since the watermark (not rolled up yet, found
/// by the receive-time index) and, for uptime, the partial bucket at the window's start.
/// </summary>
public sealed class HistoryQueries(LinkwatchDbContext db)
{
    /// <summary>More buckets than this in one series request is refused.</summary>
    public const int MaxBuckets = 10_000;

    /// <summary>The default step is the finest giving at most this many buckets.</summary>
    public const int DefaultBuckets = 1_500;

    public static readonly IReadOnlyDictionary<string, TimeSpan> Windows = new Dictionary<string, TimeSpan>
    {
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
        ["90d"] = TimeSpan.FromDays(90),
        ["365d"] = TimeSpan.FromDays(365),
    };

    public sealed record Counts(long Up, long Degraded, long Down)
    {
        public long Total => Up + Degraded + Down;
        /// <summary>(up + degraded) / total; null with no results.</summary>
        public double? Uptime => Total == 0 ? null : (double)(Up + Degraded) / Total;
        public static Counts operator +(Counts a, Counts b) => new(a.Up + b.Up, a.Degraded + b.Degraded, a.Down + b.Down);
        public static readonly Counts Zero = new(0, 0, 0);
    }

    public sealed record Bucket(
        long Start, int Count, int Up, int Degraded, int Down, double? Min, double? Avg, double? Max, double? P50, double? P95, double? P99);

    public sealed record Series(long AgentId, string? Family, List<Bucket> Buckets);

    /// <summary>The tier long reads of a range this long use: minute up to 2 days, hour up to 90 days, day beyond.</summary>
    public static long TierFor(TimeSpan range) =>
        range <= TimeSpan.FromDays(2) ? Steps.Minute : range <= TimeSpan.FromDays(90) ? Steps.Hour : Steps.Day;

    /// <summary>The finest rollup step giving at most <see cref="DefaultBuckets"/> buckets over the range.</summary>
    public static long DefaultStep(long from, long to)
    {
        foreach (var step in Steps.Tiers)
            if ((to - from) / step <= DefaultBuckets)
                return step;
        return Steps.Day;
    }

    public async Task<long> WatermarkAsync(CancellationToken ct) =>
        await db.RollupState.AsNoTracking().Where(s => s.Id == 1).Select(s => (long?)s.Watermark).FirstOrDefaultAsync(ct) ?? 0;

    /// <summary>
    /// Results of <paramref name="checkId"/> (one agent's or all) that started in [from, to): the partial bucket at the
    /// start from raw, whole buckets from the rollups (which hold exactly the results received before the watermark),
    /// and the results received since the watermark from raw.
    /// </summary>
    /// <param name="knownWatermark">The watermark when the caller read it already for several reads of one answer.</param>
    public async Task<Counts> CountsAsync(long checkId, long? agentId, long from, long to, CancellationToken ct, long? knownWatermark = null)
    {
        var step = TierFor(TimeSpan.FromMilliseconds(to - from));
        var watermark = knownWatermark ?? await WatermarkAsync(ct);
        var bodyStart = Math.Min(Ceil(from, step), to);
        var counts = await RawCountsAsync(checkId, agentId, from, bodyStart, null, ct);
        if (watermark > 0 && to > bodyStart)
        {
            var rollups = db.Rollups.AsNoTracking()
                .Where(r => r.Step == step && r.CheckId == checkId && r.Start >= bodyStart && r.Start < to);
            if (agentId is { } a)
                rollups = rollups.Where(r => r.AgentId == a);
            var sums = await rollups.GroupBy(_ => 1)
                .Select(g => new { Up = g.Sum(r => (long)r.Up), Degraded = g.Sum(r => (long)r.Degraded), Down = g.Sum(r => (long)r.Down) })
                .FirstOrDefaultAsync(ct);
            if (sums is not null)
                counts += new Counts(sums.Up, sums.Degraded, sums.Down);
        }
        return counts + await RawCountsAsync(checkId, agentId, bodyStart, to, watermark, ct);
    }

    /// <summary>Raw results in [from, to); with <paramref name="receivedSince"/>, only those received since then (not rolled up yet).</summary>
    private async Task<Counts> RawCountsAsync(long checkId, long? agentId, long from, long to, long? receivedSince, CancellationToken ct)
    {
        if (to <= from)
            return Counts.Zero;
        var raw = (receivedSince is { } since ? ReceivedSince(since) : db.Results.AsNoTracking())
            .Where(r => r.CheckId == checkId && r.StartedAt >= from && r.StartedAt < to
                && r.Verdict != Verdicts.NoAddress);
        if (agentId is { } a)
            raw = raw.Where(r => r.AgentId == a);
        var byStatus = await raw.GroupBy(r => r.Status).Select(g => new { g.Key, N = g.LongCount() }).ToListAsync(ct);
        long N(string s) => byStatus.Where(x => x.Key == s).Sum(x => x.N);
        var up = N(Statuses.Up);
        var degraded = N(Statuses.Degraded);
        return new Counts(up, degraded, byStatus.Sum(x => x.N) - up - degraded);
    }

    /// <summary>
    /// Buckets of <paramref name="step"/> (0 = raw: one bucket per result) over [from, to], one series per agent and
    /// family, oldest first.
    /// </summary>
    public async Task<List<Series>> SeriesAsync(
        long checkId, long from, long to, long step, long? agentId, string? family, CancellationToken ct, long? knownWatermark = null)
    {
        var rows = new List<(long AgentId, string Family, Bucket Bucket)>();
        if (step == 0)
        {
            foreach (var r in await RawAsync(checkId, from, to + 1, agentId, family, ct))
            {
                var latency = Latency.Of(r.Phases);
                var status = r.Status;
                rows.Add((r.AgentId, r.Family ?? "", new Bucket(r.StartedAt, 1, status == Statuses.Up ? 1 : 0, status == Statuses.Degraded ? 1 : 0,
                    status is Statuses.Up or Statuses.Degraded ? 0 : 1, latency, latency, latency, latency, latency, latency)));
            }
        }
        else
        {
            var first = Steps.Floor(from, step);
            var watermark = knownWatermark ?? await WatermarkAsync(ct);
            var buckets = new Dictionary<(long AgentId, string Family, long Start), Rollup>();
            if (watermark > 0)
            {
                var rollups = db.Rollups.AsNoTracking()
                    .Where(r => r.Step == step && r.CheckId == checkId && r.Start >= first && r.Start <= to);
                if (agentId is { } a)
                    rollups = rollups.Where(r => r.AgentId == a);
                if (family is not null)
                    rollups = rollups.Where(r => r.Family == family);
                foreach (var r in await rollups.ToListAsync(ct))
                    buckets[(r.AgentId, r.Family, r.Start)] = r;
            }
            // Results not rolled up yet (received since the watermark) join their buckets.
            var pending = await RawAsync(checkId, first, to + 1, agentId, family, ct, receivedSince: watermark);
            foreach (var g in pending.GroupBy(r => (r.AgentId, Family: r.Family ?? "", Start: Steps.Floor(r.StartedAt, step))))
            {
                var fresh = new Rollup { Start = g.Key.Start };
                BucketStats.FromRaw(fresh, g.OrderBy(r => r.StartedAt).Select(r => (r.Status, Latency.Of(r.Phases))));
                if (buckets.TryGetValue(g.Key, out var rolled))
                {
                    var merged = new Rollup { Start = g.Key.Start };
                    BucketStats.Merge(merged, [rolled, fresh]);
                    fresh = merged;
                }
                buckets[g.Key] = fresh;
            }
            foreach (var ((agent, fam, _), r) in buckets)
                rows.Add((agent, fam, ToBucket(r)));
        }
        return rows
            .GroupBy(r => (r.AgentId, r.Family))
            .OrderBy(g => g.Key.AgentId).ThenBy(g => g.Key.Family, StringComparer.Ordinal)
            .Select(g => new Series(g.Key.AgentId, g.Key.Family.Length == 0 ? null : g.Key.Family,
                g.Select(r => r.Bucket).OrderBy(b => b.Start).ToList()))
            .ToList();
    }

    /// <summary>How many raw results a raw series over [from, to] would have, up to <paramref name="atMost"/> + 1.</summary>
    public Task<int> RawCountAsync(long checkId, long from, long to, long? agentId, string? family, int atMost, CancellationToken ct) =>
        RawQuery(checkId, from, to + 1, agentId, family).Take(atMost + 1).CountAsync(ct);

    /// <summary>
    /// The results received since <paramref name="watermark"/> (not rolled up yet: one job period's worth), read through
    /// the receive-time index. Combined with a check and a start range, SQLite's planner (which has no statistics)
    /// prefers the (CheckId, StartedAt) index and walks every raw result of the check in the range, weeks of them for
    /// a long window, so on SQLite the index is named.
    /// </summary>
    private IQueryable<Result> ReceivedSince(long watermark) =>
        db.Database.IsSqlite()
            ? db.Results.FromSql($"SELECT * FROM \"Results\" INDEXED BY \"IX_Results_ReceivedAt\" WHERE \"ReceivedAt\" >= {watermark}").AsNoTracking()
            : db.Results.AsNoTracking().Where(r => r.ReceivedAt >= watermark);

    private IQueryable<Result> RawQuery(long checkId, long from, long end, long? agentId, string? family, long receivedSince = 0)
    {
        var raw = (receivedSince > 0 ? ReceivedSince(receivedSince) : db.Results.AsNoTracking())
            .Where(r => r.CheckId == checkId && r.StartedAt >= from && r.StartedAt < end
                // A run of a single family the name has no address in counts for nothing (docs/checks.md, address families).
                && r.Verdict != Verdicts.NoAddress);
        if (agentId is { } a)
            raw = raw.Where(r => r.AgentId == a);
        if (family is { Length: > 0 })
            raw = raw.Where(r => r.Family == family);
        else if (family is not null)
            raw = raw.Where(r => r.Family == null);
        return raw;
    }

    private async Task<List<RawRow>> RawAsync(
        long checkId, long from, long end, long? agentId, string? family, CancellationToken ct, long receivedSince = 0)
    {
        if (end <= from)
            return [];
        return await RawQuery(checkId, from, end, agentId, family, receivedSince)
            .Select(r => new RawRow(r.AgentId, r.Family, r.StartedAt, r.Status, r.Phases))
            .ToListAsync(ct);
    }

    private sealed record RawRow(long AgentId, string? Family, long StartedAt, string Status, string? Phases);

    private static Bucket ToBucket(Rollup r) => new(r.Start, r.Count, r.Up, r.Degraded, r.Down, r.Min, r.Avg, r.Max, r.P50, r.P95, r.P99);

    private static long Ceil(long ms, long step) => Steps.Floor(ms + step - 1, step);
}
