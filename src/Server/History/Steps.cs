namespace Linkwatch.Server.History;

/// <summary>The rollup tiers' bucket lengths in milliseconds, and the names the API gives them.</summary>
public static class Steps
{
    public const long Minute = 60_000;
    public const long Hour = 3_600_000;
    public const long Day = 86_400_000;

    /// <summary>Finest first.</summary>
    public static readonly long[] Tiers = [Minute, Hour, Day];

    public static long Floor(long ms, long step) => ms - (((ms % step) + step) % step);

    public static string Name(long step) => step switch { Minute => "1m", Hour => "1h", Day => "1d", _ => "raw" };
}
