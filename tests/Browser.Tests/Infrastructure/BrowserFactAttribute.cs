namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>A fact that the runner reports as skipped, with the reason, where no browser can run (see <see cref="BrowserEnvironment"/>).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (BrowserEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
            Console.WriteLine(reason);
        }
    }
}
