namespace Linkwatch.TestSupport;

/// <summary>
/// A fact that needs something from the machine (a browser, root for the network lab, a program).
/// Given a reason it cannot run, the runner reports it as skipped with that reason, also printed.
/// Whether CI turns a missing requirement into a failure is the requirement's own rule: its reason is null there.
/// </summary>
public abstract class RequirementFactAttribute : FactAttribute
{
    protected RequirementFactAttribute(string? skipReason)
    {
        if (skipReason is null)
            return;
        Skip = skipReason;
        Console.WriteLine(skipReason);
    }
}
