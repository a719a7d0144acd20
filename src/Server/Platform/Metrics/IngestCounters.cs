namespace Linkwatch.Server.Platform.Metrics;

/// <summary>Ingest's running totals since the process started; Prometheus sees a restart as a counter reset.</summary>
public sealed class IngestCounters
{
    private long _resultsStored;

    /// <summary>Results newly committed (a resent duplicate is not counted again).</summary>
    public long ResultsStored => Interlocked.Read(ref _resultsStored);

    public void AddResultsStored(int count) => Interlocked.Add(ref _resultsStored, count);
}
