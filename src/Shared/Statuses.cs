namespace Linkwatch.Shared;

/// <summary>The status of a result or attempt.</summary>
public static class Statuses
{
    public const string Up = "up";
    public const string Degraded = "degraded";
    public const string Down = "down";
    /// <summary>
    /// An attempt's status only, never a result's: the name has no address in the attempt's family. It leaves the
    /// result's status alone, rollups skip it, and /metrics reports that family's success as 0.
    /// </summary>
    public const string Absent = "absent";

    /// <summary>Plugin-style exit code: 0 up, 1 degraded, 2 down, 3 unknown.</summary>
    public static int ExitCode(string status) => status switch
    {
        Up => 0,
        Degraded => 1,
        Down => 2,
        _ => 3,
    };

    /// <summary>The worse of two statuses.</summary>
    public static string Worst(string a, string b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(string s) => s switch { Absent => -1, Up => 0, Degraded => 1, _ => 2 };
}
