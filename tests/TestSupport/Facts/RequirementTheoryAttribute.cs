namespace Linkwatch.TestSupport;

/// <summary>The theory form of <see cref="RequirementFactAttribute"/>.</summary>
public abstract class RequirementTheoryAttribute : TheoryAttribute
{
    protected RequirementTheoryAttribute(string? skipReason)
    {
        if (skipReason is null)
            return;
        Skip = skipReason;
        Console.WriteLine(skipReason);
    }
}
