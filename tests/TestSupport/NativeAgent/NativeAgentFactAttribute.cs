namespace Linkwatch.TestSupport;

/// <summary>
/// A fact that runs the published native agent: skipped with the reason where it cannot be built (no clang, no static
/// SQLite); in CI (<c>CI=true</c>) never skipped, so a missing package fails the run.
/// </summary>
public sealed class NativeAgentFactAttribute() : RequirementFactAttribute(SkipReason())
{
    private static string? SkipReason() =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) || NativeAgentBuild.Problem() is not { } problem
            ? null
            : $"native agent tests skipped: {problem}; with CI=true this fails instead";
}
