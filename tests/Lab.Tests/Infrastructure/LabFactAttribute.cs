namespace Linkwatch.Lab.Tests.Infrastructure;

/// <summary>A fact skipped, with the reason, where the lab cannot run (see <see cref="LabEnvironment"/>).</summary>
public sealed class LabFactAttribute() : RequirementFactAttribute(LabEnvironment.SkipReason);
