namespace Linkwatch.Browser.Tests.Infrastructure;

/// <summary>A fact skipped, with the reason, where no browser can run (see <see cref="BrowserEnvironment"/>).</summary>
public sealed class BrowserFactAttribute() : RequirementFactAttribute(BrowserEnvironment.SkipReason);
