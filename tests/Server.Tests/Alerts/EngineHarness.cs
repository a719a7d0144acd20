using Linkwatch.Server.Agents;
using Linkwatch.Server.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Linkwatch.Server.Alerts;
using Linkwatch.Server.Alerts.Engine;
using Linkwatch.Server.Platform.Live;
using Linkwatch.Server.Platform.Store;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>
/// The real <see cref="AlertEngine"/> on a real, migrated SQLite file, with a hand-moved clock and a
/// sink that records notifications. Each fed result moves the clock by the check's interval.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _dir;

    private EngineHarness(ServiceProvider services, string dir)
    {
        _services = services;
        _dir = dir;
        Engine = NewEngine();
    }

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    public RecordingSink Sink { get; } = new();
    public AlertEngine Engine { get; private set; }
    /// <summary>The current engine's rule cache: rules added straight into the store invalidate it, as the API does.</summary>
    public AlertRuleCache Rules { get; private set; } = new();
    public List<AlertChanged> Changes { get; } = [];
    /// <summary>The hub's registry; empty (nobody connected) unless a test registers a connection.</summary>
    public AgentConnectionRegistry Connections { get; } = new();

    public static async Task<EngineHarness> CreateAsync()
    {
        var dir = Directory.CreateTempSubdirectory("linkwatch-engine-test-").FullName;
        var services = new ServiceCollection()
            .AddDbContext<LinkwatchDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dir, "linkwatch.db")}"))
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>().Database.MigrateAsync().OrTimeout();
        return new EngineHarness(services, dir);
    }

    /// <summary>A fresh engine over the same database, as after a server restart.</summary>
    public AlertEngine NewEngine()
    {
        var live = new LiveEvents(NullLogger<LiveEvents>.Instance);
        live.Subscribe(e =>
        {
            if (e is AlertChanged c)
                Changes.Add(c);
        });
        var announcer = new AlertAnnouncer(Sink, live, Microsoft.Extensions.Options.Options.Create(new AlertsOptions { PublicUrl = "http://dash.test" }));
        Rules = new AlertRuleCache();
        return Engine = new AlertEngine(_services.GetRequiredService<IServiceScopeFactory>(), Rules, announcer, Clock, Connections,
            NullLogger<AlertEngine>.Instance);
    }

    public async Task<T> DbAsync<T>(Func<LinkwatchDbContext, Task<T>> use)
    {
        await using var scope = _services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>());
    }

    public Task<long> AddCheckAsync(string name, Dictionary<string, string>? labels = null) => DbAsync(async db =>
    {
        var check = new Check { Name = name, Kind = "tcp", Target = "127.0.0.1:9", IntervalSeconds = 1, TimeoutSeconds = 1, Labels = StoredJson.WriteLabels(labels) };
        db.Checks.Add(check);
        await db.SaveChangesAsync();
        return check.Id;
    });

    public Task<long> AddAgentAsync(string name, Dictionary<string, string>? labels = null, long? lastSeen = null) => DbAsync(async db =>
    {
        var agent = new Platform.Store.Agent { Name = name, CredentialHash = Guid.NewGuid().ToString("N"), Labels = StoredJson.WriteLabels(labels), LastSeen = lastSeen };
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        return agent.Id;
    });

    public Task<long> AddRuleAsync(long? checkId, Action<AlertRule>? configure = null) => DbAsync(async db =>
    {
        var rule = new AlertRule
        {
            Name = "rule",
            CheckId = checkId,
            OpenAfterFailures = 2,
            ResolveAfterSuccesses = 2,
            Channels = StoredJson.WriteList(["hook"]),
        };
        configure?.Invoke(rule);
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync();
        Rules.Invalidate();
        return rule.Id;
    });

    public Task AddSilenceAsync(Silence silence) => DbAsync(async db =>
    {
        db.Silences.Add(silence);
        return await db.SaveChangesAsync();
    });

    public Task<long> AddWindowAsync(MaintenanceWindow window) => DbAsync(async db =>
    {
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync();
        return window.Id;
    });

    /// <summary>Feeds <paramref name="count"/> results of one agent, one per second of the fake clock.</summary>
    public async Task FeedAsync(long checkId, long agentId, string status, int count = 1, string? verdict = null)
    {
        for (var i = 0; i < count; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await FeedTogetherAsync([(checkId, agentId, status, verdict)]);
        }
    }

    /// <summary>One batch with one result per entry, all at the current time (as several agents reporting at once).</summary>
    public async Task FeedTogetherAsync(IEnumerable<(long CheckId, long AgentId, string Status, string? Verdict)> results)
    {
        var batch = new List<StoredResult>();
        foreach (var (checkId, agentId, status, verdict) in results)
        {
            var id = Guid.CreateVersion7(Clock.Now);
            batch.Add(new StoredResult(id, checkId, agentId, Clock.Now, status, verdict ?? (status == "up" ? "ok" : "timeout")));
            await DbAsync(async db =>
            {
                db.Results.Add(new Result
                {
                    Id = id, CheckId = checkId, AgentId = agentId, StartedAt = Clock.Now.ToUnixTimeMilliseconds(),
                    ReceivedAt = Clock.Now.ToUnixTimeMilliseconds(), Status = status, Verdict = verdict ?? (status == "up" ? "ok" : "timeout"),
                });
                return await db.SaveChangesAsync();
            });
        }
        await Engine.ProcessAsync(batch, CancellationToken.None).OrTimeout();
    }

    /// <summary>The agent hub's connect or disconnect, at the current fake time, as the engine service passes it on.</summary>
    public Task AgentStatusAsync(long agentId, string name, bool online) =>
        Engine.AgentStatusAsync(new AgentStatusChanged(agentId, name, online, Clock.Now), CancellationToken.None).OrTimeout();

    /// <summary>Moves the clock by <paramref name="seconds"/> in the service's agent-pass steps, running the pass at each.</summary>
    public async Task PassAgentTimeAsync(int seconds)
    {
        for (var t = 0; t < seconds; t += (int)AlertEngineService.AgentPeriod.TotalSeconds)
        {
            Clock.Advance(AlertEngineService.AgentPeriod);
            await Engine.CheckAgentsAsync(CancellationToken.None).OrTimeout();
        }
    }

    public Task<List<Alert>> AlertsAsync() => DbAsync(db => db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }
}
