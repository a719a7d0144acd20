namespace Linkwatch.Server.Platform.Metrics;

/// <summary>Ingest's running totals since the process started; Prometheus sees a restart as a counter reset.</summary>
public sealed class IngestCounters
{
    private long _resultsStored;

    /// <summary>Results newly committed (a resent duplicate is not counted again).</summary>
    public long ResultsStored => Interlocked.Read(ref _resultsStored);

    public void AddResultsStored(int count) => Interlocked.Add(ref _resultsStored, count);

    private long _resultsRefused;

    /// <summary>Results refused as untrusted: another agent's check, a peer outside the check, a time out of range.</summary>
    public long ResultsRefused => Interlocked.Read(ref _resultsRefused);

    public void AddResultsRefused(int count) => Interlocked.Add(ref _resultsRefused, count);
}
