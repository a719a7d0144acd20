namespace Linkwatch.Shared.Kinds;

/// <summary>
/// The <c>maxLatencyMs</c> option every connection kind takes (the kinds that take <c>family</c>): an attempt that
/// works but takes longer in total is <c>too_slow</c> (degraded). Read here for all of them, so a new connection kind
/// gets it without code of its own, and applied by the agent's runner to each attempt's total phase.
/// </summary>
public static class LatencyLimit
{
    public const string Name = "maxLatencyMs";

    /// <summary>The longest check timeout, in milliseconds: a limit beyond it could never be reached.</summary>
    public const int MaxMs = (int)(CheckSpec.MaxTimeoutSeconds * 1000);

    /// <summary>Reads the option for kinds it applies to; null when not given.</summary>
    public static int? Read(ICheckKind kind, CheckOptionReader reader) =>
        kind.TakesFamily ? reader.GetInt(Name, 1, MaxMs) : null;
}
