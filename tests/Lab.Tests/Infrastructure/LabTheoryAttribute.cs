namespace Linkwatch.Lab.Tests.Infrastructure;

/// <summary>A theory skipped, with the reason, where the lab cannot run (see <see cref="LabEnvironment"/>).</summary>
public sealed class LabTheoryAttribute() : RequirementTheoryAttribute(LabEnvironment.SkipReason);
