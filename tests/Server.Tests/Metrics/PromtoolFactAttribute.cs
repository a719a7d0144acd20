namespace Linkwatch.Server.Tests.Metrics;

/// <summary>
/// A fact that needs Debian's promtool (package <c>prometheus</c>). Without it a developer machine skips
/// with the reason; in CI (<c>CI=true</c>) nothing is skipped, so a missing promtool fails the run.
/// </summary>
public sealed class PromtoolFactAttribute() : RequirementFactAttribute(Promtool.SkipReason);
