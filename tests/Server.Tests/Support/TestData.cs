using Linkwatch.Shared;

namespace Linkwatch.Server.Tests.Support;

/// <summary>Results as an agent would submit them.</summary>
public static class TestData
{
    public static AgentResult Result(long checkId, DateTimeOffset startedAt, string status, string verdict, params AttemptResult[] attempts) => new()
    {
        Id = Guid.CreateVersion7(startedAt),
        CheckId = checkId,
        StartedAt = startedAt,
        Outcome = new CheckOutcome { Kind = "tcp", Target = "x:1", Status = status, Verdict = verdict, Attempts = attempts },
    };
}
