using Linkwatch.Shared;
using Microsoft.EntityFrameworkCore;
using Linkwatch.Server.History;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.History;

/// <summary>The rollup checks both providers run: seeded raw results, the builder, and what the tiers must hold.</summary>
public static class RollupStore
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 20, 22, 30, 0, TimeSpan.Zero);

    /// <summary>Three days of a check every 97 s from two agents, ipv4 and ipv6 alternating, with every status and some without a latency.</summary>
    public static List<Result> Seed(long checkId = 1)
    {
        var rows = new List<Result>();
        var random = new Random(7);
        for (var agent = 1L; agent <= 2; agent++)
        {
            for (var t = Origin; t < Origin.AddDays(3); t = t.AddSeconds(97))
            {
                var roll = random.Next(10);
                var status = roll < 7 ? Statuses.Up : roll < 9 ? Statuses.Degraded : Statuses.Down;
                var ms = t.ToUnixTimeMilliseconds();
                rows.Add(new Result
                {
                    Id = Guid.CreateVersion7(t.AddMilliseconds(agent)),
                    CheckId = checkId,
                    AgentId = agent,
                    StartedAt = ms,
                    ReceivedAt = ms + 500,
                    Status = status,
                    Verdict = "ok",
                    Family = rows.Count % 2 == 0 ? Families.Ipv4 : Families.Ipv6,
                    Phases = status == Statuses.Down ? null : $$"""{"connect":{{random.Next(1, 50)}},"total":{{random.Next(50, 500)}}}""",
                });
            }
        }
        return rows;
    }

    public static async Task AddAgentsAsync(LinkwatchDbContext db)
    {
        db.Agents.AddRange(new Linkwatch.Server.Platform.Store.Agent { Id = 1, Name = "a", CredentialHash = "" }, new Linkwatch.Server.Platform.Store.Agent { Id = 2, Name = "b", CredentialHash = "" });
        await db.SaveChangesAsync();
    }

    public static long End => Origin.AddDays(4).ToUnixTimeMilliseconds();

    /// <summary>Every tier's counts summed equal the raw rows', overall and per status.</summary>
    public static async Task AssertTiersMatchRawAsync(LinkwatchDbContext db)
    {
        var raw = await db.Results.AsNoTracking().GroupBy(r => r.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
        foreach (var step in Steps.Tiers)
        {
            var rows = await db.Rollups.AsNoTracking().Where(r => r.Step == step).ToListAsync();
            Assert.True(rows.Count > 0, $"no rollups of step {step}");
            Assert.Equal(raw.Sum(r => r.N), rows.Sum(r => r.Count));
            Assert.Equal(raw.Where(r => r.Key == Statuses.Up).Sum(r => r.N), rows.Sum(r => r.Up));
            Assert.Equal(raw.Where(r => r.Key == Statuses.Degraded).Sum(r => r.N), rows.Sum(r => r.Degraded));
            Assert.Equal(raw.Where(r => r.Key == Statuses.Down).Sum(r => r.N), rows.Sum(r => r.Down));
            Assert.All(rows, r => Assert.Equal(0, r.Start % step));
        }
    }

    /// <summary>Every rollup row, in key order, as text.</summary>
    public static async Task<List<string>> SnapshotAsync(LinkwatchDbContext db) =>
        (await db.Rollups.AsNoTracking().ToListAsync())
            .OrderBy(r => r.Step).ThenBy(r => r.CheckId).ThenBy(r => r.Start).ThenBy(r => r.AgentId).ThenBy(r => r.Family, StringComparer.Ordinal)
            .Select(r => $"{r.Step} {r.CheckId} {r.Start} {r.AgentId} {r.Family} {r.Count} {r.Up} {r.Degraded} {r.Down} {r.Samples} {r.Min} {r.Avg} {r.Max} {r.P50} {r.P95} {r.P99}")
            .ToList();
}
