namespace Linkwatch.Agent.Probes;

/// <summary>Runs a check once; never throws for network failures, which become verdicts.</summary>
public interface ICheckRunner
{
    Task<CheckOutcome> RunAsync(CheckRequest request, CancellationToken cancellationToken);
}
