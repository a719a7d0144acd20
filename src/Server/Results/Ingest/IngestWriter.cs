using Linkwatch.Shared.Diagnostics;
using Linkwatch.Server.Platform.Health;
using Linkwatch.Server.Platform.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Results.Ingest;

/// <summary>
/// The single writer: drains every waiting batch (up to <see cref="MaxResultsPerTransaction"/>),
/// stores them in one transaction, and only after the commit completes each batch with its ack.
/// One writer means no write-lock contention on SQLite and no insert races on the same id.
/// </summary>
public sealed partial class IngestWriter(
    IngestQueue queue,
    IServiceScopeFactory scopes,
    Readiness readiness,
    LiveEvents live,
    IngestCounters counters,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Platform.Options.StorageOptions> storage,
    ILogger<IngestWriter> logger) : BackgroundService
{
    /// <summary>Large enough to amortise the commit (an fsync), small enough to keep acks quick.</summary>
    public const int MaxResultsPerTransaction = 2000;

    // Agents keep unstored results and resend them, so one line per outage is enough.
    private readonly FailureStreak _failures = FailureStreak.Once(time);
    // Refusals are logged once per agent and streak: a misbehaving agent must not fill the log.
    private readonly Dictionary<long, FailureStreak> _refusals = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<IngestBatch>();
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken);
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                pending.Clear();
                var count = 0;
                while (count < MaxResultsPerTransaction && queue.Reader.TryRead(out var batch))
                {
                    pending.Add(batch);
                    count += batch.Results.Count;
                }
                try
                {
                    await WriteAsync(pending, stoppingToken);
                    if (_failures.Recovered())
                        Log.Recovered(logger);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    if (_failures.ShouldLog())
                        Log.WriteFailed(logger, count, ex);
                    foreach (var b in pending)
                        b.Completion.TrySetException(new HubException("results were not stored; send them again"));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        foreach (var b in pending)
            b.Completion.TrySetCanceled(stoppingToken);
        while (queue.Reader.TryRead(out var left))
            left.Completion.TrySetCanceled(stoppingToken);
    }

    private async Task WriteAsync(List<IngestBatch> batches, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LinkwatchDbContext>();

        var trust = await AssignmentTrust.LoadAsync(db, batches, time.GetUtcNow(), storage.Value.RawRetentionDays, cancellationToken);
        var refusedCount = 0;

        var acks = new ResultAck[batches.Count];
        var stored = new List<StoredResult>();
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var rows = new List<Result>();
            for (var i = 0; i < batches.Count; i++)
            {
                var batch = batches[i];
                var committed = new List<Guid>(batch.Results.Count);
                var rejected = new List<Guid>();
                string? reason = null;
                foreach (var r in batch.Results)
                {
                    if (!batch.FromServer && trust.Refusal(r, batch.AgentId) is { } why)
                    {
                        reason ??= why;
                        rejected.Add(r.Id);
                        continue;
                    }
                    rows.Add(ResultRules.ToRow(r, batch.AgentId, batch.ReceivedAt));
                    committed.Add(r.Id);
                }
                acks[i] = new ResultAck { Committed = committed, Rejected = rejected };
                refusedCount += rejected.Count;
                NoteRefusals(batch.AgentId, rejected.Count, reason);
            }

            using var inserter = new ResultInserter(db);
            var inserted = await inserter.InsertAsync(rows, cancellationToken);
            // In submission order; an id sent twice in these batches was new (and is published) once.
            foreach (var batch in batches)
            {
                foreach (var r in batch.Results)
                {
                    if (inserted.Remove(r.Id))
                        stored.Add(new StoredResult(r.Id, r.CheckId, batch.AgentId, r.StartedAt, r.Outcome.Status, r.Outcome.Verdict,
                            r.Outcome.Attempts.Count > 0 ? r.Outcome.Attempts[0].Phases : null, string.IsNullOrEmpty(r.Peer) ? null : r.Peer, DetailOf(r.Outcome)));
                }
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var agentIds = batches.Where(b => !b.FromServer).Select(b => b.AgentId).Distinct().ToList();
            await db.Agents.Where(a => agentIds.Contains(a.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeen, now), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        // Counted before the acks go out, so a scrape after an ack already includes the batch.
        counters.AddResultsStored(stored.Count);
        counters.AddResultsRefused(refusedCount);
        for (var i = 0; i < batches.Count; i++)
            batches[i].Completion.TrySetResult(acks[i]);
        if (stored.Count > 0)
            live.Publish(new ResultsStored(stored));
    }

    private void NoteRefusals(long agentId, int refused, string? reason)
    {
        if (!_refusals.TryGetValue(agentId, out var streak))
        {
            if (refused == 0)
                return;
            _refusals[agentId] = streak = FailureStreak.Once(time);
        }
        if (refused > 0)
        {
            if (streak.ShouldLog())
                Log.Refused(logger, agentId, refused, reason ?? "untrusted");
        }
        else if (streak.Recovered())
            _refusals.Remove(agentId);
    }

    /// <summary>What a person reads about a result: the stored row's error (the first attempt's), else its message.</summary>
    private static string? DetailOf(CheckOutcome outcome) => (outcome.Attempts.Count > 0 ? outcome.Attempts[0].Error : null) ?? outcome.Message;
}
