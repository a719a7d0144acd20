namespace Linkwatch.Lab.Tests.Infrastructure;

/// <summary>A theory that the runner reports as skipped, with the reason, where the lab cannot run (see <see cref="LabEnvironment"/>).</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        if (LabEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
            Console.WriteLine(reason);
        }
    }
}
