namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>A theory skipped, with the reason, where no browser can run (see <see cref="BrowserEnvironment"/>).</summary>
public sealed class BrowserTheoryAttribute() : RequirementTheoryAttribute(BrowserEnvironment.SkipReason);
