namespace Linkwatch.Server.Platform.Store;

/// <summary>
/// One bucket of one series (check, agent, family) in one tier: <see cref="Step"/> is the bucket's length in
/// milliseconds (60,000, 3,600,000 or 86,400,000), <see cref="Start"/> its first unix millisecond. Latencies are
/// of the total phase (else connect), in ms, over the <see cref="Samples"/> results that had one.
/// </summary>
public sealed class Rollup
{
    public long Step { get; set; }
    public long CheckId { get; set; }
    public long AgentId { get; set; }
    /// <summary>The results' family; empty for results that name none.</summary>
    public string Family { get; set; } = "";
    public long Start { get; set; }
    public int Count { get; set; }
    public int Up { get; set; }
    public int Degraded { get; set; }
    public int Down { get; set; }
    public int Samples { get; set; }
    public double? Min { get; set; }
    public double? Avg { get; set; }
    public double? Max { get; set; }
    public double? P50 { get; set; }
    public double? P95 { get; set; }
    public double? P99 { get; set; }
}

/// <summary>The rollup job's progress: every result received before <see cref="Watermark"/> is in the rollups.</summary>
public sealed class RollupState
{
    public long Id { get; set; }
    public long Watermark { get; set; }
}
