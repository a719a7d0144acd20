namespace Linkwatch.ProbeBench;

/// <summary>One prober's run of one kind: how many probes, how long, and what its process spent.</summary>
public sealed record ProberRun(string Prober, string Kind, int Probes, int Ok, TimeSpan Wall, double CpuSeconds, long PeakRssBytes)
{
    public double ProbesPerSecond => Probes / Wall.TotalSeconds;
    public double ProbesPerCpuSecond => CpuSeconds > 0 ? Probes / CpuSeconds : double.PositiveInfinity;
}
