namespace Linkwatch.Server.Tests.Metrics;

/// <summary>
/// A fact that needs Debian's promtool (package <c>prometheus</c>). Without it a developer machine skips
/// with the reason; in CI (<c>CI=true</c>) nothing is skipped, so a missing promtool fails the run.
/// </summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (Promtool.SkipReason is { } reason)
        {
            Skip = reason;
            Console.WriteLine(reason);
        }
    }
}
