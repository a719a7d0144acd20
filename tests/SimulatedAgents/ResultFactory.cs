using Linkwatch.Shared;

namespace Linkwatch.SimulatedAgents;

/// <summary>
/// Results shaped like a tcp probe's: one attempt with resolve/connect/total phases, mostly up,
/// now and then a refused connection. Ids are fresh UUIDv7s, so every result is new to the server.
/// </summary>
public sealed class ResultFactory(long checkId, string target, int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    public AgentResult[] Create(int count)
    {
        var results = new AgentResult[count];
        lock (_lock)
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
                results[i] = Create(now);
        }
        return results;
    }

    private AgentResult Create(DateTimeOffset now)
    {
        var resolve = Math.Round(0.01 + _random.NextDouble() * 0.05, 3);
        var connect = Math.Round(0.1 + _random.NextDouble() * 2.0, 3);
        var up = _random.Next(50) != 0;
        var verdict = up ? Verdicts.Ok : Verdicts.ConnectRefused;
        var attempt = new AttemptResult
        {
            Family = Families.Ipv4,
            Address = "127.0.0.1",
            Status = Verdicts.StatusOf(verdict),
            Verdict = verdict,
            Phases = new Dictionary<string, double>
            {
                [Phases.Resolve] = resolve,
                [Phases.Connect] = connect,
                [Phases.Total] = Math.Round(resolve + connect + 0.02, 3),
            },
            Error = up ? null : "Connection refused",
        };
        return new AgentResult
        {
            Id = Guid.CreateVersion7(now),
            CheckId = checkId,
            StartedAt = now.AddMilliseconds(-connect),
            Outcome = new CheckOutcome
            {
                Kind = CheckKinds.Tcp,
                Target = target,
                Status = attempt.Status,
                Verdict = verdict,
                Message = up ? $"connected to 127.0.0.1 in {connect:0.###} ms" : "connection refused by 127.0.0.1",
                Attempts = [attempt],
            },
        };
    }
}
