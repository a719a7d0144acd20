using System.Diagnostics;

namespace Linkwatch.Agent.Net;

/// <summary>Phase timing in milliseconds from stopwatch timestamps, rounded to what is meaningful.</summary>
public static class Timings
{
    public static double Since(long startTimestamp) => Between(startTimestamp, Stopwatch.GetTimestamp());

    // Microsecond resolution: finer digits are noise and only bloat every stored result.
    public static double Between(long startTimestamp, long endTimestamp) =>
        Math.Round(Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalMilliseconds, 3);
}
